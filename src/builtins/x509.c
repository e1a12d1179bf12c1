/* Builtins: x509 family (placeholder table, filled in by its family's work). */
#include "builtins/families.h"

const rg_builtin_def rg_builtins_x509[] = {
    {0},
};
