package regent.aws.iam.public_principal_test

import rego.v1

import data.regent.aws.iam.public_principal
import data.regent.cfn

trust(statements) := {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": statements}}}}}

assume_anyone := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}

test_trust_policy_with_any_principal_is_denied if {
	some r in public_principal.deny with input as trust([assume_anyone])
	r.resource == "R"
	r.path == ["Properties", "AssumeRolePolicyDocument", "Statement", 0]
	contains(r.msg, "trust policy")
	contains(r.msg, "assume the role")
}

test_trust_policy_with_org_condition_passes if {
	s := object.union(assume_anyone, {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}})
	count(public_principal.deny) == 0 with input as trust([s])
}

test_external_id_alone_does_not_restrict if {
	s := object.union(assume_anyone, {"Condition": {"StringEquals": {"sts:ExternalId": "shared-secret"}}})
	some r in public_principal.deny with input as trust([s])
	r.resource == "R"
}

test_service_and_account_principals_pass if {
	count(public_principal.deny) == 0 with input as trust([
		{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": {"Fn::GetAtt": ["PipelineRoleD68726F7", "Arn"]}}, "Action": "sts:AssumeRole"},
	])
}

test_topic_policy_publish_to_anyone_is_denied if {
	t := {"Resources": {"TP": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "T"}], "PolicyDocument": {"Statement": [{"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": {"Ref": "T"}}]}}}}}
	some r in public_principal.deny with input as t
	r.resource == "TP"
	contains(r.msg, "\"Open\"")
	contains(r.msg, "sns:Publish")
}

test_cdk_topic_policy_tls_deny_passes if {
	t := {"Resources": {"AlarmTopicPolicy309DB5F8": {
		"Type": "AWS::SNS::TopicPolicy",
		"Properties": {"PolicyDocument": {"Statement": [{"Action": "sns:Publish", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Effect": "Deny", "Principal": "*", "Resource": {"Ref": "AlarmTopicD01E77F9"}, "Sid": "AllowPublishThroughSSLOnly"}]}, "Topics": [{"Ref": "AlarmTopicD01E77F9"}]},
		"Metadata": {"aws:cdk:path": "stack/AlarmTopic/Policy/Resource"},
	}}}
	count(public_principal.deny) == 0 with input as t
}

test_secret_resource_policy_is_denied if {
	t := {"Resources": {"SP": {"Type": "AWS::SecretsManager::ResourcePolicy", "Properties": {"SecretId": {"Ref": "S"}, "ResourcePolicy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}}}}}
	some r in public_principal.deny with input as t
	r.path == ["Properties", "ResourcePolicy", "Statement", 0]
}

test_ecr_repository_policy_is_denied if {
	t := {"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryPolicyText": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}}}}}
	some r in public_principal.deny with input as t
	r.resource == "Repo"
}

test_other_resource_policies_are_left_to_their_controls if {
	t := {"Resources": {
		"BP": {"Type": "AWS::S3::BucketPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}}},
		"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt"}]}}},
	}}
	count(public_principal.deny) == 0 with input as t
}

test_malformed_documents_are_ignored if {
	t := {"Resources": {
		"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": "{\"Statement\": []}"}},
		"TP": {"Type": "AWS::SNS::TopicPolicy"},
	}}
	count(public_principal.deny) == 0 with input as t
}

test_open_trust_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": {"Fn::If": ["IsDev", "*", "arn:aws:iam::111122223333:root"]}}, "Action": "sts:AssumeRole"}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in public_principal.deny with input as v.template
	r.resource == "R"
}

test_trusted_account_parameter_default_star_is_denied if {
	t := {
		"Parameters": {"Trusted": {"Type": "String", "Default": "*"}},
		"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": {"Ref": "Trusted"}}, "Action": "sts:AssumeRole"}]}}}},
	}
	some v in cfn.variants(t)
	some r in public_principal.deny with input as v.template
	r.resource == "R"
}

test_public_queue_policy_is_denied if {
	qp := {"Type": "AWS::SQS::QueuePolicy", "Properties": {
		"Queues": [{"Ref": "Q"}],
		"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Q", "Arn"]}}]},
	}}
	some r in public_principal.deny with input as {"Resources": {"QP": qp}}
	r.resource == "QP"
	contains(r.msg, "queue policy")
}

test_queue_policy_restricted_by_source_arn_passes if {
	qp := {"Type": "AWS::SQS::QueuePolicy", "Properties": {
		"Queues": [{"Ref": "Q"}],
		"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}, {
			"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*",
			"Condition": {"ArnEquals": {"aws:SourceArn": {"Ref": "Topic"}}},
		}]},
	}}
	count(public_principal.deny) == 0 with input as {"Resources": {"QP": qp}}
}
