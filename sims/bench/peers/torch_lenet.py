"""PyTorch peer of the LeNet-5 bench (sims/bench/lenet.ts): reads a JSON job on stdin
{batch, steps, reps, dtypes, threads}, trains LeNet-5 (conv 6@5x5 pad 2, relu, maxpool 2,
conv 16@5x5, relu, maxpool 2, 400-120-84-10) with plain SGD lr 0.01 on random inputs of MNIST
shape, and prints {"torch": version, "results": [{dtype, threads, samples_per_second}]}: the median
over reps of `steps` training steps after a warm-up."""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def measure(dtype, threads, batch, steps, reps):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = lenet().to(dtype)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x = torch.randn(batch, 1, 28, 28, dtype=dtype)
    y = torch.randint(0, 10, (batch,))
    loss = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss(net(x), y).backward()
        opt.step()

    for _ in range(max(3, steps // 5)):
        step()
    rates = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(batch * steps / (time.perf_counter() - t0))
    return statistics.median(rates)


job = json.load(sys.stdin)
dtypes = {'float64': torch.float64, 'float32': torch.float32}
results = [{'dtype': d, 'threads': t, 'samples_per_second': measure(dtypes[d], t, job['batch'], job['steps'], job['reps'])}
           for d in job['dtypes'] for t in job['threads']]
print(json.dumps({'torch': torch.__version__, 'results': results}))
