"""PyTorch peer of `npm run bench` (CPU): gemm, MLP training and LeNet-5 training, each in float64
and float32 at each requested torch.set_num_threads setting, timed like sims/bench/timing.ts
(`timed` from numpy_bench.py: one warm-up, then R samples of at least S seconds, median).

Reads a JSON job on stdin:
  {"reps": R, "minSeconds": S, "threads": [1, 2], "dtypes": ["float64", "float32"],
   "gemm": [{"M":..,"N":..,"K":..,"ta":bool,"tb":bool}, ...],
   "mlp": [{"batch": 64, "optimizer": "sgd"|"adam", "layers": [784, 256, 256, 10]}, ...],
   "lenet": [{"batch": 64}, ...]}
and prints {"torch": version, "results": [{"kind", "index", "dtype", "threads", "median", "samples"}]}
with `median` in seconds per call (gemm: one product; training: one step of one batch).
Inputs are seeded standard-normal draws (torch.manual_seed(0)), labels uniform over 10 classes:
a step's cost does not depend on the pixel values. Weights use PyTorch's default initialisation.
"""
import json
import sys

import torch
from torch import nn

from numpy_bench import timed

LR_SGD = 0.01
LR_ADAM = 1e-3
BATCHES = 8  # distinct batches cycled through, as the laelab trainers do


def mlp(layers):
    mods = []
    for i in range(len(layers) - 1):
        mods.append(nn.Linear(layers[i], layers[i + 1]))
        if i < len(layers) - 2:
            mods.append(nn.ReLU())
    return nn.Sequential(*mods)


def lenet5():
    """LeNet-5 for 28×28 inputs: conv 6@5×5 pad 2, ReLU, maxpool 2, conv 16@5×5, ReLU, maxpool 2,
    dense 400-120-84-10 with ReLU between."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )


def trainer(model, optimizer, shape, batch, dtype):
    """One SGD/Adam step of softmax cross-entropy on the next of BATCHES fixed batches."""
    model = model.to(dtype)
    opt = torch.optim.SGD(model.parameters(), lr=LR_SGD) if optimizer == "sgd" else torch.optim.Adam(model.parameters(), lr=LR_ADAM)
    xs = [torch.randn((batch, *shape), dtype=dtype) for _ in range(BATCHES)]
    ys = [torch.randint(0, 10, (batch,)) for _ in range(BATCHES)]
    loss_fn = nn.CrossEntropyLoss()
    state = {"i": 0}

    def step():
        i = state["i"] % BATCHES
        state["i"] += 1
        opt.zero_grad(set_to_none=True)
        loss_fn(model(xs[i]), ys[i]).backward()
        opt.step()

    return step


def gemm_call(g, dtype):
    M, N, K = g["M"], g["N"], g["K"]
    A = torch.randn((K, M) if g["ta"] else (M, K), dtype=dtype)
    B = torch.randn((N, K) if g["tb"] else (K, N), dtype=dtype)
    opA = A.t() if g["ta"] else A
    opB = B.t() if g["tb"] else B
    C = torch.empty((M, N), dtype=dtype)
    return lambda: torch.matmul(opA, opB, out=C)


def main():
    job = json.load(sys.stdin)
    reps, min_seconds = job["reps"], job["minSeconds"]
    results = []
    for threads in job.get("threads", [1]):
        torch.set_num_threads(threads)
        for name in job.get("dtypes", ["float64"]):
            dtype = getattr(torch, name)
            torch.manual_seed(0)
            calls = [("gemm", i, gemm_call(g, dtype)) for i, g in enumerate(job.get("gemm", []))]
            calls += [("mlp", i, trainer(mlp(m["layers"]), m["optimizer"], (m["layers"][0],), m["batch"], dtype)) for i, m in enumerate(job.get("mlp", []))]
            calls += [("lenet", i, trainer(lenet5(), "sgd", (1, 28, 28), l["batch"], dtype)) for i, l in enumerate(job.get("lenet", []))]
            for kind, index, fn in calls:
                with torch.no_grad() if kind == "gemm" else torch.enable_grad():
                    t = timed(fn, reps, min_seconds)
                results.append({"kind": kind, "index": index, "dtype": name, "threads": threads, **t})
    json.dump({"torch": torch.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
