"""The tutorial's run in PyTorch eager, one thread: the reference the fused engine is measured against.

Dense(500) -> GaussianNoise(0.1) -> ReLU -> Dense(1) -> sigmoid, Adam(lr 0.001, eps 1e-7 as Keras),
binary cross-entropy, 4000 epochs, batches of 32 reshuffled every epoch, test rows evaluated once at the end.
Usage: python3 bench/torch_tutorial.py DATA.csv [repeats] [epochs]   (DATA.csv: x1,x2,y rows, 30 train then 70 test)
Prints one JSON line: {"seconds": [...], "test_accuracy": [...]}.
"""
import csv
import json
import sys
import time

import torch

torch.set_num_threads(1)


def load(path):
    with open(path) as f:
        rows = [list(map(float, r)) for r in list(csv.reader(f))[1:]]
    x = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
    y = torch.tensor([[r[-1]] for r in rows], dtype=torch.float32)
    return x[:30], y[:30], x[30:], y[30:]


class Net(torch.nn.Module):
    def __init__(self, stddev):
        super().__init__()
        self.hidden = torch.nn.Linear(2, 500)
        self.out = torch.nn.Linear(500, 1)
        self.stddev = stddev
        for layer in (self.hidden, self.out):  # Keras defaults: glorot-uniform kernels, zero biases
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)

    def forward(self, x):
        z = self.hidden(x)
        if self.training:
            z = z + torch.randn_like(z) * self.stddev
        return torch.sigmoid(self.out(torch.relu(z)))


def run(seed, data, epochs):
    torch.manual_seed(seed)
    x_train, y_train, x_test, y_test = data
    net = Net(0.1)
    opt = torch.optim.Adam(net.parameters(), lr=0.001, eps=1e-7)
    loss_fn = torch.nn.BCELoss()
    start = time.perf_counter()
    for _ in range(epochs):
        net.train()
        order = torch.randperm(len(x_train))
        for i in range(0, len(x_train), 32):
            idx = order[i:i + 32]
            opt.zero_grad()
            loss = loss_fn(net(x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
    net.eval()
    with torch.no_grad():
        accuracy = ((net(x_test) > 0.5).float() == y_test).float().mean().item()
    return time.perf_counter() - start, accuracy


if __name__ == "__main__":
    data = load(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 4000
    results = [run(seed, data, epochs) for seed in range(repeats)]
    print(json.dumps({"seconds": [s for s, _ in results], "test_accuracy": [a for _, a in results]}))
