#!/usr/bin/env bash
# The whole tool, as a user runs it: `cat --format dms-json FILE > /dev/null` of this build's tool
# against the Python script of the S3-drop approach (seed_handler.py), against other builds of the
# tool and against JacksonCopy (jackson-core copying every token of the file to its generator on one
# thread: the floor of any Jackson-based tool), alternating, on the same file, in one run. Prints the
# wall time and the CPU time (user + system) of every run (ms), the medians and the ratios of medians
# to this build.
# Usage: compare.sh FILE [runs] [OTHER.jar...]
#   FILE: e.g. made by `python3 ../shared/bench/gen_dms_volume.py FILE 256`
#   runs: rounds of the alternation (default 5); OTHER.jar: earlier builds of examples/target/cdc.jar
# SEED: the Python script (default ../shared/bench/seed_handler.py beside the repository).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
file="$1"; runs="${2:-5}"; shift $(( $# > 1 ? 2 : 1 ))
seed="${SEED:-$repo/../shared/bench/seed_handler.py}"
tool="$repo/examples/target/cdc.jar"
copy="$repo/benchmarks/target/jackson-copy"
mkdir -p "$copy"
javac -d "$copy" -cp "$tool" "$here/JacksonCopy.java"
names=(tool python jackson-copy)
commands=("java -jar $tool cat --format dms-json $file" "python3 $seed $file" "java -cp $copy:$tool JacksonCopy $file")
for jar in "$@"; do
    names+=("$(basename "$jar")"); commands+=("java -jar $jar cat --format dms-json $file")
done
declare -A times cpu
cat "$file" > /dev/null   # into the page cache
for r in $(seq "$runs"); do
    for i in "${!names[@]}"; do
        t0=$(date +%s%N)
        /usr/bin/time -f '%U %S' -o "$copy/cpu.txt" ${commands[$i]} > /dev/null
        t1=$(date +%s%N)
        times[${names[$i]}]+="$(( (t1 - t0) / 1000000 )) "
        cpu[${names[$i]}]+="$(awk '{printf "%d", ($1 + $2) * 1000}' "$copy/cpu.txt") "
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mine="$(echo "${times[tool]}" | median)"
printf '%s: %d bytes, %d rounds\n' "$file" "$(stat -c %s "$file")" "$runs"
for n in "${names[@]}"; do
    m="$(echo "${times[$n]}" | median)"
    printf '%-24s median %6d ms  runs: %s ' "$n" "$m" "${times[$n]}"
    awk -v m="$m" -v t="$mine" 'BEGIN {printf "(its time / this build'"'"'s: %.2fx)\n", m / t}'
    printf '%-24s CPU median %6d ms  runs: %s\n' "" "$(echo "${cpu[$n]}" | median)" "${cpu[$n]}"
done
