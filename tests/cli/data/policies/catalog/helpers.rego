# Helpers, not a control: no deny, violation or warn rules.
package acme.helpers

import rego.v1

is_bucket(r) if r.Type == "AWS::S3::Bucket"
