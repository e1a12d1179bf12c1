/* regent command-line entry point (placeholder until subcommands land). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "version") == 0) {
        puts("regent 0.1.0");
        return 0;
    }
    fputs("usage: regent <command>\n", stderr);
    return 2;
}
