"""The tutorial's run in PyTorch eager, one thread: the reference the fused engine is measured against.

Dense(500) -> [pre noise] -> ReLU -> [post noise] -> Dense(1) -> sigmoid, with input noise on the features,
Adam(lr 0.001, eps 1e-7 as Keras), binary cross-entropy, batches of 32 reshuffled every epoch, test rows
evaluated once at the end. DATA.csv holds x1,x2,y rows: 30 training rows, then the test rows.

  python3 bench/torch_tutorial.py DATA.csv [repeats=3] [epochs=4000]
      the pre-noise (0.1) run `npm run bench` times; prints {"seconds": [...], "test_accuracy": [...]}
  python3 bench/torch_tutorial.py DATA.csv [repeats=3] [epochs=4000] --all-placements
      every placement the fused engine's timing script uses (test/engine/fused/speed.ts); prints the median
      and fastest seconds of each
"""
import csv
import json
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


def run(seed, data, noise, epochs):
    """Seconds of training and the test accuracy of one run."""
    torch.manual_seed(seed)
    x_train, y_train, x_test, y_test = data
    net = Net(noise)
    opt = torch.optim.Adam(net.parameters(), lr=0.001, eps=1e-7)
    loss_fn = torch.nn.BCELoss()
    start = time.perf_counter()
    for _ in range(epochs):
        net.train()
        order = torch.randperm(len(x_train))
        for i in range(0, len(x_train), 32):
            idx = order[i:i + 32]
            opt.zero_grad()
            loss_fn(net(x_train[idx]), y_train[idx]).backward()
            opt.step()
    net.eval()
    with torch.no_grad():
        accuracy = ((net(x_test) > 0.5).float() == y_test).float().mean().item()
    return time.perf_counter() - start, accuracy


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    data = load(args[0])
    repeats = int(args[1]) if len(args) > 1 else 3
    epochs = int(args[2]) if len(args) > 2 else 4000
    if "--all-placements" in sys.argv:
        for name, noise in PLACEMENTS.items():
            seconds = [run(seed, data, noise, epochs)[0] for seed in range(repeats)]
            print(f"{name:16s} median {statistics.median(seconds):.3f} s  fastest {min(seconds):.3f} s")
    else:
        results = [run(seed, data, PLACEMENTS["pre 0.1"], epochs) for seed in range(repeats)]
        print(json.dumps({"seconds": [s for s, _ in results], "test_accuracy": [a for _, a in results]}))
