/* Severity names, shared by policies' metadata, --fail-on and reports. */
#include <strings.h>

#include "review/finding.h"

static const char *const names[] = {"info", "low", "medium", "high", "critical"};

const char *rg_severity_name(rg_severity s) {
    return (unsigned)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

int rg_severity_parse(const char *s) {
    if (!s) return -1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcasecmp(s, names[i])) return (int)i;
    if (!strcasecmp(s, "informational") || !strcasecmp(s, "note")) return RG_SEV_INFO;
    if (!strcasecmp(s, "moderate") || !strcasecmp(s, "warning")) return RG_SEV_MEDIUM;
    if (!strcasecmp(s, "error")) return RG_SEV_HIGH;
    return -1;
}
