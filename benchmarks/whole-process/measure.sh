#!/usr/bin/env bash
# JVM start to first event: runs the shaded jar on a DynamoDB Streams Lambda event N times (default
# 10) and prints each wall time and the median, in milliseconds. Uses hyperfine when installed.
# Usage: measure.sh [runs] [event.json] [extra JVM options...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runs="${1:-10}"
event="${2:-$repo/cdc-dynamodb-format/src/test/resources/samples/lambda-event_aws-docs-lambda-dg_example.json}"
shift $(( $# > 2 ? 2 : $# )) || true
jar="$here/target/dynamodb-lambda.jar"
[ -f "$jar" ] || "$here/build.sh"
java "$@" -jar "$jar" "$event" > /dev/null   # warm the file cache
if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 1 --runs "$runs" "java $* -jar $jar $event"
    exit 0
fi
times=()
for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    java "$@" -jar "$jar" "$event" > /dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
done
echo "runs (ms): ${times[*]}"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms, min %d ms, max %d ms\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR]}'
