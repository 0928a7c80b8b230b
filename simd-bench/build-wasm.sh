#!/usr/bin/env bash
# Builds c/kernels.c twice with clang-19 into wasm/: kernels-scalar.wasm and kernels-simd.wasm (-msimd128). The two
# files are committed, so the benchmark runs without a C toolchain; run this after changing the C source
# (bash /work/shared/tools/setup-wasm-toolchains.sh installs clang-19 and the wasi sysroot).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
cc=${CLANG:-clang-19}
flags=(--target=wasm32-wasi -O2 -nostartfiles -Wl,--no-entry -Wl,--strip-debug)
"$cc" "${flags[@]}" "$here/c/kernels.c" -o "$here/wasm/kernels-scalar.wasm"
"$cc" "${flags[@]}" -msimd128 "$here/c/kernels.c" -o "$here/wasm/kernels-simd.wasm"
"$cc" --version | head -1
ls -l "$here/wasm"
