// A small C library for the JVM: pure functions, a buffer in linear memory that Java fills, and one function the
// host provides. Built without libc (scripts/build-wasm in the repository root of wasm2jar):
//   clang-19 --target=wasm32-wasi -O2 -nostdlib -Wl,--no-entry -Wl,--export=__heap_base -Wl,--strip-debug \
//       src/main/c/mathlib.c -o src/main/wasm/mathlib.wasm

#define EXPORT(name) __attribute__((export_name(name)))

// Provided by the Java host: the facade lists it in its Host interface.
__attribute__((import_module("env"), import_name("progress"))) void progress(int done, int total);

EXPORT("add") int add(int a, int b) {
    return a + b;
}

// Traps on b == 0, as wasm's i32.div_s does: the facade throws TrapException.
EXPORT("divide") int divide(int a, int b) {
    return a / b;
}

EXPORT("fib") long long fib(int n) {
    long long a = 0, b = 1;
    for (int i = 0; i < n; i++) {
        long long next = a + b;
        a = b;
        b = next;
    }
    return a;
}

EXPORT("hypot") double hypot(double x, double y) {
    return __builtin_sqrt(x * x + y * y);
}

static unsigned char buffer[4096];

// Where Java writes the bytes that checksum reads.
EXPORT("buffer") unsigned char *buffer_address(void) {
    return buffer;
}

// Adler-32 of the first n bytes of the buffer, telling the host how far it is every 1024 bytes.
EXPORT("checksum") unsigned checksum(int n) {
    unsigned a = 1, b = 0;
    for (int i = 0; i < n && i < (int) sizeof buffer; i++) {
        a = (a + buffer[i]) % 65521;
        b = (b + a) % 65521;
        if ((i + 1) % 1024 == 0) {
            progress(i + 1, n);
        }
    }
    return (b << 16) | a;
}
