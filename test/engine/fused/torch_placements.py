"""The fused engine's timing runs (test/engine/fused/speed.ts) in PyTorch eager on one thread, per noise placement.

Dense(500) -> [pre noise] -> ReLU -> [post noise] -> Dense(1) -> sigmoid, input noise on the features,
Adam(lr 0.001, eps 1e-7 as Keras), binary cross-entropy, 4000 epochs, batches of 32 reshuffled every epoch,
test rows evaluated once at the end; the same placements and stddevs as speed.ts. Not a test: a figure for the
comment in src/engine/fused/index.ts (bench/torch_tutorial.py times the pre-noise run for `npm run bench`).
Usage: /usr/bin/python3 test/engine/fused/torch_placements.py DATA.csv [repeats=3]
(DATA.csv from `sweep data circles --out DATA.csv`). Prints the median and fastest seconds per placement.
"""
import csv
import statistics
import sys
import time

import torch

torch.set_num_threads(1)

PLACEMENTS = {
    "none": {},
    "input 0.01": {"input": 0.01},
    "pre 0.1": {"pre": 0.1},
    "post 0.1": {"post": 0.1},
    "input+pre+post": {"input": 0.01, "pre": 0.1, "post": 0.1},
}


def load(path):
    with open(path) as f:
        rows = [list(map(float, r)) for r in list(csv.reader(f))[1:]]
    x = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
    y = torch.tensor([[r[-1]] for r in rows], dtype=torch.float32)
    return x[:30], y[:30], x[30:], y[30:]


class Net(torch.nn.Module):
    def __init__(self, noise):
        super().__init__()
        self.hidden = torch.nn.Linear(2, 500)
        self.out = torch.nn.Linear(500, 1)
        self.noise = noise
        for layer in (self.hidden, self.out):  # Keras defaults: glorot-uniform kernels, zero biases
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)

    def add_noise(self, t, site):
        stddev = self.noise.get(site, 0)
        return t + torch.randn_like(t) * stddev if self.training and stddev > 0 else t

    def forward(self, x):
        h = torch.relu(self.add_noise(self.hidden(self.add_noise(x, "input")), "pre"))
        return torch.sigmoid(self.out(self.add_noise(h, "post")))


def run(seed, data, noise):
    torch.manual_seed(seed)
    x_train, y_train, x_test, y_test = data
    net = Net(noise)
    opt = torch.optim.Adam(net.parameters(), lr=0.001, eps=1e-7)
    loss_fn = torch.nn.BCELoss()
    start = time.perf_counter()
    for _ in range(4000):
        net.train()
        order = torch.randperm(len(x_train))
        for i in range(0, len(x_train), 32):
            idx = order[i:i + 32]
            opt.zero_grad()
            loss_fn(net(x_train[idx]), y_train[idx]).backward()
            opt.step()
    net.eval()
    with torch.no_grad():
        ((net(x_test) > 0.5).float() == y_test).float().mean().item()
    return time.perf_counter() - start


if __name__ == "__main__":
    data = load(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for name, noise in PLACEMENTS.items():
        seconds = [run(seed, data, noise) for seed in range(repeats)]
        print(f"{name:<15} torch median {statistics.median(seconds):.3f} s  min {min(seconds):.3f} s")
