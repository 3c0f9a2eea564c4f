#!/usr/bin/env python3
"""A user's own training script, as `sweep` runs it: the tutorial's problem (two circles, 30 training rows,
70 test rows) and model (Dense(hidden, relu) -> Dense(1, sigmoid), Adam, binary cross-entropy), with Gaussian
noise on the inputs or before the activation. Its last line of output is a JSON object of metrics.

Uses numpy when it is installed and plain Python otherwise (--backend picks one): the two draw their random
numbers differently, so their numbers differ; both train the same model the same way.
"""
import argparse
import json
import math
import random

parser = argparse.ArgumentParser()
parser.add_argument("--noise", type=float, default=0.0, help="stddev of the Gaussian noise (0: none)")
parser.add_argument("--placement", choices=["input", "pre"], default="pre")
parser.add_argument("--hidden", type=int, default=16)
parser.add_argument("--epochs", type=int, default=300)
parser.add_argument("--lr", type=float, default=0.01)
parser.add_argument("--seed", type=int, required=True)
parser.add_argument("--backend", choices=["auto", "numpy", "python"], default="auto")
args = parser.parse_args()


def circles(n=100, noise=0.1, factor=0.8, seed=1):
    """Two noisy concentric circles (scikit-learn's make_circles, with Python's own random numbers)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        label = i % 2
        angle = 2 * math.pi * rng.random()
        radius = factor if label else 1.0
        rows.append(([radius * math.cos(angle) + rng.gauss(0, noise), radius * math.sin(angle) + rng.gauss(0, noise)], label))
    rng.shuffle(rows)
    return rows[:30], rows[30:]


train_rows, test_rows = circles()
backend = args.backend
if backend == "auto":
    try:
        import numpy  # noqa: F401

        backend = "numpy"
    except ImportError:
        backend = "python"

BETA1, BETA2, EPS = 0.9, 0.999, 1e-7  # Keras' Adam defaults
CLIP = 1e-7  # Keras clips probabilities to [1e-7, 1 - 1e-7] in binary cross-entropy


def train_numpy():
    import numpy as np

    rng = np.random.default_rng(args.seed)
    x = np.array([r[0] for r in train_rows])
    y = np.array([r[1] for r in train_rows], dtype=float)[:, None]
    limit1, limit2 = math.sqrt(6 / (2 + args.hidden)), math.sqrt(6 / (args.hidden + 1))
    params = [rng.uniform(-limit1, limit1, (2, args.hidden)), np.zeros(args.hidden), rng.uniform(-limit2, limit2, (args.hidden, 1)), np.zeros(1)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]

    def forward(inputs, noisy):
        w1, b1, w2, b2 = params
        if noisy and args.placement == "input":
            inputs = inputs + rng.normal(0, args.noise, inputs.shape)
        z = inputs @ w1 + b1
        if noisy and args.placement == "pre":
            z = z + rng.normal(0, args.noise, z.shape)
        h = np.maximum(z, 0)
        return inputs, z, h, 1 / (1 + np.exp(-(h @ w2 + b2)))

    for step in range(1, args.epochs + 1):
        inputs, z, h, p = forward(x, args.noise > 0)
        dlogit = (p - y) / len(x)
        dh = (dlogit @ params[2].T) * (z > 0)
        grads = [inputs.T @ dh, dh.sum(0), h.T @ dlogit, dlogit.sum(0)]
        for i, g in enumerate(grads):
            m[i] = BETA1 * m[i] + (1 - BETA1) * g
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g
            params[i] -= args.lr * (m[i] / (1 - BETA1**step)) / (np.sqrt(v[i] / (1 - BETA2**step)) + EPS)

    def evaluate(rows):
        inputs = np.array([r[0] for r in rows])
        labels = np.array([r[1] for r in rows], dtype=float)[:, None]
        p = np.clip(forward(inputs, False)[3], CLIP, 1 - CLIP)
        loss = -np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p))
        return float(np.mean((p > 0.5) == labels)), float(loss)

    return evaluate(train_rows), evaluate(test_rows)


def train_python():
    rng = random.Random(args.seed)
    hidden = args.hidden
    limit1, limit2 = math.sqrt(6 / (2 + hidden)), math.sqrt(6 / (hidden + 1))
    w1 = [[rng.uniform(-limit1, limit1) for _ in range(hidden)] for _ in range(2)]
    b1 = [0.0] * hidden
    w2 = [rng.uniform(-limit2, limit2) for _ in range(hidden)]
    b2 = [0.0]
    flat = lambda: w1[0] + w1[1] + b1 + w2 + b2  # noqa: E731
    m = [0.0] * len(flat())
    v = [0.0] * len(flat())

    def forward(point, noisy):
        xs = [point[0] + rng.gauss(0, args.noise), point[1] + rng.gauss(0, args.noise)] if noisy and args.placement == "input" else point
        z = [xs[0] * w1[0][j] + xs[1] * w1[1][j] + b1[j] for j in range(hidden)]
        if noisy and args.placement == "pre":
            z = [zj + rng.gauss(0, args.noise) for zj in z]
        h = [zj if zj > 0 else 0.0 for zj in z]
        logit = sum(hj * w for hj, w in zip(h, w2)) + b2[0]
        return xs, z, h, 1 / (1 + math.exp(-logit))

    n = len(train_rows)
    for step in range(1, args.epochs + 1):
        g = [0.0] * len(m)
        for point, label in train_rows:
            xs, z, h, p = forward(point, args.noise > 0)
            d = (p - label) / n
            for j in range(hidden):
                dz = d * w2[j] if z[j] > 0 else 0.0
                g[j] += xs[0] * dz
                g[hidden + j] += xs[1] * dz
                g[2 * hidden + j] += dz
                g[3 * hidden + j] += d * h[j]
            g[4 * hidden] += d
        values = flat()
        for i, gi in enumerate(g):
            m[i] = BETA1 * m[i] + (1 - BETA1) * gi
            v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi
            values[i] -= args.lr * (m[i] / (1 - BETA1**step)) / (math.sqrt(v[i] / (1 - BETA2**step)) + EPS)
        w1[0], w1[1], b1[:], w2[:], b2[:] = values[:hidden], values[hidden : 2 * hidden], values[2 * hidden : 3 * hidden], values[3 * hidden : 4 * hidden], values[4 * hidden :]

    def evaluate(rows):
        correct, loss = 0, 0.0
        for point, label in rows:
            p = min(max(forward(point, False)[3], CLIP), 1 - CLIP)
            correct += (p > 0.5) == (label == 1)
            loss -= label * math.log(p) + (1 - label) * math.log(1 - p)
        return correct / len(rows), loss / len(rows)

    return evaluate(train_rows), evaluate(test_rows)


(train_accuracy, train_loss), (test_accuracy, test_loss) = train_numpy() if backend == "numpy" else train_python()
print(f"trained {args.epochs} epochs with {backend}")
print(json.dumps({"train_accuracy": train_accuracy, "train_loss": train_loss, "test_accuracy": test_accuracy, "test_loss": test_loss, "backend": backend}))
