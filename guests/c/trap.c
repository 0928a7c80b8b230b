// trap: traps three calls deep, so that a test can read the wasm backtrace.
//   trap divide N   (integer division by N: 0 traps)   trap unreachable   trap recurse N (N calls deep)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) int divide(int a, int b) {
    return a / b;
}

__attribute__((noinline)) int compute(int n) {
    return divide(100, n) + 1;
}

__attribute__((noinline)) void fail_hard(void) {
    __builtin_trap();
}

// Not a tail call (the result is used), so it stays a recursion N calls deep.
__attribute__((noinline)) int recurse(int n) {
    if (n <= 0) return 1;
    return recurse(n - 1) * 3 % 7 + 1;
}

int main(int argc, char **argv) {
    if (argc == 3 && !strcmp(argv[1], "divide")) {
        printf("%d\n", compute(atoi(argv[2])));
        return 0;
    }
    if (argc == 2 && !strcmp(argv[1], "unreachable")) {
        fail_hard();
    }
    if (argc == 3 && !strcmp(argv[1], "recurse")) {
        printf("%d\n", recurse(atoi(argv[2])));
        return 0;
    }
    printf("usage: trap divide N | unreachable | recurse N\n");
    return 2;
}
