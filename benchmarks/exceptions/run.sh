#!/usr/bin/env bash
# Measures what a wasm throw and catch costs in compiled code (RATIONALE.md, "Exception handling"): builds the
# command line's jars if needed, assembles throw_catch.wat with wabt's wat2wasm and runs ThrowCatch.java on it.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../../bin/find-jdk
source "$root/bin/find-jdk"
find_jdk || exit 1
"$root/bin/wasm2jar" --version >/dev/null # builds the cli module when it is missing or stale
out=$root/benchmarks/target/exceptions
mkdir -p "$out"
wat2wasm --enable-exceptions "$root/benchmarks/exceptions/throw_catch.wat" -o "$out/throw_catch.wasm"
cp=$(ls "$root"/cli/target/cli-*.jar | grep -v sources | head -1):$(ls "$root"/cli/target/lib/*.jar | tr '\n' ':')
exec "$JAVA_HOME/bin/java" -cp "$cp" "$root/benchmarks/exceptions/ThrowCatch.java" "$out/throw_catch.wasm"
