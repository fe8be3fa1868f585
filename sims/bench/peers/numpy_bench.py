"""NumPy peer of `npm run bench`: float64 products timed like sims/bench/timing.ts.

Reads a JSON job on stdin: {"reps": R, "minSeconds": S, "gemm": [{"M":..,"N":..,"K":..,"ta":bool,"tb":bool}, ...]}
and prints {"gemm": [{"median": seconds, "samples": [...]}, ...]} — one warm-up call, then R
samples, each running the product enough times to last at least S seconds; the median per call.
Transposed operands are NumPy views (A.T), which BLAS reads in place, as laelab's kernel does.
"""
import json
import sys
import time

import numpy as np


def timed(fn, reps, min_seconds):
    fn()
    inner = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        if time.perf_counter() - t0 >= min_seconds or inner >= 1 << 20:
            break
        inner *= 2
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - t0) / inner)
    return {"median": float(np.median(samples)), "samples": samples}


def main():
    job = json.load(sys.stdin)
    rng = np.random.default_rng(0)
    out = {"gemm": []}
    for g in job.get("gemm", []):
        M, N, K = g["M"], g["N"], g["K"]
        A = rng.standard_normal((K, M) if g["ta"] else (M, K))
        B = rng.standard_normal((N, K) if g["tb"] else (K, N))
        opA = A.T if g["ta"] else A
        opB = B.T if g["tb"] else B
        C = np.empty((M, N))
        out["gemm"].append(timed(lambda: np.matmul(opA, opB, out=C), job["reps"], job["minSeconds"]))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
