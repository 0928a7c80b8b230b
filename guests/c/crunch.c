// A compute-heavy WASI command for whole-process timings (bin/startup-bench): integer hashing over a buffer, a
// sieve of Eratosthenes and a floating-point n-body step, each repeated ROUNDS times (the first argument, default 5;
// a round takes about 1 s natively on this project's machine with clang -O2). Prints one checksum per part, so
// that a run that computes something else is seen.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_BYTES (1 << 20)
#define SIEVE_LIMIT 20000000
#define BODIES 5
#define HASH_PASSES 80
#define SIEVE_PASSES 2
#define NBODY_STEPS 2500000

static uint8_t buffer[HASH_BYTES];
static uint8_t composite[SIEVE_LIMIT + 1];

// 64-bit FNV-1a over the buffer, then a murmur-style finalizer; the buffer is refilled from the hash each pass.
static uint64_t hash_rounds(int passes) {
    uint64_t h = 1469598103934665603ULL, x = 88172645463325252ULL;
    for (int p = 0; p < passes; p++) {
        for (int i = 0; i < HASH_BYTES; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            buffer[i] = (uint8_t)(x ^ h);
        }
        for (int i = 0; i < HASH_BYTES; i++) {
            h = (h ^ buffer[i]) * 1099511628211ULL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
    }
    return h;
}

static int sieve(int limit) {
    memset(composite, 0, (size_t)limit + 1);
    for (int i = 2; i <= limit / i; i++) {
        if (!composite[i]) {
            for (int j = i * i; j <= limit; j += i) {
                composite[j] = 1;
            }
        }
    }
    int count = 0;
    for (int i = 2; i <= limit; i++) {
        count += !composite[i];
    }
    return count;
}

typedef struct {
    double x, y, z, vx, vy, vz, mass;
} Body;

// The n-body benchmark's system (sun and four planets), advanced `steps` times; returns its energy.
static double nbody(int steps) {
    const double pi = 3.141592653589793, solar_mass = 4 * pi * pi, days = 365.24;
    Body b[BODIES] = {
        {0, 0, 0, 0, 0, 0, solar_mass},
        {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03 * days,
         7.69901118419740425e-03 * days, -6.90460016972063023e-05 * days, 9.54791938424326609e-04 * solar_mass},
        {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03 * days,
         4.99852801234917238e-03 * days, 2.30417297573763929e-05 * days, 2.85885980666130812e-04 * solar_mass},
        {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03 * days,
         2.37847173959480950e-03 * days, -2.96589568540237556e-05 * days, 4.36624404335156298e-05 * solar_mass},
        {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03 * days,
         1.62824170038242295e-03 * days, -9.51592254519715870e-05 * days, 5.15138902046611451e-05 * solar_mass},
    };
    for (int s = 0; s < steps; s++) {
        for (int i = 0; i < BODIES; i++) {
            for (int j = i + 1; j < BODIES; j++) {
                double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
                double d2 = dx * dx + dy * dy + dz * dz;
                double mag = 0.01 / (d2 * sqrt(d2));
                b[i].vx -= dx * b[j].mass * mag;
                b[i].vy -= dy * b[j].mass * mag;
                b[i].vz -= dz * b[j].mass * mag;
                b[j].vx += dx * b[i].mass * mag;
                b[j].vy += dy * b[i].mass * mag;
                b[j].vz += dz * b[i].mass * mag;
            }
        }
        for (int i = 0; i < BODIES; i++) {
            b[i].x += 0.01 * b[i].vx;
            b[i].y += 0.01 * b[i].vy;
            b[i].z += 0.01 * b[i].vz;
        }
    }
    double e = 0;
    for (int i = 0; i < BODIES; i++) {
        e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < BODIES; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    uint64_t h = 0;
    int primes = 0;
    double energy = 0;
    for (int r = 0; r < rounds; r++) {
        h ^= hash_rounds(HASH_PASSES);
        for (int i = 0; i < SIEVE_PASSES; i++) {
            primes += sieve(SIEVE_LIMIT);
        }
        energy += nbody(NBODY_STEPS);
    }
    printf("hash %016llx\nprimes %d\nenergy %.9f\n", (unsigned long long)h, primes, energy);
    return 0;
}
