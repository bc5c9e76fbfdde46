#!/usr/bin/env bash
# Two single-threaded cells at once, or one two-threaded cell after the other?
# Times `groktop sweep --jobs 2` (2 cells × 1 thread) against `--jobs 1` (1 cell × 2 threads)
# on a two-cell grid (two seeds of one width), for each width given. Prints one line per try.
#
#   scripts/bench-sweep-jobs.sh [groktop binary] [widths...]     (default: target/debug/groktop 8 64)
#
# Settings: mod-add P = 113, 3000 training pairs, STEPS (default 300) full-batch steps, one
# evaluation at the end. Tries alternate the order (j1 j2, j2 j1, …) so that load drift
# hits both. Prints wall seconds and CPU seconds (user + sys): on a shared machine the CPU
# seconds say which way does less work for the same two cells. Then, per width, one cell
# with --jobs 1 (two rayon threads) is sampled from /proc: CPU seconds per thread show how
# much of a step the second thread actually takes (the rest of the time that core is idle).
set -euo pipefail
BIN="${1:-target/debug/groktop}"
shift || true
WIDTHS=("${@:-8 64}")
STEPS="${STEPS:-300}"
TRIES="${TRIES:-2}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
for d in ${WIDTHS[@]}; do
    cat >"$TMP/bench-d$d.ron" <<RON
(
  name: "bench-d$d",
  title: "two cells for the jobs benchmark",
  figure: "-",
  description: "-",
  paper_reports: "-",
  task: (kind: ModAdd, modulus: 113, n_train: 3000),
  model: (d_model: $d),
  training: (steps: $STEPS, eval_every: $STEPS, checkpoint_every: $STEPS),
  seeds: 2,
)
RON
    for try in $(seq 1 "$TRIES"); do
        order="1 2"
        [ $((try % 2)) = 0 ] && order="2 1"
        for jobs in $order; do
            out="$TMP/out-d$d-j$jobs-$try"
            /usr/bin/time -f '%e %U %S' -o "$TMP/time" \
                "$BIN" sweep "$TMP/bench-d$d.ron" --out "$out" --jobs "$jobs" >/dev/null 2>&1
            read -r wall user sys <"$TMP/time"
            printf 'd_model %-3s jobs %s (%s thread(s) each)  try %s  wall %6.1f s  cpu %6.1f s  for 2 cells  load %s\n' \
                "$d" "$jobs" "$((2 / jobs))" "$try" "$wall" "$(echo "$user + $sys" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
        done
    done
done

# Where a two-threaded cell spends its CPU time, per thread (sampled until it exits).
for d in ${WIDTHS[@]}; do
    sed 's/seeds: 2/seeds: 1/' "$TMP/bench-d$d.ron" >"$TMP/one-d$d.ron"
    "$BIN" sweep "$TMP/one-d$d.ron" --out "$TMP/threads-d$d" --jobs 1 >/dev/null 2>&1 &
    pid=$!
    declare -A cpu=()
    while kill -0 "$pid" 2>/dev/null; do
        for f in /proc/"$pid"/task/*/stat; do
            line=$(cat "$f" 2>/dev/null) || continue
            name=${line#*(}
            name=${name%%)*}
            ticks=$(echo "${line##*) }" | awk '{print $12 + $13}')
            cpu["$(basename "$(dirname "$f")") $name"]=$ticks
        done
        sleep 0.3
    done
    wait "$pid" || true
    tck=$(getconf CLK_TCK)
    for k in "${!cpu[@]}"; do
        case "$k" in *sweep-rayon*)
            printf 'd_model %-3s one cell, 2 threads: thread %-14s cpu %6.1f s\n' "$d" "${k#* }" \
                "$(echo "${cpu[$k]} / $tck" | bc -l)" ;;
        esac
    done
    unset cpu
done
