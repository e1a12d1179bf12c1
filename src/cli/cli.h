/* regent CLI: subcommand table, exit codes, shared helpers. */
#ifndef RG_CLI_CLI_H
#define RG_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "rego/policy.h"

/* Exit statuses, shared by every subcommand. */
enum {
    RG_EXIT_OK = 0,      /* success; for scan: no finding at or above --fail-on */
    RG_EXIT_FINDINGS = 1, /* scan: findings; eval: --fail and undefined result */
    RG_EXIT_ERROR = 2,   /* bad usage, unreadable input, parse/compile/eval errors */
};

typedef struct rg_cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} rg_cli_command;

int rg_cmd_eval(int argc, char **argv);
int rg_cmd_scan(int argc, char **argv);
int rg_cmd_test(int argc, char **argv);
int rg_cmd_policies(int argc, char **argv);

/* Prints diagnostics as "file:line:col: code: message", one per line. */
void rg_cli_print_diags(FILE *f, const rg_diags *d);


#endif
