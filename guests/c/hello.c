// The smallest WASI command: one line on stdout. bin/process-bench times the start of a run with it.
#include <stdio.h>

int main(void) {
    puts("hello, world");
    return 0;
}
