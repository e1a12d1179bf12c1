# METADATA
# title: RDS DB instances are not publicly accessible
# description: >-
#   `PubliclyAccessible: true` gives the instance a public DNS name that
#   resolves to a public IP; together with a permissive security group or a
#   public subnet the database listener is reachable from the internet and
#   exposed to credential stuffing and engine vulnerabilities.
# custom:
#   id: RDS.002
#   severity: critical
#   remediation: >-
#     Set `PubliclyAccessible: false` and place the instance in private or
#     isolated subnets (CDK: `publiclyAccessible: false`, `vpcSubnets:
#     {subnetType: ec2.SubnetType.PRIVATE_ISOLATED}`); reach it through a
#     bastion with SSM or a VPN.
#   frameworks:
#     nist-800-53: [AC-3, SC-7]
#   aliases:
#     checkov: [CKV_AWS_17]
package regent.aws.rds.public_access

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	aws_iam.is_true(r.Properties.PubliclyAccessible)
	result := {
		"msg": sprintf("%s: RDS DB instance is publicly accessible; expected PubliclyAccessible: false", [id]),
		"resource": id,
		"path": ["Properties", "PubliclyAccessible"],
	}
}
