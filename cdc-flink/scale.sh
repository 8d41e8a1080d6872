#!/usr/bin/env bash
# Events per second of the DataStream file job at parallelism 1 and 2 over the same 256 MB DMS
# folder: the project's generator writes 256 MB of single-line DMS JSON records (one table), cut
# into 16 files (one split each), then FileSourceScale runs the job interleaved, 3 measured rounds
# after a warm-up, and prints the median of each. From the repository root:
#   cdc-flink/scale.sh [MB] [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mb="${1:-256}"
rounds="${2:-3}"
generator="${CDC_SHARED:-$root/../shared}/bench/gen_dms_volume.py"
dir="$root/cdc-flink/target/scale"
folder="$dir/dms/testdb/retail_trans"
if [ ! -f "$dir/.done-$mb" ]; then
    rm -rf "$dir" && mkdir -p "$folder"
    python3 "$generator" "$dir/all.json" "$mb"
    split -n l/16 -d -a 2 "$dir/all.json" "$folder/20240729-0000000"
    for f in "$folder"/*; do mv "$f" "$f.json"; done
    rm "$dir/all.json"
    touch "$dir/.done-$mb"
fi
du -sb "$folder"
exec "$root/cdc-flink/run.sh" io.cdcsdk.flink.FileSourceScale "$folder" dms-json "$rounds" 1 2
