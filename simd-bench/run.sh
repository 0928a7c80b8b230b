#!/usr/bin/env bash
# Builds simd-bench (Maven profile "bench", with the modules it needs) and runs its JMH benchmark. Arguments go to JMH;
# without any, the primary kernel, matmul, in both builds. Examples:
#   simd-bench/run.sh                                   # matmul, scalar and simd
#   simd-bench/run.sh -p kernel=matmul,saxpy,fir,blend,sad
#   simd-bench/run.sh -f 1 -wi 3 -i 3                   # quicker, less precise
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=../bin/find-jdk
source "$root/bin/find-jdk"
find_jdk || exit 1
cd "$root"
cp_file=simd-bench/target/classpath.txt
mvn -B -q -ntp -Pbench -pl simd-bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$root/$cp_file" -Dmdep.includeScope=runtime >&2
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-p kernel=matmul)
echo "simd-bench: JDK $JDK_MAJOR at $JAVA_HOME" >&2
exec "$JAVA_HOME/bin/java" -cp "simd-bench/target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main \
    "KernelBenchmark" "${args[@]}"
