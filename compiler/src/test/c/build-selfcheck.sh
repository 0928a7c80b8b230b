#!/usr/bin/env bash
# Rebuilds ../resources/simd/selfcheck-O0.wasm and selfcheck-O2.wasm from selfcheck.c with clang-19, for
# SimdSelfCheckTest (the builds are committed so the test needs no C toolchain).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
out=$here/../resources/simd
for level in O0 O2; do
    "${CLANG:-clang-19}" --target=wasm32-wasi -"$level" -msimd128 -nostartfiles -Wl,--no-entry -Wl,--strip-debug \
        "$here/selfcheck.c" -o "$out/selfcheck-$level.wasm"
    chmod -x "$out/selfcheck-$level.wasm"
done
