# METADATA
# title: RDS for MySQL and MariaDB instances record database activity with the audit plugin
# description: >-
#   MySQL and MariaDB on RDS only write an audit log (connections, DDL, grants)
#   when the instance's option group includes the MARIADB_AUDIT_PLUGIN option.
#   Without it, who connected and who changed schemas or privileges leaves no
#   trace, even when the `audit` log type is exported to CloudWatch Logs.
# custom:
#   id: RDS.013
#   severity: medium
#   resource_types: [AWS::RDS::DBInstance, AWS::RDS::OptionGroup]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-12]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Give the instance an option group with the `MARIADB_AUDIT_PLUGIN` option, and export the `audit` log.
#     ```ts
#     const options = new rds.OptionGroup(this, 'Options', {
#       engine,
#       configurations: [{ name: 'MARIADB_AUDIT_PLUGIN', settings: { SERVER_AUDIT_EVENTS: 'CONNECT,QUERY_DDL,QUERY_DCL' } }],
#     });
#     new rds.DatabaseInstance(this, 'Db', { engine, optionGroup: options, cloudwatchLogsExports: ['audit'] });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.mysql_audit_plugin

import rego.v1

import data.regent.cfn

mysql_family(engine) if {
	is_string(engine)
	lower(engine) in {"mysql", "mariadb"}
}

has_plugin(group) if {
	some option in cfn.as_array(cfn.property(group, ["OptionConfigurations"], []))
	option.OptionName == "MARIADB_AUDIT_PLUGIN"
}

# The option group of the template an instance uses, if any.
option_group(db) := group if {
	some gid, group in cfn.resources("AWS::RDS::OptionGroup")
	cfn.references(cfn.property(db, ["OptionGroupName"], null), gid)
}

deny contains result if {
	some id, db in cfn.resources("AWS::RDS::DBInstance")
	mysql_family(cfn.property(db, ["Engine"], null))
	cfn.property(db, ["SourceDBInstanceIdentifier"], null) == null # replicas inherit the source's options
	not external_group(db)
	not audited(db)
	result := {
		"msg": sprintf("%s: %s instance has no MARIADB_AUDIT_PLUGIN option, so connections and schema or privilege changes are not audited; expected an option group with MARIADB_AUDIT_PLUGIN", [id, lower(cfn.property(db, ["Engine"], ""))]),
		"resource": id,
		"path": ["Properties", "OptionGroupName"],
	}
}

audited(db) if has_plugin(option_group(db))

# An option group named by a literal or a parameter is defined elsewhere:
# regent cannot see its options, and does not guess.
external_group(db) if {
	name := cfn.property(db, ["OptionGroupName"], null)
	name != null
	not option_group(db)
	not startswith(sprintf("%v", [name]), "default:")
}
