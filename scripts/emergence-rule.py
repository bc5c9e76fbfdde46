#!/usr/bin/env python3
"""The emergence rule of presets/emergence-small.ron, applied to finished sweep cells.

    scripts/emergence-rule.py SWEEP_DIR [SWEEP_DIR ...]   (e.g. sweeps/emergence-small sweeps/emergence-deep-small)

Reads each cell's summary-row.csv, events.log and metrics.csv (the files groktop writes) and
prints, per memorization size and model (ordered by parameter count), every seed's twin-free
and paper's val on addition at steps 15 000 and 30 000, the best over the run, its zone, the
paper's statistic (best of seeds) and the median, then the rule's three parts. Cells not
finished yet are listed as missing and the rule says which parts they leave open, unless the
finished ones already decide it (a width whose 3 seeds split, say, can no longer be below 0.05
or above 0.5 in 2 of them, whatever the other widths give). Standard library only; nothing is
written.
"""
import csv
import statistics
import sys
from pathlib import Path

CHANCE_BELOW = 0.05   # (b): "below 5 %"
EMERGED_AT = 0.5      # (b): ">= 0.5"
LEARNED_AT = 0.9      # (a): twin-free val >= 0.9
SEEDS_NEEDED = 2      # "in at least 2 of 3 seeds"
HORIZON = 30000
HALF = 15000


def read_cell(cell: Path):
    row_path = cell / "summary-row.csv"
    if not row_path.is_file():
        return None
    with open(row_path, newline="") as f:
        row = next(csv.DictReader(f))
    with open(cell / "metrics.csv", newline="") as f:
        metrics = list(csv.DictReader(f))
    at = {}
    for m in metrics:
        step = int(m["step"])
        at[step] = m
    def val_at(step, col):
        m = at.get(step)
        return float(m[col]) if m and m.get(col) else None
    mem = int(row["memorized_step"]) if row["memorized_step"] else None
    onset = None
    for line in (cell / "events.log").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1] == "generalization onset" and parts[0].startswith("step "):
            onset = int(parts[0][5:])
    if mem is None:
        zone = "never memorizes"
    elif onset is not None and onset < mem:
        zone = "progression"
    else:
        zone = "memorizes first"
    return {
        "n_mem": int(row["n_memorize"]),
        "model": (int(row["n_params"]), int(row["n_layers"]), int(row["d_model"])),
        "seed": int(row["seed"]),
        "steps": int(row["steps"]),
        "zone": zone,
        "phase": row["phase"],
        "tf15": val_at(HALF, "twin_free_val_acc"),
        "tf30": val_at(HORIZON, "twin_free_val_acc"),
        "pv15": val_at(HALF, "val_acc"),
        "pv30": val_at(HORIZON, "val_acc"),
        "tf_best": float(row["best_twin_free_val_acc"]) if row.get("best_twin_free_val_acc") else None,
        "pv_best": float(row["best_val_acc"]) if row["best_val_acc"] else None,
    }


def settled(v):
    """A width's state that no missing seed can change: low or high once 2 seeds say so,
    neither once all 3 have run without 2 agreeing; None while it can still go either way."""
    _, state, low, high, n, _ = v
    if low >= SEEDS_NEEDED or high >= SEEDS_NEEDED or n >= 3:
        return state
    return None


def already_broken(counted):
    """Why (b) fails whatever the missing seeds give, or None: a width settled at neither, or a
    settled high width below a settled low one (low must come first, high after)."""
    states = [(v[0], settled(v)) for v in counted]
    for m, st in states:
        if st == "neither":
            return f"{m[1]}L d{m[2]} is neither below 0.05 nor >= 0.5 in 2 of its 3 seeds"
    settled_only = [(m, st) for m, st in states if st is not None]
    for (m1, s1), (m2, s2) in zip(settled_only, settled_only[1:]):
        if s1 == "high" and s2 == "low":
            return f"{m1[1]}L d{m1[2]} is high below {m2[1]}L d{m2[2]}, which is low"
    return None


def fmt(x):
    return "  -  " if x is None else f"{x:5.3f}"


def main(dirs):
    cells = []
    expected = 0
    for d in map(Path, dirs):
        listed = sorted((d / "cells").iterdir()) if (d / "cells").is_dir() else []
        for c in listed:
            r = read_cell(c)
            if r is not None and r["steps"] >= HORIZON:
                cells.append(r)
    if not cells:
        sys.exit("no finished cell in " + ", ".join(dirs))
    models = sorted({c["model"] for c in cells})
    mems = sorted({c["n_mem"] for c in cells})
    name = lambda m: f"{m[1]}L d{m[2]} ({m[0]} params)"
    print(f"{'n_mem':>5}  {'model':<24} seeds  twin-free val @15k / @30k / best        paper val @30k / best    zones")
    table = {}
    for n in mems:
        for m in models:
            rs = sorted((c for c in cells if c["n_mem"] == n and c["model"] == m), key=lambda c: c["seed"])
            table[(n, m)] = rs
            if not rs:
                continue
            tf = " ".join(f"{fmt(r['tf15'])}/{fmt(r['tf30'])}/{fmt(r['tf_best'])}" for r in rs)
            pv = " ".join(f"{fmt(r['pv30'])}/{fmt(r['pv_best'])}" for r in rs)
            zones = ", ".join(f"s{r['seed']} {r['zone']}" for r in rs)
            bests = [r["tf_best"] for r in rs if r["tf_best"] is not None]
            stat = f"best of seeds {max(bests):.3f}, median {statistics.median(bests):.3f}" if bests else ""
            print(f"{n:>5}  {name(m):<24} {len(rs):>5}  {tf}   {pv}   {zones}; {stat}")
    print()
    # (a)
    base = {m: table.get((0, m), []) for m in models}
    learned = {m: sum(1 for r in rs if (r["tf30"] or 0) >= LEARNED_AT) for m, rs in base.items()}
    # A model is settled once enough seeds learned, or too few are left to get there.
    a_ok = all(learned[m] >= SEEDS_NEEDED for m in models)
    a_broken = any(learned[m] + (3 - len(base[m])) < SEEDS_NEEDED for m in models)
    missing_a = [name(m) for m in models if learned[m] < SEEDS_NEEDED and not a_broken]
    smallest_learner = next((m for m in models if learned[m] >= SEEDS_NEEDED), None)
    a_word = "holds" if a_ok else "does not hold" if a_broken else "open: seeds missing"
    print(f"(a) without memorization data every model learns addition (twin-free val >= {LEARNED_AT} at {HORIZON} in >= {SEEDS_NEEDED} of 3 seeds): "
          + a_word + " — " + ", ".join(f"{name(m)} {learned[m]}/{len(base[m])}" for m in models)
          + (f"; seeds missing for {', '.join(missing_a)}" if missing_a else ""))
    # (b), (c)
    b_words, c_oks = {}, []
    for n in [n for n in mems if n > 0]:
        verdicts = []
        for m in models:
            rs = [r for r in table.get((n, m), []) if r["zone"] == "memorizes first"]
            low = sum(1 for r in rs if (r["tf30"] or 0) < CHANCE_BELOW)
            high = sum(1 for r in rs if (r["tf30"] or 0) >= EMERGED_AT)
            others = [f"s{r['seed']} {r['zone']}" for r in table.get((n, m), []) if r["zone"] != "memorizes first"]
            state = "low" if low >= SEEDS_NEEDED else "high" if high >= SEEDS_NEEDED else "neither"
            verdicts.append((m, state, low, high, len(table.get((n, m), [])), others))
        # A model none of whose seeds memorize first is outside the rule (progression zone).
        counted = [v for v in verdicts if v[4] > len(v[5])]
        incomplete = [name(v[0]) for v in verdicts if v[4] < 3]
        states = [v[1] for v in counted]
        emergent = None
        if "low" in states and "high" in states:
            first_high = states.index("high")
            if all(s == "low" for s in states[:first_high]) and all(s == "high" for s in states[first_high:]) and states[0] == "low":
                emergent = counted[first_high][0]
        desc = "; ".join(f"{name(v[0])}: {v[1]} ({v[2]} below {CHANCE_BELOW}, {v[3]} >= {EMERGED_AT} of {v[4]} seeds"
                         + (f"; not counted: {', '.join(v[5])}" if v[5] else "") + ")" for v in verdicts)
        b_ok = emergent is not None
        broken = already_broken(counted)
        b_word = (f"holds, addition emerges at {name(emergent)}" if b_ok
                  else f"does not hold, whatever the missing seeds give: {broken}" if broken
                  else f"open: seeds missing for {', '.join(incomplete)}" if incomplete else "does not hold")
        print(f"(b) n_mem {n}: {b_word} — {desc}")
        b_words[n] = "holds" if b_ok else "fails" if (broken or not incomplete) else "open"
        if b_ok:
            c_ok = smallest_learner is not None and emergent[0] > smallest_learner[0]
            c_oks.append(c_ok)
            print(f"(c) n_mem {n}: {name(emergent)} " + ("is larger than" if c_ok else "is not larger than")
                  + f" the smallest model that learns addition alone ({name(smallest_learner) if smallest_learner else 'none'})")

    # Emergence needs (a), (b) and (c) together: one part that fails settles it.
    failed = [n for n, w in b_words.items() if w == "fails"]
    if a_word == "does not hold" or failed:
        why = ([f"(a) does not hold"] if a_word == "does not hold" else []) + [
            f"(b) does not hold at n_mem {n}" for n in failed]
        print(f"\nemergence by the rule: not shown ({'; '.join(why)})")
    elif a_ok and b_words and all(w == "holds" for w in b_words.values()):
        print("\nemergence by the rule: " + ("shown" if all(c_oks) else "not shown ((c) does not hold)"))
    else:
        print("\nemergence by the rule: open")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
