/*
 * Kernels for the SIMD benchmark (simd-bench): each is built twice by build-wasm.sh, with and without -msimd128,
 * and each build is compiled by wasm2jar. Every exported kernel processes one block of static data and returns an
 * int checksum; init() fills the data. Plain C: whether and how the loops are vectorized is clang's choice.
 *
 *   matmul  the primary kernel: 64 x 64 float matrix product (f32x4 mul/add with a splat, loads, stores)
 *   saxpy   y = a * x + y over 4096 floats
 *   fir     a 16-tap FIR filter over 4096 float samples (f32x4 mul/add, splats, sliding-window shuffles)
 *   blend   average of two 16 KiB byte images, rounding up (i8x16.avgr_u)
 *   sad     sum of absolute differences of two 16 KiB byte images (widening to i32 lanes)
 */
#include <stdint.h>

#define N 4096
#define TAPS 16
#define M 64

static float x[N + TAPS], y[N], h[TAPS];
static float ma[M * M], mb[M * M], mc[M * M];
static uint8_t p[4 * N], q[4 * N], r[4 * N];

static int32_t bits(float f) {
    union { float f; int32_t i; } u = { f };
    return u.i;
}

__attribute__((export_name("fir")))
int32_t fir(void) {
    for (int i = 0; i < N; i++) {
        float s = 0;
        for (int k = 0; k < TAPS; k++) s += h[k] * x[i + k];
        y[i] = s;
    }
    return bits(y[0]) ^ bits(y[N - 1]);
}

__attribute__((export_name("saxpy")))
int32_t saxpy(void) {
    const float a = 1.0001f;
    for (int i = 0; i < N; i++) y[i] = a * x[i] + y[i];
    return bits(y[N / 2]);
}

__attribute__((export_name("matmul")))
int32_t matmul(void) {
    for (int i = 0; i < M * M; i++) mc[i] = 0;
    for (int i = 0; i < M; i++)
        for (int k = 0; k < M; k++) {
            float a = ma[i * M + k];
            for (int j = 0; j < M; j++) mc[i * M + j] += a * mb[k * M + j];
        }
    return bits(mc[M * M / 2 + 1]);
}

__attribute__((export_name("blend")))
int32_t blend(void) {
    for (int i = 0; i < 4 * N; i++) r[i] = (uint8_t) ((p[i] + q[i] + 1) >> 1);
    return r[5] | r[4 * N - 3] << 8;
}

__attribute__((export_name("sad")))
int32_t sad(void) {
    uint32_t s = 0;
    for (int i = 0; i < 4 * N; i++) {
        int d = p[i] - q[i];
        s += d < 0 ? -d : d;
    }
    return (int32_t) s;
}

__attribute__((export_name("init")))
void init(void) {
    uint32_t s = 12345;
    for (int i = 0; i < N + TAPS; i++) {
        s = s * 1103515245u + 12345u;
        x[i] = (float) (s >> 8) * (1.0f / 16777216.0f) - 0.5f;
    }
    for (int i = 0; i < N; i++) y[i] = 0;
    for (int k = 0; k < TAPS; k++) h[k] = 1.0f / (float) (k + 1);
    for (int i = 0; i < M * M; i++) {
        ma[i] = (float) (i % 7) * 0.25f;
        mb[i] = (float) (i % 5) * 0.5f;
    }
    for (int i = 0; i < 4 * N; i++) {
        s = s * 1103515245u + 12345u;
        p[i] = (uint8_t) (s >> 24);
        s = s * 1103515245u + 12345u;
        q[i] = (uint8_t) (s >> 24);
    }
}
