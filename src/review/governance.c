/* Governance findings (GOV.001, GOV.002), the no-review list and the GOV.*
 * pseudo-controls; see governance.h and docs/governance.md. */
#include "review/governance.h"

#include <fnmatch.h>
#include <string.h>

/* The built-in no-review list: types with no security-relevant settings of
 * their own, or whose security is decided by resources that controls
 * review.  docs/governance.md shows the same table (a unit test keeps the
 * two in step). */
const rg_no_review_entry rg_no_review_defaults[] = {
    {"AWS::CDK::Metadata", "CDK version reporting; creates no infrastructure"},
    {"AWS::CloudFormation::WaitConditionHandle", "a pre-signed URL for stack signals; no settings"},
    {"AWS::CloudFormation::WaitCondition", "stack orchestration only; no infrastructure"},
    {"AWS::ApplicationAutoScaling::ScalableTarget", "capacity limits of a service that is reviewed itself"},
    {"AWS::ApplicationAutoScaling::ScalingPolicy", "scaling rules; no access or data settings"},
    {"AWS::CloudWatch::Alarm", "a metric threshold; its actions are resources reviewed on their own"},
    {"AWS::EC2::EIP", "an address; exposure is decided by the instance or gateway and its security groups"},
    {"AWS::EC2::InternetGateway", "no settings; exposure is decided by routes, subnets and security groups"},
    {"AWS::EC2::NatGateway", "outbound address translation; reviewed through the VPC's subnets and routes"},
    {"AWS::EC2::VPCGatewayAttachment", "attaches a gateway to a VPC; no settings of its own"},
    {"AWS::EC2::RouteTable", "a container for routes; no settings of its own"},
    {"AWS::EC2::Route", "routing; reachability is enforced by security groups and network ACLs"},
    {"AWS::EC2::SubnetRouteTableAssociation", "associates a subnet with a route table; no settings"},
    {"AWS::KMS::Alias", "a name for a key; the key and its policy are reviewed"},
    {"AWS::Route53::RecordSet", "DNS data pointing at resources that are reviewed themselves"},
    {"AWS::ApiGateway::Deployment", "a snapshot of an API; stages and methods carry the settings"},
    {"AWS::ApiGateway::Resource", "a path segment; its methods carry the authorization"},
    {"AWS::ApiGateway::Model", "a request or response schema"},
    {"AWS::ApiGateway::BasePathMapping", "maps a domain path to a stage; the domain and the stage are reviewed"},
    {"AWS::ElasticLoadBalancingV2::ListenerRule", "routing conditions; the listener carries protocol and TLS"},
    {"AWS::Lambda::EventSourceMapping", "connects a source to a function; both are reviewed"},
    {"AWS::CloudFront::OriginAccessControl", "signing settings for origin requests, reviewed on the distribution"},
    {"AWS::CloudFront::ResponseHeadersPolicy", "response headers, reviewed on the distribution that uses them"},
    {"AWS::CloudFormation::CustomResource", "a custom resource; its provider function is reviewed"},
    {"Custom::*", "custom resources; their provider function is reviewed"},
    {"AWS::ApiGateway::Account", "the account's CloudWatch logging role; stages' logging is reviewed (APIGW.001, APIGW.002)"},
    {"AWS::ApiGateway::RequestValidator", "validation settings that methods refer to; methods are reviewed (APIGW.008)"},
    {"AWS::ApiGateway::Authorizer", "authentication settings that methods refer to; methods' authorization is reviewed (APIGW.007)"},
    {"AWS::EC2::SecurityGroupEgress", "an outbound rule; exposure is decided by ingress rules, which are reviewed (EC2.001, EC2.002)"},
    {"AWS::RDS::EventSubscription", "sends database events to an SNS topic, which is reviewed itself"},
    {"AWS::WAFv2::WebACLAssociation", "attaches a web ACL to a resource; the ACL and the resource are reviewed"},
    {"AWS::WAFv2::LoggingConfiguration", "turns on logging for a web ACL, which is reviewed itself"},
    {"AWS::CloudFormation::Stack", "its template is not part of the scan: reported as unverifiable (GOV.005) instead"},
    {"AWS::Serverless::Application", "its template is not part of the scan: reported as unverifiable (GOV.005) instead"},
    {NULL, NULL},
};

static const rg_control gov_controls[] = {
    {.id = "GOV.001",
     .package = "regent",
     .title = "Resource types are reviewed by approved controls",
     .description = "A resource whose type no approved control examines is deployed without a security review: "
                    "that regent reports nothing about it does not mean it is safe.",
     .remediation = "Write a control for the type (list it in custom.resource_types) and have the security team "
                    "approve it; if the type has no security-relevant settings, add it to no_review_types in "
                    ".regent.yaml; otherwise ask for a waiver.",
     .severity = RG_SEV_HIGH},
    {.id = "GOV.002",
     .package = "regent",
     .title = "Controls reviewing deployed resource types are approved",
     .description = "A control the security team has not approved may check the wrong thing or miss cases; until "
                    "it is approved, its silence is not a review.",
     .remediation = "Have the security team review the control and record it in the control's METADATA "
                    "(custom.approval: status: approved, reviewer, date).",
     .severity = RG_SEV_HIGH},
    {.id = "GOV.003",
     .package = "regent",
     .title = "Suppressions are justified, name a known control and still apply",
     .description = "An exception without a recorded reason cannot be reviewed; one that names no control or matches "
                    "no finding hides nothing today but would silently hide a future finding; a misspelled "
                    "suppression key is ignored by the tool it was written for.",
     .remediation = "Give every suppression a reason (regent: reason, cfn_nag/cdk_nag: reason, checkov: comment), "
                    "name an existing control, remove stale suppressions, and fix misspelled keys.",
     .severity = RG_SEV_MEDIUM},
    {.id = "GOV.005",
     .package = "regent",
     .title = "Templates contain only what regent can review",
     .description = "Transforms and macros, nested stacks, serverless applications, values imported from other "
                    "stacks and unknown intrinsic functions are resolved by CloudFormation at deploy time: no "
                    "control can see what they produce, so a violation there would pass unnoticed.",
     .remediation = "Scan the expanded template (for example the output of `aws cloudformation get-template "
                    "--template-stage Processed`, or the nested stack's own template), pass the value in as a "
                    "parameter with AllowedValues, or grant a waiver after reviewing what the construct produces.",
     .severity = RG_SEV_MEDIUM},
    {.id = "GOV.004",
     .package = "regent",
     .title = "Waivers are current and still needed",
     .description = "An expired waiver no longer applies, so the findings it covered are reported again; a waiver "
                    "that matches no finding hides nothing today but would silently hide a future one.",
     .remediation = "Fix the finding or renew the waiver after a new review (a later expires date); delete waivers "
                    "that match nothing.",
     .severity = RG_SEV_MEDIUM},
};

const rg_control *rg_gov_control(const char *id) {
    for (size_t i = 0; id && i < sizeof gov_controls / sizeof *gov_controls; i++)
        if (!strcmp(gov_controls[i].id, id)) return &gov_controls[i];
    return NULL;
}

bool rg_gov_type_matches(const char *pattern, const char *type) {
    if (!pattern || !type) return false;
    /* Most patterns are plain type names: no need for fnmatch. */
    if (!strpbrk(pattern, "*?[\\")) return !strcmp(pattern, type);
    return fnmatch(pattern, type, 0) == 0;
}

static bool any_matches(const char *const *patterns, size_t n, const char *type) {
    for (size_t i = 0; patterns && i < n; i++)
        if (rg_gov_type_matches(patterns[i], type)) return true;
    return false;
}

const char *rg_gov_no_review_reason(const rg_gov_types *types, const char *type) {
    if (!type) return NULL;
    if (types && any_matches(types->no_review, types->n_no_review, type)) return "listed in no_review_types";
    for (const rg_no_review_entry *e = rg_no_review_defaults; e->pattern; e++) {
        if (!rg_gov_type_matches(e->pattern, type)) continue;
        if (types && any_matches(types->review, types->n_review, type)) return NULL;
        return e->reason;
    }
    return NULL;
}

static const char *opt_string(rg_arena *a, rg_value v) {
    return v.kind == RG_STRING ? rg_arena_strdup(a, v.u.s) : NULL;
}

void rg_gov_read_metadata(rg_arena *a, rg_value annotations, rg_control_gov *out) {
    memset(out, 0, sizeof *out);
    rg_value custom = rg_object_get_str(annotations, "custom");
    rg_value types = rg_object_get_str(custom, "resource_types");
    /* A single type may be written as a string. */
    const rg_value *items = types.kind == RG_ARRAY ? types.u.items : types.kind == RG_STRING ? &types : NULL;
    size_t n = types.kind == RG_ARRAY ? types.len : types.kind == RG_STRING ? 1 : 0;
    if (n) {
        const char **list = rg_arena_calloc(a, n * sizeof *list);
        for (size_t i = 0; i < n; i++)
            if (items[i].kind == RG_STRING && items[i].len) list[out->n_resource_types++] = rg_arena_strdup(a, items[i].u.s);
        out->resource_types = list;
    }
    rg_value approval = rg_object_get_str(custom, "approval");
    out->approval_status = opt_string(a, rg_object_get_str(approval, "status"));
    out->reviewer = opt_string(a, rg_object_get_str(approval, "reviewer"));
    out->approval_date = opt_string(a, rg_object_get_str(approval, "date"));
    out->approved = out->approval_status && !strcmp(out->approval_status, "approved");
}

static bool control_covers(const rg_control_gov *g, const char *type) {
    return any_matches(g->resource_types, g->n_resource_types, type);
}

/* A finding at a path below the template root (full: ["Resources", id,
 * ...]) shown as `path` relative to the resource, filled like the
 * scanner's own. */
static void add_finding_at(const rg_gov_ctx *c, rg_finding_list *out, size_t control, const char *id, const char *type,
                           rg_value full, const char *path, const char *message) {
    rg_arena *a = c->arena;
    rg_finding f;
    memset(&f, 0, sizeof f);
    f.control = control;
    f.rule = "deny";
    f.severity = c->controls[control].severity;
    f.message = rg_arena_strdup(a, message);
    f.file = c->t->file ? rg_arena_strdup(a, c->t->file) : NULL;
    f.stack = c->t->stack ? rg_arena_strdup(a, c->t->stack) : NULL;
    f.logical_id = id ? rg_arena_strdup(a, id) : NULL;
    f.resource_type = type ? rg_arena_strdup(a, type) : NULL;
    f.path = path && *path ? rg_arena_strdup(a, path) : NULL;
    const rg_cfn_resource_info *info = id ? rg_cfn_resource(c->t, id) : NULL;
    if (info) {
        f.construct_path = info->construct_path ? rg_arena_strdup(a, info->construct_path) : NULL;
        f.cdk_source_file = info->source_file ? rg_arena_strdup(a, info->source_file) : NULL;
        f.cdk_source_line = info->source_line;
    }
    rg_pos pos;
    if (rg_cfn_locate(c->t, full, &pos)) {
        f.line = pos.line, f.col = pos.col;
        size_t len = 0;
        const char *line = rg_cfn_source_line(c->t, pos.line, &len);
        if (line) f.source_line = rg_arena_strndup(a, line, len);
    }
    rg_finding_list_push(out, &f);
}

/* A finding on the resource's Type. */
static void add_finding(const rg_gov_ctx *c, rg_finding_list *out, size_t control, rg_value id, const char *type,
                        const char *message) {
    rg_value parts[3] = {rg_string_static("Resources", 9), id, rg_string_static("Type", 4)};
    add_finding_at(c, out, control, id.u.s, type, rg_array(c->arena, parts, 3), "Type", message);
}

static void check_resource(const rg_gov_ctx *c, rg_finding_list *out, rg_value id, const char *type) {
    bool approved = false;
    rg_buf pending = RG_BUF_INIT;
    for (size_t i = 0; i < c->n_reviewing; i++) {
        if (!control_covers(&c->gov[i], type)) continue;
        if (c->gov[i].approved) {
            approved = true;
        } else {
            if (pending.len) rg_buf_puts(&pending, ", ");
            rg_buf_puts(&pending, c->controls[i].id ? c->controls[i].id : "?");
        }
    }
    rg_buf msg = RG_BUF_INIT;
    if (!approved) {
        rg_buf_printf(&msg, "%s: no approved control reviews resources of type %s", id.u.s, type);
        add_finding(c, out, c->gov001, id, type, rg_buf_cstr(&msg));
    }
    if (pending.len) {
        msg.len = 0;
        rg_buf_printf(&msg, "%s: %s is reviewed by controls pending approval: %s", id.u.s, type, rg_buf_cstr(&pending));
        add_finding(c, out, c->gov002, id, type, rg_buf_cstr(&msg));
    }
    rg_buf_fini(&msg);
    rg_buf_fini(&pending);
}

void rg_gov_check_template(const rg_gov_ctx *c, rg_finding_list *out) {
    rg_value resources = rg_object_get_str(c->t->value, "Resources");
    for (size_t i = 0; resources.kind == RG_OBJECT && i < resources.len; i++) {
        rg_value id = rg_obj_key(resources, i);
        rg_value type = rg_object_get_str(rg_obj_val(resources, i), "Type");
        if (id.kind != RG_STRING || type.kind != RG_STRING) continue;
        if (rg_gov_no_review_reason(c->types, type.u.s)) continue;
        check_resource(c, out, id, type.u.s);
    }
}

/* ---- GOV.005: what regent cannot see ---- */

typedef struct unverifiable_ctx {
    const rg_gov_ctx *c;
    rg_finding_list *out;
    size_t control;
} unverifiable_ctx;

static void path_text(rg_buf *b, rg_value path) {
    for (size_t i = 0; i < path.len; i++) {
        rg_value k = path.u.items[i];
        if (k.kind == RG_STRING) {
            if (b->len) rg_buf_putc(b, '.');
            rg_buf_append(b, k.u.s, k.len);
        } else {
            rg_buf_putc(b, '[');
            rg_json_write(b, k, 0);
            rg_buf_putc(b, ']');
        }
    }
}

static void on_unverifiable(void *ud, const char *id, rg_value path, const char *reason) {
    unverifiable_ctx *u = ud;
    const rg_gov_ctx *c = u->c;
    rg_value type = rg_undefined();
    if (id) {
        rg_value r = rg_object_get_str(rg_object_get_str(c->t->value, "Resources"), id);
        type = rg_object_get_str(r, "Type");
        /* Values inside no-review resources do not matter; a whole resource
         * regent cannot see (a nested stack) always does. */
        if (path.len && type.kind == RG_STRING && rg_gov_no_review_reason(c->types, type.u.s)) return;
    }
    rg_vec full = RG_VEC_INIT;
    if (id) {
        rg_vec_push(&full, rg_string_static("Resources", 9));
        rg_vec_push(&full, rg_cstring(c->arena, id));
    }
    for (size_t i = 0; i < path.len; i++) rg_vec_push(&full, path.u.items[i]);
    rg_buf where = RG_BUF_INIT, msg = RG_BUF_INIT;
    path_text(&where, path);
    if (id && where.len) rg_buf_printf(&msg, "%s: %s: %s", id, rg_buf_cstr(&where), reason);
    else if (id) rg_buf_printf(&msg, "%s: %s", id, reason);
    else rg_buf_printf(&msg, "%s", reason);
    add_finding_at(c, u->out, u->control, id, type.kind == RG_STRING ? type.u.s : NULL,
                   rg_vec_to_array(c->arena, &full), rg_buf_cstr(&where), rg_buf_cstr(&msg));
    rg_vec_fini(&full);
    rg_buf_fini(&where);
    rg_buf_fini(&msg);
}

void rg_gov_check_unverifiable(const rg_gov_ctx *c, size_t gov005, rg_finding_list *out) {
    unverifiable_ctx u = {c, out, gov005};
    rg_cfn_unverifiable(c->arena, c->t->value, on_unverifiable, &u);
}
