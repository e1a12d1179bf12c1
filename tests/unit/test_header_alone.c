/* The public header compiles on its own, with nothing included before it. */
#include "regent/regent.h"

#include "testlib.h"

int main(void) {
    CHECK(regent_version()[0] != 0);
    return rg_test_report("header_alone");
}
