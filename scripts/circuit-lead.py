#!/usr/bin/env python3
"""How far the circuit-forming event leads the twin-free generalization onset, per run.

    scripts/circuit-lead.py DIR [DIR ...]   (sweep directories, or run directories)

Reads each run's events.log (`step N<TAB>kind<TAB>message`, then `final<TAB>phase<TAB>reason`)
and metrics.csv's header (to say whether the onset is judged on the twin-free val). Prints one
line per run: circuit-forming step, onset step, lead (onset - circuit forming), verdict; then
the distribution of the lead over runs that generalized, and the false positives: runs whose
verdict is not a generalization (ungrokking, undecided without onset) in which the signal fired,
named by their sweep, then counted per sweep and by whether the run has memorization data.
Standard library only.
"""
import statistics
import sys
from pathlib import Path


def runs_in(d: Path):
    if (d / "events.log").is_file():
        yield d
    elif (d / "cells").is_dir():
        yield from sorted(p for p in (d / "cells").iterdir() if (p / "events.log").is_file())
    else:
        yield from sorted(p for p in d.iterdir() if (p / "events.log").is_file())


def read(run: Path):
    steps, final = {}, None
    for line in (run / "events.log").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0] == "final":
            final = parts[1]
        elif parts[0].startswith("step ") and parts[1] not in steps:
            steps[parts[1]] = int(parts[0][5:])
    metrics = run / "metrics.csv"
    lines = metrics.read_text().splitlines() if metrics.is_file() else []
    header = lines[0].split(",") if lines else []
    # A run with no validation set (random labels) has nothing to generalize: not a negative.
    has_val = "val_acc" in header and any(
        row.split(",")[header.index("val_acc")] for row in lines[1:])
    return steps, final, "twin_free_val_acc" in header, has_val


def main(dirs):
    leads, false_pos, silent_neg = [], [], []
    for d in map(Path, dirs):
        for run in runs_in(d):
            steps, final, twin_free, has_val = read(run)
            name = run.name if run == d else f"{d.name}/{run.name}"
            cf, onset = steps.get("circuit forming"), steps.get("generalization onset")
            lead = onset - cf if cf is not None and onset is not None else None
            print(f"{name:<60} circuit {cf if cf is not None else '-':>6}  onset {onset if onset is not None else '-':>6}"
                  f"  lead {lead if lead is not None else '-':>6}  {final or 'no verdict'}{'' if twin_free else '  (paper val only)'}")
            if final in ("grokking", "semi-grokking") and lead is not None:
                leads.append(lead)
            if has_val and final not in ("grokking", "semi-grokking", "progression", "comprehension") and onset is None:
                (false_pos if cf is not None else silent_neg).append((name, twin_free))
    if leads:
        print(f"\nlead over {len(leads)} generalizing runs: median {statistics.median(leads):.0f}, "
              f"min {min(leads)}, max {max(leads)}, all: {sorted(leads)}")
    print(f"runs without generalization: {len(false_pos) + len(silent_neg)}, the signal fired in {len(false_pos)}"
          + (f": {', '.join(name for name, _ in false_pos)}" if false_pos else ""))
    def group(name):
        return name.split("/")[0]

    def memorizes(name):
        # Cell names carry their memorization size: ...-m1600-s0 (m0: none).
        return any(part.startswith("m") and part[1:].isdigit() and part != "m0" for part in name.split("-"))

    negatives = false_pos + silent_neg
    for g in sorted({group(n) for n, _ in negatives}):
        fired = sum(1 for n, _ in false_pos if group(n) == g)
        print(f"  {g}: fired in {fired} of {sum(1 for n, _ in negatives if group(n) == g)}")
    for label, flag in (("with memorization data", True), ("without", False)):
        fired = sum(1 for n, _ in false_pos if memorizes(n) == flag)
        total = sum(1 for n, _ in negatives if memorizes(n) == flag)
        print(f"  {label}: fired in {fired} of {total}")
    for judged, flag in (("twin-free val", True), ("the paper's val only", False)):
        fired = sum(1 for _, tf in false_pos if tf == flag)
        total = fired + sum(1 for _, tf in silent_neg if tf == flag)
        print(f"  judged on {judged}: fired in {fired} of {total}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
