#!/usr/bin/env bash
# Runs a main class of cdc-flink's test sources (the examples, the scale measurement) on the test
# class path, with Flink in-process. From the repository root:
#   cdc-flink/run.sh io.cdcsdk.flink.examples.LatestRowPerKey cdc-flink/src/test/resources/dms cdc-flink/src/test/resources/dms-tables.json
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cp_file="$root/cdc-flink/target/run.classpath"
(cd "$root" && mvn -B -q -pl cdc-flink -am test-compile dependency:build-classpath -DskipFuzz \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/run.classpath >/dev/null)
exec java ${CDC_FLINK_JAVA_OPTS:-} -Dlog4j2.configurationFile="$root/cdc-flink/src/test/resources/log4j2-test.properties" \
    -cp "$root/cdc-flink/target/test-classes:$root/cdc-flink/target/classes:$(cat "$cp_file")" "$@"
