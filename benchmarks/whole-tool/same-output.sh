#!/usr/bin/env bash
# Checks that two builds of the cdc tool print the same bytes: runs `cat` and `cat --on-error skip`
# of both jars on every sample file (each file alone) and on every sample directory, and compares
# standard output, standard error and the exit status.
# Usage: same-output.sh BEFORE.jar AFTER.jar [PATH...]   (default paths: the repository's samples)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
before="$1"; after="$2"; shift 2
paths=("$@")
if [ ${#paths[@]} -eq 0 ]; then
    paths=("$repo/examples/samples")
    while IFS= read -r d; do paths+=("$d"); done < <(find "$repo" -path '*/src/test/resources' -not -path '*/target/*' -type d | sort)
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
runs=0; differ=0
check() {
    for jar in before after; do
        j="$before"; [ "$jar" = after ] && j="$after"
        java -jar "$j" cat "$@" > "$out/$jar.out" 2> "$out/$jar.err"
        echo "exit $?" >> "$out/$jar.err"
    done
    runs=$((runs + 1))
    if ! cmp -s "$out/before.out" "$out/after.out" || ! cmp -s "$out/before.err" "$out/after.err"; then
        differ=$((differ + 1))
        echo "DIFFERENT: cat $*"
    fi
}
files=0
for p in "${paths[@]}"; do
    check "$p"
    check --on-error skip "$p"
    if [ -d "$p" ]; then
        while IFS= read -r f; do
            check "$f"
            check --on-error skip "$f"
            files=$((files + 1))
        done < <(find "$p" -type f | sort)
    fi
done
echo "$runs runs over ${#paths[@]} paths and $files files: $differ with different output"
[ "$differ" -eq 0 ]
