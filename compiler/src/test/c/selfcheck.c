/*
 * A self-check of wasm2jar's SIMD against clang's use of it: each function computes a handful of operations with
 * wasm_simd128.h intrinsics on pseudo-random vectors and checks every lane against plain C in the same module.
 * selfcheck(rounds) returns the number of failed checks, failures(line) how many failed at a source line.
 * SimdSelfCheckTest runs both builds; rebuild them with build-selfcheck.sh after changing this file.
 */
#include <wasm_simd128.h>
#include <stdint.h>
#include <string.h>

static uint32_t state = 1;
static uint32_t rnd(void) { state = state * 1103515245u + 12345u; return state ^ (state >> 15); }
static void fill(void *p, int n) { uint8_t *b = p; for (int i = 0; i < n; i++) b[i] = (uint8_t) (rnd() >> 7); }
static float rf(void) { return (float) ((int32_t) rnd() % 2001) / 37.0f; }

static int bad;
static int lines[512];
#define CHECK(cond) do { if (!(cond)) { bad++; lines[__LINE__]++; } } while (0)
__attribute__((export_name("failures"))) int failures(int line) { return lines[line]; }

static int8_t sat8(int v) { return v < -128 ? -128 : v > 127 ? 127 : v; }
static uint8_t satu8(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }
static int16_t sat16(int v) { return v < -32768 ? -32768 : v > 32767 ? 32767 : v; }

__attribute__((noinline)) static void bytes(void) {
    int8_t a[16], b[16], r[16]; uint8_t ua[16], ub[16], ur[16];
    fill(a, 16); fill(b, 16); memcpy(ua, a, 16); memcpy(ub, b, 16);
    v128_t va = wasm_v128_load(a), vb = wasm_v128_load(b);
    wasm_v128_store(r, wasm_i8x16_add_sat(va, vb)); for (int i = 0; i < 16; i++) CHECK(r[i] == sat8(a[i] + b[i]));
    wasm_v128_store(ur, wasm_u8x16_sub_sat(va, vb)); for (int i = 0; i < 16; i++) CHECK(ur[i] == satu8(ua[i] - ub[i]));
    wasm_v128_store(r, wasm_i8x16_min(va, vb)); for (int i = 0; i < 16; i++) CHECK(r[i] == (a[i] < b[i] ? a[i] : b[i]));
    wasm_v128_store(ur, wasm_u8x16_max(va, vb)); for (int i = 0; i < 16; i++) CHECK(ur[i] == (ua[i] > ub[i] ? ua[i] : ub[i]));
    wasm_v128_store(ur, wasm_u8x16_avgr(va, vb)); for (int i = 0; i < 16; i++) CHECK(ur[i] == (ua[i] + ub[i] + 1) / 2);
    wasm_v128_store(r, wasm_i8x16_gt(va, vb)); for (int i = 0; i < 16; i++) CHECK(r[i] == (a[i] > b[i] ? -1 : 0));
    wasm_v128_store(r, wasm_i8x16_shr(va, b[0] & 15)); for (int i = 0; i < 16; i++) CHECK(r[i] == a[i] >> ((b[0] & 15) % 8));
    wasm_v128_store(r, wasm_i8x16_swizzle(va, wasm_v128_and(vb, wasm_i8x16_splat(31))));
    for (int i = 0; i < 16; i++) CHECK(r[i] == ((b[i] & 31) < 16 ? a[b[i] & 31] : 0));
    CHECK(wasm_i8x16_bitmask(va) == ({ int m = 0; for (int i = 0; i < 16; i++) m |= (a[i] < 0) << i; m; }));
    wasm_v128_store(r, wasm_i8x16_popcnt(va)); for (int i = 0; i < 16; i++) CHECK(r[i] == __builtin_popcount(ua[i]));
}

__attribute__((noinline)) static void shorts(void) {
    int16_t a[8], b[8], r[8]; int32_t w[4];
    fill(a, 16); fill(b, 16);
    v128_t va = wasm_v128_load(a), vb = wasm_v128_load(b);
    wasm_v128_store(r, wasm_i16x8_mul(va, vb)); for (int i = 0; i < 8; i++) CHECK(r[i] == (int16_t) (a[i] * b[i]));
    wasm_v128_store(r, wasm_i16x8_q15mulr_sat(va, vb));
    for (int i = 0; i < 8; i++) CHECK(r[i] == sat16((a[i] * b[i] + 0x4000) >> 15));
    wasm_v128_store(r, wasm_i16x8_narrow_i32x4(wasm_i32x4_make(a[0] * 300, b[1] * 300, a[2], b[3]), va));
    CHECK(r[0] == sat16(a[0] * 300) && r[1] == sat16(b[1] * 300) && r[2] == a[2] && r[4] == sat16((uint16_t) a[0] | a[1] << 16));
    wasm_v128_store(w, wasm_i32x4_dot_i16x8(va, vb));
    for (int i = 0; i < 4; i++) CHECK(w[i] == a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1]);
    wasm_v128_store(w, wasm_i32x4_extmul_high_i16x8(va, vb)); for (int i = 0; i < 4; i++) CHECK(w[i] == a[4 + i] * b[4 + i]);
    wasm_v128_store(w, wasm_u32x4_extend_low_u16x8(va)); for (int i = 0; i < 4; i++) CHECK(w[i] == (uint16_t) a[i]);
    wasm_v128_store(w, wasm_i32x4_extadd_pairwise_i16x8(va)); for (int i = 0; i < 4; i++) CHECK(w[i] == a[2 * i] + a[2 * i + 1]);
    CHECK(wasm_i16x8_extract_lane(wasm_i16x8_replace_lane(va, 5, b[2]), 5) == b[2]);
}

__attribute__((noinline)) static void floats(void) {
    float a[4], b[4], r[4]; int32_t m[4]; double d[2];
    for (int i = 0; i < 4; i++) { a[i] = rf(); b[i] = rf(); }
    v128_t va = wasm_v128_load(a), vb = wasm_v128_load(b);
    v128_t acc = wasm_f32x4_splat(0.5f);
    for (int k = 0; k < 3; k++) acc = wasm_f32x4_add(wasm_f32x4_mul(acc, va), vb);
    wasm_v128_store(r, acc);
    for (int i = 0; i < 4; i++) { float s = 0.5f; for (int k = 0; k < 3; k++) s = s * a[i] + b[i]; CHECK(r[i] == s); }
    wasm_v128_store(r, wasm_f32x4_min(va, vb)); for (int i = 0; i < 4; i++) CHECK(r[i] == (a[i] < b[i] ? a[i] : b[i]));
    wasm_v128_store(r, wasm_f32x4_nearest(wasm_f32x4_div(va, vb)));
    for (int i = 0; i < 4; i++) CHECK(r[i] == __builtin_rintf(a[i] / b[i]));
    wasm_v128_store(m, wasm_f32x4_lt(va, vb)); for (int i = 0; i < 4; i++) CHECK(m[i] == (a[i] < b[i] ? -1 : 0));
    wasm_v128_store(r, wasm_v128_bitselect(va, vb, wasm_f32x4_gt(va, vb)));
    for (int i = 0; i < 4; i++) CHECK(r[i] == (a[i] > b[i] ? a[i] : b[i]));
    wasm_v128_store(m, wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_mul(va, wasm_f32x4_splat(1e8f))));
    for (int i = 0; i < 4; i++) { float x = a[i] * 1e8f; CHECK(m[i] == (x >= 2147483648.0f ? 2147483647 : x < -2147483648.0f ? (int) 0x80000000 : (int) x)); }
    wasm_v128_store(d, wasm_f64x2_promote_low_f32x4(va)); CHECK(d[0] == (double) a[0] && d[1] == (double) a[1]);
    wasm_v128_store(r, wasm_f32x4_abs(wasm_f32x4_neg(va))); for (int i = 0; i < 4; i++) CHECK(r[i] == __builtin_fabsf(a[i]));
    wasm_v128_store(r, wasm_i32x4_shuffle(va, vb, 3, 4, 1, 6)); CHECK(r[0] == a[3] && r[1] == b[0] && r[2] == a[1] && r[3] == b[2]);
    CHECK(wasm_f32x4_extract_lane(va, 2) + wasm_f32x4_extract_lane(vb, 3) == a[2] + b[3]);
    wasm_v128_store(d, wasm_f64x2_sqrt(wasm_f64x2_make((double) a[0] * a[0], (double) b[1] * b[1])));
    CHECK(d[0] == __builtin_fabs((double) a[0]) && d[1] == __builtin_fabs((double) b[1]));
}

__attribute__((noinline)) static void longs(void) {
    int64_t a[2], b[2], r[2]; int32_t w[4];
    fill(a, 16); fill(b, 16); fill(w, 16);
    v128_t va = wasm_v128_load(a), vb = wasm_v128_load(b);
    wasm_v128_store(r, wasm_i64x2_mul(va, vb)); for (int i = 0; i < 2; i++) CHECK(r[i] == (int64_t) ((uint64_t) a[i] * (uint64_t) b[i]));
    wasm_v128_store(r, wasm_i64x2_shr(va, 70)); for (int i = 0; i < 2; i++) CHECK(r[i] == a[i] >> 6);
    wasm_v128_store(r, wasm_i64x2_extmul_low_i32x4(wasm_v128_load(w), vb));
    CHECK(r[0] == (int64_t) w[0] * (int32_t) b[0] && r[1] == (int64_t) w[1] * (int32_t) (b[0] >> 32));
    CHECK(wasm_i64x2_all_true(va) == (a[0] != 0 && a[1] != 0));
    wasm_v128_store(r, wasm_i64x2_lt(va, vb)); for (int i = 0; i < 2; i++) CHECK(r[i] == (a[i] < b[i] ? -1 : 0));
    int64_t l[2] = {a[0], b[1]};
    v128_t lanes = wasm_v128_load64_lane(&b[1], va, 1);
    wasm_v128_store(r, lanes); CHECK(r[0] == l[0] && r[1] == l[1]);
}

__attribute__((export_name("selfcheck")))
int selfcheck(int rounds) {
    bad = 0;
    for (int i = 0; i < rounds; i++) { bytes(); shorts(); floats(); longs(); }
    return bad;
}
