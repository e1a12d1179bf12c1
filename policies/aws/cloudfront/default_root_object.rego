# METADATA
# title: CloudFront distributions with an S3 origin define a default root object
# description: >-
#   Without `DefaultRootObject`, a request for the distribution's root URL
#   is passed to the origin as-is: an S3 origin then answers with the
#   bucket's object listing when listing is allowed, or with an error page
#   that discloses the origin, instead of the intended index page.
# custom:
#   id: CLOUDFRONT.006
#   severity: low
#   resource_types: [AWS::CloudFront::Distribution]
#   threats: [T03]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [AC-3, SC-7]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `DistributionConfig.DefaultRootObject`, usually to `index.html`.
#     ```ts
#     new cloudfront.Distribution(this, 'Distribution', {
#       defaultBehavior: { origin },
#       defaultRootObject: 'index.html',
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_305]
#     control_tower: [CT.CLOUDFRONT.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudfront.default_root_object

import rego.v1

import data.regent.cfn

# An origin served from S3: an S3 origin configuration, an S3 domain name,
# or any attribute of a bucket of the template (its REST or website
# endpoint, which answers / with a listing or an error page).
s3_origin(config) if {
	some origin in cfn.as_array(object.get(config, "Origins", []))
	is_object(origin.S3OriginConfig)
}

s3_origin(config) if {
	some origin in cfn.as_array(object.get(config, "Origins", []))
	some s in {v | walk(origin.DomainName, [_, v]); is_string(v)}
	regex.match(`(^|\.)s3[.-]|s3-website|\.s3\.amazonaws\.com|RegionalDomainName|DomainName$`, s)
}

s3_origin(config) if {
	some origin in cfn.as_array(object.get(config, "Origins", []))
	some bucket, _ in cfn.resources("AWS::S3::Bucket")
	walk(origin.DomainName, [_, v])
	cfn.references(v, bucket)
}

deny contains result if {
	some id, d in cfn.resources("AWS::CloudFront::Distribution")
	config := cfn.property(d, ["DistributionConfig"], {})
	is_object(config)
	s3_origin(config)
	root := object.get(config, "DefaultRootObject", "")
	not valid_root(root)
	result := {
		"msg": sprintf("%s: CloudFront distribution with an S3 origin has no DefaultRootObject, so a request for / goes to the bucket itself; expected DefaultRootObject such as index.html", [id]),
		"resource": id,
		"path": ["Properties", "DistributionConfig"],
	}
}

valid_root(root) if {
	is_string(root)
	root != ""
}

valid_root(root) if cfn.is_intrinsic(root)
