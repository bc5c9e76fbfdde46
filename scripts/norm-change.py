#!/usr/bin/env python3
"""Does the parameter norm rise *because* a run progresses, or just as much in runs that do not?

    scripts/norm-change.py DIR [DIR ...]   (sweep directories, or run directories)

Figure 9 of the paper says the norm rises during progression. Every small model's norm also grows
early in training, so the claim only holds if runs that progress gain more norm than runs of the
same settings that do not. For each run this prints its verdict, its twin-free (else the paper's)
generalization onset from events.log, and the parameter norm at the first evaluation, at the
window's start and at the end, where the window starts at the run's own onset, or, for a run
without one, at the median onset of the runs that have one (the same steps, so both kinds of run
are measured over the same stretch of training). Then the median relative change over the window
for runs with and without an onset. Standard library only.
"""
import csv
import statistics
import sys
from pathlib import Path


def runs_in(d: Path):
    if (d / "metrics.csv").is_file():
        yield d
    elif (d / "cells").is_dir():
        yield from sorted(p for p in (d / "cells").iterdir() if (p / "metrics.csv").is_file())
    else:
        yield from sorted(p for p in d.iterdir() if (p / "metrics.csv").is_file())


def read(run: Path):
    onset, final = None, None
    events = run / "events.log"
    for line in (events.read_text().splitlines() if events.is_file() else []):
        parts = line.split("\t")
        if parts[0] == "final" and len(parts) > 1:
            final = parts[1]
        elif len(parts) > 1 and parts[1] == "generalization onset" and onset is None:
            onset = int(parts[0][5:])
    with (run / "metrics.csv").open() as f:
        norms = [(int(r["step"]), float(r["param_norm"])) for r in csv.DictReader(f)]
    return onset, final, norms


def norm_at(norms, step):
    """The norm at the last evaluation at or before `step`."""
    before = [n for s, n in norms if s <= step]
    return before[-1] if before else norms[0][1]


def main(dirs):
    runs = [(run, *read(run)) for d in map(Path, dirs) for run in runs_in(d)]
    onsets = [onset for _, onset, _, _ in runs if onset is not None]
    if not onsets:
        sys.exit("norm-change: no run has a generalization onset; nothing to compare with")
    shared_start = statistics.median(onsets)
    changes = {True: [], False: []}
    print(f"{'run':<40} {'verdict':<14} {'onset':>6} {'first':>7} {'start':>7} {'end':>7} {'change':>8}")
    for run, onset, final, norms in runs:
        if not norms:
            continue
        start = onset if onset is not None else shared_start
        n0, ns, ne = norms[0][1], norm_at(norms, start), norms[-1][1]
        change = (ne - ns) / ns
        changes[onset is not None].append(change)
        print(f"{run.name:<40} {final or 'no verdict':<14} {onset if onset is not None else '-':>6} "
              f"{n0:7.1f} {ns:7.1f} {ne:7.1f} {change:+8.0%}")
    for has_onset, label in ((True, "with an onset (window from their onset)"),
                             (False, f"without (window from step {shared_start:.0f})")):
        c = changes[has_onset]
        if c:
            print(f"runs {label}: {len(c)}, median norm change {statistics.median(c):+.0%}, "
                  f"range {min(c):+.0%} to {max(c):+.0%}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
