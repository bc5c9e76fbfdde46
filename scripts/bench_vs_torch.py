#!/usr/bin/env python3
"""groktop against the PyTorch reference, side by side on this machine.

Usage (torch in a venv: python3 -m venv /tmp/venv && /tmp/venv/bin/pip install torch):
  cargo build --release
  /tmp/venv/bin/python scripts/bench_vs_torch.py [--dims 8 32 64 128] [--rounds 3]

For each width it alternates `groktop bench --child` (one process per measurement, so the peak
memory is that width's) with `peer_torch.py` (2 threads, full and last-position models), `rounds`
times, so machine noise hits both alike, and prints the median seconds per step and the ratios
groktop / torch-full and groktop / torch-lastpos.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
ap = argparse.ArgumentParser()
ap.add_argument("--dims", type=int, nargs="+", default=[8, 32, 64, 128])
ap.add_argument("--rounds", type=int, default=3)
ap.add_argument("--steps", type=int, default=30)
ap.add_argument("--groktop", default=os.path.join(root, "target", "release", "groktop"))
ap.add_argument("--peer", default=os.path.join(root, "..", "shared", "bench", "peer_torch.py"))
a = ap.parse_args()

def groktop(d):
    out = subprocess.run([a.groktop, "bench", "--child", "--dims", str(d), "--steps", str(a.steps)],
                         check=True, capture_output=True, text=True).stdout
    kv = dict(x.split("=") for x in out.split())
    return float(kv["median_s"]), float(kv["peak_mib"])

def torch(d):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run([sys.executable, a.peer, "--dims", str(d), "--sanity-steps", "0", "--steps", str(a.steps),
                        "--blocks", "1", "--threads", "2", "--json", f.name], check=True, capture_output=True)
        row = json.load(open(f.name))["rows"][0]
    return row["full"]["median_s"], row["lastpos"]["median_s"]

print("| d_model | groktop s/step | torch full | torch lastpos | groktop / full | groktop / lastpos | groktop peak |")
print("|---|---|---|---|---|---|---|")
for d in a.dims:
    g, tf, tl, mem = [], [], [], 0.0
    for _ in range(a.rounds):
        s, m = groktop(d); g.append(s); mem = max(mem, m)
        f, l = torch(d); tf.append(f); tl.append(l)
    g, tf, tl = statistics.median(g), statistics.median(tf), statistics.median(tl)
    print(f"| {d} | {g:.4f} | {tf:.4f} | {tl:.4f} | {g / tf:.2f}x | {g / tl:.2f}x | {mem:.0f} MiB |", flush=True)
