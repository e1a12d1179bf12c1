# METADATA
# title: KMS keys rotate
# custom:
#   id: TEST-CDK-001
#   severity: medium
package test.cdk

import rego.v1

import data.regent.cfn

deny contains {"msg": sprintf("%s does not rotate", [id]), "resource": id, "path": ["Properties", "EnableKeyRotation"]} if {
	some id, k in cfn.resources("AWS::KMS::Key")
	not k.Properties.EnableKeyRotation == true
}
