#!/usr/bin/env bash
# Builds target/dynamodb-lambda.jar: a shaded jar of cdc-core + cdc-dynamodb-format and their
# runtime dependencies only (the module's optional aws-lambda-java-events and AWS SDK inputs left
# out), plus io.cdcsdk.wholeprocess.FirstEvent as the main class. Run from anywhere after
#   mvn -B -q -pl cdc-dynamodb-format install
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/target"
rm -rf "$out" && mkdir -p "$out/classes" "$out/unpacked"

# The module depends on cdc-core and, optionally, on aws-lambda-java-events and the AWS SDK (only
# for callers who pass their objects in): the jar holds cdc-core's runtime class path, cdc-core and
# the module.
mvn -B -q -f "$repo/cdc-core/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$out/classpath.txt" -DincludeScope=runtime
core_jar="$(ls "$repo"/cdc-core/target/cdc-core-*.jar "$HOME"/.m2/repository/io/cdcsdk/cdc-core/*/cdc-core-*.jar 2>/dev/null \
    | grep -v -e sources -e tests | head -1)"
module_jar="$(ls "$repo"/cdc-dynamodb-format/target/cdc-dynamodb-format-*.jar | grep -v -e sources -e tests | head -1)"
cp="$module_jar:$core_jar:$(cat "$out/classpath.txt")"

javac -q -d "$out/classes" -cp "$cp" "$here/src/FirstEvent.java" 2>/dev/null || javac -d "$out/classes" -cp "$cp" "$here/src/FirstEvent.java"

# Unpack every jar; service files are merged, signatures dropped.
services="$out/services" && mkdir -p "$services"
IFS=':' read -ra jars <<< "$cp"
for j in "${jars[@]}"; do
    (cd "$out/unpacked" && jar xf "$j")
    if [ -d "$out/unpacked/META-INF/services" ]; then
        for s in "$out/unpacked/META-INF/services/"*; do
            cat "$s" >> "$services/$(basename "$s")"
            echo >> "$services/$(basename "$s")"
        done
        rm -rf "$out/unpacked/META-INF/services"
    fi
done
rm -f "$out/unpacked/META-INF/"*.SF "$out/unpacked/META-INF/"*.RSA "$out/unpacked/META-INF/"*.DSA "$out/unpacked/META-INF/MANIFEST.MF"
mkdir -p "$out/unpacked/META-INF/services"
for s in "$services"/*; do
    grep -v '^\s*\(#.*\)\?$' "$s" | sort -u > "$out/unpacked/META-INF/services/$(basename "$s")"
done
cp -r "$out/classes/." "$out/unpacked/"
jar --create --file "$out/dynamodb-lambda.jar" --main-class io.cdcsdk.wholeprocess.FirstEvent -C "$out/unpacked" .

echo "jars shaded:"
for j in "${jars[@]}"; do printf '  %8d  %s\n' "$(stat -c %s "$j")" "$(basename "$j")"; done
printf 'dynamodb-lambda.jar: %d bytes\n' "$(stat -c %s "$out/dynamodb-lambda.jar")"
