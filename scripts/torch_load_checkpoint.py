#!/usr/bin/env python3
"""Load a groktop checkpoint into the PyTorch reference model and check it.

Usage: python scripts/torch_load_checkpoint.py RUN_DIR STEP [--continue N]

Loads checkpoints/step-STEP/model.safetensors into ../shared/bench/peer_torch.py's OneLayer,
rebuilds the split from train_pairs.csv and prints train/val accuracy next to groktop's
metrics.csv row for that step. With --continue N it also loads optimizer.safetensors into
torch.optim.AdamW and trains N more steps in PyTorch, to compare with groktop's step STEP+N.
"""
import argparse, csv, os, sys
import torch, torch.nn.functional as F
from safetensors.torch import load_file

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "bench"))
import peer_torch as ref  # noqa: E402  (the reference model; P = 113)

ap = argparse.ArgumentParser()
ap.add_argument("run"); ap.add_argument("step", type=int); ap.add_argument("--continue", dest="more", type=int, default=0)
a = ap.parse_args()
ck = os.path.join(a.run, "checkpoints", f"step-{a.step}")
weights = load_file(os.path.join(ck, "model.safetensors"))
d = weights["W_E"].shape[1]
model = ref.OneLayer(d)
with torch.no_grad():
    for name, t in weights.items():
        getattr(model, name.removeprefix("blocks.0.")).copy_(t)   # blocks.0.W_Q -> W_Q

P = ref.P
pairs = [(int(r["a"]), int(r["b"])) for r in csv.DictReader(open(os.path.join(a.run, "train_pairs.csv")))]
train = set(pairs)
val = [(x, y) for x in range(P) for y in range(P) if (x, y) not in train]
def tensors(ps):
    x = torch.tensor([[p, q, P] for p, q in ps]); return x, (x[:, 0] + x[:, 1]) % P
xtr, ytr = tensors(pairs); xva, yva = tensors(val)
def report(step):
    with torch.no_grad():
        lt, lv = model.forward_full(xtr), model.forward_full(xva)
    ours = next((r for r in csv.DictReader(open(os.path.join(a.run, "metrics.csv"))) if int(r["step"]) == step), None)
    print(f"step {step}: torch  train_loss {F.cross_entropy(lt, ytr).item():.6f} train_acc {(lt.argmax(-1) == ytr).float().mean().item():.4f}"
          f" val_acc {(lv.argmax(-1) == yva).float().mean().item():.4f}")
    if ours:
        print(f"step {step}: groktop train_loss {float(ours['train_loss']):.6f} train_acc {float(ours['train_acc']):.4f} val_acc {float(ours['val_acc']):.4f}")
report(a.step)
if a.more:
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))
    state = load_file(os.path.join(ck, "optimizer.safetensors"))
    lr = float(open(os.path.join(a.run, "preset.ron")).read().split("lr: ")[1].split(",")[0])
    names = {id(p): n for n, p in model.named_parameters()}
    full = {n.removeprefix("blocks.0."): n for n in weights}
    for p in model.parameters():
        n = full[names[id(p)]]
        opt.state[p] = {"step": torch.tensor(float(a.step)), "exp_avg": state["exp_avg." + n].clone(), "exp_avg_sq": state["exp_avg_sq." + n].clone()}
    for g in opt.param_groups: g["lr"] = lr  # warm-up is long over at checkpoint steps
    for _ in range(a.more):
        opt.zero_grad(); F.cross_entropy(model.forward_full(xtr), ytr).backward(); opt.step()
    report(a.step + a.more)
