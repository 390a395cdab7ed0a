"""The yardstick for bptutor's digits figures (scripts/bench runs it when numpy is
importable): a 64-32-10 network, sigmoid or ReLU hidden, softmax output with
cross-entropy, full batch over all 1,797 digits, mean gradient, eta = 2 (sigmoid)
or 0.5 (ReLU), pixels scaled to [0, 1], 300 epochs, the loss computed every epoch
as bptutor does. Prints the seconds of the training loop alone and the final loss.

usage: python3 digits_numpy.py sigmoid|relu [epochs] [eta]
"""
import sys
import time

import numpy as np

hidden = sys.argv[1] if len(sys.argv) > 1 else "sigmoid"
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 300
eta = float(sys.argv[3]) if len(sys.argv) > 3 else (2.0 if hidden == "sigmoid" else 0.5)

rows = np.loadtxt("Lessons/data/digits.csv", delimiter=",", skiprows=1)
x = rows[:, :64] / 16.0
labels = rows[:, 64].astype(int)
n = x.shape[0]
t = np.zeros((n, 10))
t[np.arange(n), labels] = 1

rng = np.random.default_rng(1)
r1, r2 = np.sqrt(6 / (64 + 32)), np.sqrt(6 / (32 + 10))
w1 = rng.uniform(-r1, r1, (32, 64)); b1 = np.zeros(32)
w2 = rng.uniform(-r2, r2, (10, 32)); b2 = np.zeros(10)

start = time.perf_counter()
for epoch in range(epochs):
    z1 = x @ w1.T + b1
    if hidden == "sigmoid":
        a1 = 1 / (1 + np.exp(-z1))
    else:
        a1 = np.maximum(z1, 0)
    z2 = a1 @ w2.T + b2
    m = z2.max(axis=1, keepdims=True)
    e = np.exp(z2 - m)
    s = e.sum(axis=1, keepdims=True)
    lse = m + np.log(s)
    loss = -(t * (z2 - lse)).sum() / n
    d2 = (e / s - t) / n
    gw2 = d2.T @ a1; gb2 = d2.sum(axis=0)
    d1 = d2 @ w2
    d1 *= a1 * (1 - a1) if hidden == "sigmoid" else (z1 > 0)
    gw1 = d1.T @ x; gb1 = d1.sum(axis=0)
    w1 -= eta * gw1; b1 -= eta * gb1
    w2 -= eta * gw2; b2 -= eta * gb2
seconds = time.perf_counter() - start
print(f"{seconds:.6f} {loss:.6g}")
