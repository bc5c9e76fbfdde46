#!/usr/bin/env python3
"""Recompute groktop's circuit progress measures from saved checkpoints, in NumPy.

Usage: python scripts/circuit_measures.py RUN_DIR [STEP ...] [--n-key K]

An independent implementation (Nanda et al. 2023's formulation, not groktop's code): it runs
the model's forward pass on all P^2 inputs from checkpoints/step-N/model.safetensors, takes
the split from train_pairs.csv, and computes the measures with the explicit 2-D Fourier
directions (cos_x cos_y - sin_x sin_y)/sqrt(2) and (sin_x cos_y + cos_x sin_y)/sqrt(2) of
R^{P^2}, as in Nanda's helpers.get_component_cos_xpy / get_component_sin_xpy. Prints one
row per checkpoint and, where metrics.csv has the same step with circuit columns, the
largest absolute difference from groktop's values. Without STEP, every checkpoint.
Needs numpy and safetensors.
"""
import argparse, csv, os
import numpy as np
from safetensors.numpy import load_file

COLUMNS = ["restricted_loss", "excluded_loss", "key_share", "freq_gini", "norm_key", "norm_rest"]


def fourier_basis(p):
    """Rows: constant, then cos w, sin w for w = 1..p//2, each of unit norm (zero rows dropped)."""
    rows, names = [np.ones(p) / np.sqrt(p)], [(0, "const")]
    t = np.arange(p)
    for w in range(1, p // 2 + 1):
        for kind, f in (("cos", np.cos), ("sin", np.sin)):
            v = f(2 * np.pi * w * t / p)
            if np.linalg.norm(v) > 1e-9:
                rows.append(v / np.linalg.norm(v)); names.append((w, kind))
    return np.array(rows), names


def forward(weights, tokens):
    """Logits at the last position of the 1-layer model (full causal attention, all positions)."""
    x = weights["W_E"][tokens] + weights["W_pos"][None]           # [B, n, d]
    B, n, d = x.shape
    h = 4
    dh = d // h
    split = lambda m: (x @ m).reshape(B, n, h, dh).transpose(0, 2, 1, 3)  # [B, h, n, dh]
    q, k, v = split(weights["blocks.0.W_Q"]), split(weights["blocks.0.W_K"]), split(weights["blocks.0.W_V"])
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
    s = np.where(np.tril(np.ones((n, n), bool)), s, -np.inf)
    a = np.exp(s - s.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
    z = (a @ v).transpose(0, 2, 1, 3).reshape(B, n, d)
    x = x + z @ weights["blocks.0.W_O"]
    hid = np.maximum(x @ weights["blocks.0.W_in"] + weights["blocks.0.b_in"], 0)
    x = x + hid @ weights["blocks.0.W_out"] + weights["blocks.0.b_out"]
    return x[:, -1] @ weights["W_U"]


def cross_entropy(logits, labels):
    m = logits.max(-1, keepdims=True)
    lse = np.log(np.exp(logits - m).sum(-1)) + m[:, 0]
    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))


def gini(x):
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) * x.sum()))


def measures(weights, train, p, n_key):
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    a, b = np.meshgrid(np.arange(p), np.arange(p), indexing="ij")
    a, b = a.ravel(), b.ravel()
    n_ctx = w["W_pos"].shape[0]
    cols = [a, b, np.full_like(a, p)] if n_ctx == 3 else [a, np.full_like(a, p + 1), b, np.full_like(a, p)]
    logits = forward(w, np.stack(cols, 1))                           # [P^2, P]
    labels = (a + b) % p
    is_train = np.zeros(p * p, bool)
    is_train[[x * p + y for x, y in train]] = True

    F, names = fourier_basis(p)
    coef = F @ w["W_E"][:p]                                           # [basis, d]
    ucoef = F @ w["W_U"].T                                            # [basis, d]
    freqs = range(1, p // 2 + 1)
    energy = {f: sum((coef[i] ** 2).sum() for i, (g, _) in enumerate(names) if g == f) for f in freqs}
    uenergy = {f: sum((ucoef[i] ** 2).sum() for i, (g, _) in enumerate(names) if g == f) for f in freqs}
    key = sorted(freqs, key=lambda f: (-energy[f], f))[:n_key]
    total = sum(energy.values())

    trig = np.zeros_like(logits)
    row = {nm: F[i] for i, nm in enumerate(names)}
    for f in key:
        c, s = row[(f, "cos")], row.get((f, "sin"))
        outer = lambda u, v: np.outer(u, v).ravel()
        dirs = [outer(c, c) - (outer(s, s) if s is not None else 0)]
        if s is not None:
            dirs.append(outer(s, c) + outer(c, s))
        for d in dirs:
            d = d / np.linalg.norm(d)
            trig += np.outer(d, d @ logits)
    restricted = trig + (logits - trig).mean(0, keepdims=True)       # Nanda's bias correction
    excluded = logits - trig
    key_sq = sum(energy[f] + uenergy[f] for f in key)
    norm_sq = sum(float((v ** 2).sum()) for v in w.values())
    return {
        "key_freqs": " ".join(map(str, key)),
        "key_share": sum(energy[f] for f in key) / total,
        "freq_gini": gini(np.sqrt(np.array([energy[f] for f in freqs]))),
        "restricted_loss": cross_entropy(restricted[is_train], labels[is_train]),
        "excluded_loss": cross_entropy(excluded[is_train], labels[is_train]),
        "norm_key": np.sqrt(key_sq),
        "norm_rest": np.sqrt(max(norm_sq - key_sq, 0.0)),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run"); ap.add_argument("steps", nargs="*", type=int)
    ap.add_argument("--n-key", type=int, default=5)
    args = ap.parse_args()
    ck_root = os.path.join(args.run, "checkpoints")
    steps = args.steps or sorted(int(d.split("-")[1]) for d in os.listdir(ck_root) if d.startswith("step-"))
    rows = list(csv.DictReader(open(os.path.join(args.run, "metrics.csv"))))
    ours = {int(r["step"]): r for r in rows}
    train = [(int(r["a"]), int(r["b"])) for r in csv.DictReader(open(os.path.join(args.run, "train_pairs.csv")))
             if r["task"] == "rule"]
    weights0 = load_file(os.path.join(ck_root, f"step-{steps[0]}", "model.safetensors"))
    p = weights0["W_U"].shape[1]
    print("step,key_freqs," + ",".join(COLUMNS) + ",max_abs_diff_vs_groktop")
    worst = 0.0
    for step in steps:
        m = measures(load_file(os.path.join(ck_root, f"step-{step}", "model.safetensors")), train, p, args.n_key)
        theirs = ours.get(step, {})
        diffs = [abs(m[c] - float(theirs[c])) for c in COLUMNS if theirs.get(c)]
        same_keys = theirs.get("key_freqs") in (None, "", m["key_freqs"])
        diff = f"{max(diffs):.2e}" if diffs else ""
        if diffs:
            worst = max(worst, max(diffs))
        flag = "" if same_keys else " (key frequencies differ: " + theirs["key_freqs"] + ")"
        print(f"{step},{m['key_freqs']}," + ",".join(f"{m[c]:.6f}" for c in COLUMNS) + f",{diff}{flag}")
    if any(ours.get(s, {}).get("restricted_loss") for s in steps):
        print(f"# largest absolute difference from groktop's metrics.csv: {worst:.3e}")


if __name__ == "__main__":
    main()
