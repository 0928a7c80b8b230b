// A WASI reactor (built with -mexec-model=reactor): no main, no _start. Its _initialize runs the constructor
// below, and the exports are then called one by one, as `wasm2jar run --reactor` and `wasm2jar invoke` do.
#include <stdio.h>
#include <stdlib.h>

static int base; // set by _initialize: an export called without it answers differently

__attribute__((constructor)) static void init(void) {
    base = 1000;
}

// Prints the variable NUMBER (read through WASI's environ_get) and returns base + NUMBER + x.
__attribute__((export_name("number_plus"))) int number_plus(int x) {
    const char *number = getenv("NUMBER");
    printf("NUMBER=%s\n", number ? number : "(unset)");
    fflush(stdout);
    return base + (number ? atoi(number) : 0) + x;
}

// Whether _initialize ran: 1 when it did.
__attribute__((export_name("initialized"))) int initialized(void) {
    return base == 1000;
}
