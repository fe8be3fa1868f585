"""SciPy peer of the LAE-PCA bench (sims/bench/pca.ts): the top-k principal directions of the
MNIST digits the `mnist` package ships, by scipy.sparse.linalg.svds on the centred data.

Reads a JSON job on stdin: {"folder": digits folder, "reps": R, "k": k} and prints
{"seconds": [R times], "components": 784 × k (descending singular value), "numpy": .., "scipy": ..}
— one warm-up call, then R timed calls (centring included, as laelab's timing includes it).
"""
import json
import os
import sys
import time

import numpy as np
import scipy
from scipy.sparse.linalg import svds


def main():
    job = json.load(sys.stdin)
    folder, reps, k = job["folder"], job["reps"], job["k"]
    parts = []
    for d in range(10):
        with open(os.path.join(folder, f"{d}.json")) as f:
            parts.append(np.asarray(json.load(f)["data"], dtype=np.float64).reshape(-1, 784))
    X = np.vstack(parts)

    def run():
        Xc = X - X.mean(axis=0)
        return svds(Xc, k=k, random_state=0)

    run()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        U, S, Vt = run()
        times.append(time.perf_counter() - t0)
    order = np.argsort(S)[::-1]
    json.dump({"seconds": times, "components": Vt[order].T.tolist(), "numpy": np.__version__, "scipy": scipy.__version__}, sys.stdout)


if __name__ == "__main__":
    main()
