#!/usr/bin/env bash
# Cold start, JVM start to first event routed: the library's DynamoDB Lambda example
# (examples/target/lambda-orders-stream.jar, OrdersStreamHandler) against the same handler written
# with aws-lambda-java-events and SDK v2 EnhancedDocument (benchmarks/target/sdk-orders-handler.jar,
# SdkOrdersHandler), run alternately, each in a new JVM through ColdStart (what the Lambda runtime
# does: load, instantiate, deserialize when the handler takes objects, invoke) on orders-event.json.
# Prints each run, the medians (also of the whole process's wall and CPU time, /usr/bin/time), and
# the jar sizes. Build both jars first:
#   mvn -B -q -pl examples,benchmarks -am package -DskipTests
# Usage: coldstart.sh [runs] [extra JVM options...]   (default 11 runs of each; LIBRARY_JAR and SDK_JAR
# name other jars; EARLIER_JAR adds a third contestant, the library handler of an earlier build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runs="${1:-11}"
shift $(( $# > 0 ? 1 : 0 ))
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
core="$(ls "$m2"/com/amazonaws/aws-lambda-java-core/1.2.3/aws-lambda-java-core-1.2.3.jar)"
serialization="$m2/com/amazonaws/aws-lambda-java-serialization/1.4.1/aws-lambda-java-serialization-1.4.1.jar"
[ -f "$serialization" ] || mvn -B -q dependency:get -Dartifact=com.amazonaws:aws-lambda-java-serialization:1.4.1
out="$here/target/coldstart"
mkdir -p "$out"
javac -d "$out" -cp "$core:$serialization" "$here/src/ColdStart.java"
event="$here/orders-event.json"
names=(library sdk)
jars=("${LIBRARY_JAR:-$repo/examples/target/lambda-orders-stream.jar}" "${SDK_JAR:-$repo/benchmarks/target/sdk-orders-handler.jar}")
classes=(io.cdcsdk.examples.lambda.OrdersStreamHandler io.cdcsdk.benchmarks.SdkOrdersHandler)
if [ -n "${EARLIER_JAR:-}" ]; then
    names+=(earlier); jars+=("$EARLIER_JAR"); classes+=(io.cdcsdk.examples.lambda.OrdersStreamHandler)
fi
declare -A first total cpu
for i in "${!names[@]}"; do   # one run each to warm the file cache, not counted
    java "$@" -cp "$out:${jars[$i]}:$serialization" io.cdcsdk.wholeprocess.ColdStart "${classes[$i]}" "$event" > /dev/null
done
for r in $(seq "$runs"); do
    for i in "${!names[@]}"; do
        t0=$(date +%s%N)
        line="$(/usr/bin/time -f 'cpu %U %S' -o "$out/cpu.txt" java "$@" -cp "$out:${jars[$i]}:$serialization" io.cdcsdk.wholeprocess.ColdStart "${classes[$i]}" "$event")"
        t1=$(date +%s%N)
        routed="$(echo "$line" | awk '/^routed/ {print $2}')"
        first[${names[$i]}]+="$(( (routed * 1000 - t0) / 1000000 )) "
        total[${names[$i]}]+="$(( (t1 - t0) / 1000000 )) "
        cpu[${names[$i]}]+="$(awk '/^cpu/ {printf "%d", ($2 + $3) * 1000}' "$out/cpu.txt") "
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "median %d ms (min %d, max %d)", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR]}'; }
for i in "${!names[@]}"; do
    n=${names[$i]}
    echo "$n: JVM start to first event routed (ms): ${first[$n]}"
    echo "$n:   $(echo "${first[$n]}" | median); whole process $(echo "${total[$n]}" | median); CPU time (user + system) $(echo "${cpu[$n]}" | median); jar $(stat -c %s "${jars[$i]}") bytes"
done
lib="$(echo "${first[library]}" | median | awk '{print $2}')"
sdk="$(echo "${first[sdk]}" | median | awk '{print $2}')"
awk -v a="$lib" -v b="$sdk" 'BEGIN {printf "library / sdk, medians of first event routed: %.2f\n", a / b}'
