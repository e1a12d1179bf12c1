/* regent command-line entry point: dispatches to subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "regent/regent.h"

static int cmd_version(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("regent %s\n", regent_version());
    return RG_EXIT_OK;
}

static const rg_cli_command commands[] = {
    {"scan", "review CloudFormation templates and CDK cloud assemblies", rg_cmd_scan},
    {"eval", "evaluate a Rego query against policies, data and input", rg_cmd_eval},
    {"test", "run Rego unit tests (test_* rules) of policies", rg_cmd_test},
    {"policies", "list the controls, their metadata and what they cover", rg_cmd_policies},
    {"version", "print the version", cmd_version},
};

static void usage(FILE *f) {
    fputs("usage: regent <command> [options]\n\nregent: policy-as-code security review for CloudFormation and CDK.\n\ncommands:\n",
          f);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\nRun 'regent <command> --help' for a command's options.\n", f);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return RG_EXIT_ERROR;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return RG_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) return cmd_version(argc, argv);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "regent: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return RG_EXIT_ERROR;
}
