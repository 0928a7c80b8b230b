// limits: guest code for the limit flags of `wasm2jar run` and runnable jars.
//   limits spin         loop forever
//   limits grow PAGES   grow memory by PAGES, print what memory.grow answered and the size after
//   limits count N      count to N in a loop and print N
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc == 2 && !strcmp(argv[1], "spin")) {
        volatile unsigned n = 0;
        for (;;) {
            n++;
        }
    }
    if (argc == 3 && !strcmp(argv[1], "grow")) {
        int old = __builtin_wasm_memory_grow(0, atoi(argv[2]));
        printf("%d %d\n", old, (int) __builtin_wasm_memory_size(0));
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "count")) {
        volatile int n = 0;
        int to = atoi(argv[2]);
        while (n < to) {
            n++;
        }
        printf("%d\n", n);
        return 0;
    }
    printf("usage: limits spin | grow PAGES | count N\n");
    return 2;
}
