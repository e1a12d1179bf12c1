# METADATA
# title: Broken
package acme.broken

import rego.v1

deny contains "z" if {
	input.z ==
}
