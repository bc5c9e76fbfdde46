#!/usr/bin/env python3
"""How far the circuit-forming event leads the twin-free generalization onset, per run.

    scripts/circuit-lead.py DIR [DIR ...]   (sweep directories, or run directories)

Reads each run's events.log (`step N<TAB>kind<TAB>message`, then `final<TAB>phase<TAB>reason`)
and metrics.csv's header (to say whether the onset is judged on the twin-free val). Prints one
line per run: circuit-forming step, onset step, lead (onset - circuit forming), verdict; then
the distribution of the lead over runs that generalized, and the false positives: runs whose
verdict is not a generalization (ungrokking, undecided without onset) in which the signal fired.
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
    header = (run / "metrics.csv").open().readline() if (run / "metrics.csv").is_file() else ""
    return steps, final, "twin_free_val_acc" in header


def main(dirs):
    leads, false_pos, silent_neg = [], [], []
    for d in map(Path, dirs):
        for run in runs_in(d):
            steps, final, twin_free = read(run)
            cf, onset = steps.get("circuit forming"), steps.get("generalization onset")
            lead = onset - cf if cf is not None and onset is not None else None
            print(f"{run.name:<40} circuit {cf if cf is not None else '-':>6}  onset {onset if onset is not None else '-':>6}"
                  f"  lead {lead if lead is not None else '-':>6}  {final or 'no verdict'}{'' if twin_free else '  (paper val only)'}")
            if final in ("grokking", "semi-grokking") and lead is not None:
                leads.append(lead)
            if final not in ("grokking", "semi-grokking", "progression", "comprehension") and onset is None:
                (false_pos if cf is not None else silent_neg).append((run.name, twin_free))
    if leads:
        print(f"\nlead over {len(leads)} generalizing runs: median {statistics.median(leads):.0f}, "
              f"min {min(leads)}, max {max(leads)}, all: {sorted(leads)}")
    print(f"runs without generalization: {len(false_pos) + len(silent_neg)}, the signal fired in {len(false_pos)}"
          + (f": {', '.join(name for name, _ in false_pos)}" if false_pos else ""))
    for judged, flag in (("twin-free val", True), ("the paper's val only", False)):
        fired = sum(1 for _, tf in false_pos if tf == flag)
        total = fired + sum(1 for _, tf in silent_neg if tf == flag)
        print(f"  judged on {judged}: fired in {fired} of {total}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
