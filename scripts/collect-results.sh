#!/usr/bin/env bash
# Copies a finished (or partly finished) sweep directory into docs/results/<preset>/ for the
# repository: summary.csv, sweep.ron, and each finished cell's preset.ron, metrics.csv and events.log,
# without checkpoints or training pairs (both are re-made from the preset and the seed), then
# draws the report's figures there. Usage: scripts/collect-results.sh SWEEP_DIR [PRESET_NAME]
set -euo pipefail
src=${1:?usage: scripts/collect-results.sh SWEEP_DIR [PRESET_NAME]}
name=${2:-$(basename "$src")}
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/docs/results/$name"
groktop=${GROKTOP:-$root/target/release/groktop}

[ -f "$src/summary.csv" ] || { echo "collect-results: $src/summary.csv does not exist" >&2; exit 2; }
rm -rf "$dest"
mkdir -p "$dest/cells"
cp "$src/summary.csv" "$dest/"
[ -f "$src/sweep.ron" ] && cp "$src/sweep.ron" "$dest/"
for cell in "$src"/cells/*/; do
    [ -f "$cell/summary-row.csv" ] || continue    # still training or not started
    c=$(basename "$cell")
    mkdir -p "$dest/cells/$c"
    for f in preset.ron metrics.csv events.log summary-row.csv; do
        [ -f "$cell/$f" ] && cp "$cell/$f" "$dest/cells/$c/"
    done
done
(cd "$root" && "$groktop" report "docs/results/$name") > "$dest/report.txt"
echo "collect-results: $dest ($(ls "$dest/cells" | wc -l) cells, $(du -sh "$dest" | cut -f1))"
