#!/usr/bin/env bash
# Builds the Rust kernels in benchmarks/kernels/ with one rustc, from the same sources and with the same flags
# (opt-level 3, panic=abort, edition 2021, std only):
#   build-kernels.sh wasm [DIR]  -> kernels/<id>.wasm (or DIR/<id>.wasm) for wasm32-wasip1 (committed in kernels/)
#   build-kernels.sh native DIR  -> DIR/lib<id>.so for the host, generic x86-64 (no target-cpu=native)
# Needs /usr/bin/rustc with the wasm32-wasip1 sysroot (shared/tools/setup-wasm-toolchains.sh installs both).
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
rustc=${RUSTC:-/usr/bin/rustc}
sysroot=${WASM_SYSROOT:-$HOME/.cache/rust-wasm32-wasip1-sysroot}
common=(--edition 2021 --crate-type cdylib -C opt-level=3 -C panic=abort -C strip=debuginfo
    "--remap-path-prefix=$here=benchmarks")

command -v "$rustc" >/dev/null || { echo "build-kernels: no $rustc (run shared/tools/setup-wasm-toolchains.sh)" >&2; exit 1; }

case ${1:-} in
    wasm)
        [ -d "$sysroot" ] || { echo "build-kernels: no wasm32-wasip1 sysroot at $sysroot" >&2; exit 1; }
        out=${2:-$here/kernels}
        mkdir -p "$out"
        for src in "$here"/kernels/*.rs; do
            id=$(basename "$src" .rs)
            "$rustc" "${common[@]}" --target wasm32-wasip1 --sysroot "$sysroot" -C linker=wasm-ld-19 \
                "$src" -o "$out/$id.wasm"
        done
        echo "build-kernels: $(ls "$out"/*.wasm | wc -l) wasm modules in $out ($("$rustc" --version))"
        ;;
    native)
        out=${2:?build-kernels.sh native DIR}
        mkdir -p "$out"
        for src in "$here"/kernels/*.rs; do
            id=$(basename "$src" .rs)
            "$rustc" "${common[@]}" "$src" -o "$out/lib$id.so"
        done
        echo "build-kernels: $(ls "$out"/lib*.so | wc -l) native libraries in $out ($("$rustc" --version))"
        ;;
    *)
        echo "usage: build-kernels.sh wasm | native DIR" >&2
        exit 2
        ;;
esac
