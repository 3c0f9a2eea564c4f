"""An example study's model in PyTorch eager on one thread: the peer `npm run bench` times per model.

  python3 bench/torch_models.py TASK.json [TASK.json ...]
      prints one JSON line per task: {"seconds": [...], "metrics": {...}, "version": ...}

The same network as noise-sweep's (bench/peer_task.py says how a task file describes it), written as a PyTorch
user would: nn.Linear / nn.Conv2d / nn.MaxPool2d / nn.LSTM (packed sequences when the mask is trailing
padding, as it is on the examples; a step loop with the same weights otherwise), Keras' initializers (glorot
uniform kernels, orthogonal recurrent kernels, unit forget bias, zero biases), Adam with Keras' epsilon 1e-7
or SGD, batches of train.batchSize in a new random order every epoch (the last one smaller), the noise at the
same sites, the loss on logits (BCEWithLogits, cross_entropy: the stable forms of ours), metrics as ours.
Timed: building the model, training, and evaluating, after a one-epoch warm-up; see peer_task.timed_runs.
"""
import math

import torch
import torch.nn.functional as F

from peer_task import ACTIVATED, keeps_steps, main, masking_layer, metrics, noise_masked, site_at, timed_runs

torch.set_num_threads(1)
torch.set_num_interop_threads(1)

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "linear": lambda x: x, "selu": F.selu}


def perturb(kind, site, x):
    """Keras' training-phase noise of a kind (GaussianNoise, GaussianDropout, Dropout, AlphaDropout)."""
    if kind == "gaussian":
        return x + torch.randn_like(x) * site["stddev"] if site["stddev"] > 0 else x
    rate = site.get("rate", 0)
    if rate == 0:
        return x
    if kind == "gaussianDropout":
        return x * (1 + torch.randn_like(x) * math.sqrt(rate / (1 - rate)))
    if kind == "dropout":
        return F.dropout(x, rate, True)
    return F.alpha_dropout(x, rate, True)


class Net(torch.nn.Module):
    def __init__(self, task):
        super().__init__()
        self.task = task
        self.kind = task["noise"]["kind"]
        self.mask_value = masking_layer(task)
        self.mask_noise = noise_masked(task)
        self.mods = torch.nn.ModuleList()
        shape = list(task["input_shape"])  # channels last, as the data
        for layer in task["layers"]:
            self.mods.append(self.module(layer, shape))
            shape = self.shape_after(layer, shape)
        self.out = torch.nn.Linear(shape[-1], task["outputs"])
        keras_init(self.out)

    @staticmethod
    def module(layer, shape):
        t = layer["type"]
        if t == "dense":
            m = torch.nn.Linear(shape[-1], layer["units"])
        elif t in ("conv1d", "conv2d"):
            conv = torch.nn.Conv1d if t == "conv1d" else torch.nn.Conv2d
            m = conv(shape[-1], layer["filters"], layer["kernelSize"], padding=layer["padding"])
        elif t in ("maxPooling1d", "maxPooling2d"):
            pool = torch.nn.MaxPool1d if t == "maxPooling1d" else torch.nn.MaxPool2d
            # TensorFlow's "same" pooling keeps ceil(n / stride) outputs: ceil_mode does that for window == stride.
            m = pool(layer["poolSize"], layer["strides"], ceil_mode=layer["padding"] == "same")
        elif t == "lstm":
            m = torch.nn.LSTM(shape[-1], layer["units"], batch_first=True)
        else:
            return torch.nn.Identity()
        if t != "maxPooling1d" and t != "maxPooling2d":
            keras_init(m)
        return m

    @staticmethod
    def shape_after(layer, shape):
        t = layer["type"]
        if t == "dense":
            return shape[:-1] + [layer["units"]]
        if t in ("conv1d", "conv2d"):
            k = layer["kernelSize"]
            return [n if layer["padding"] == "same" else n - k + 1 for n in shape[:-1]] + [layer["filters"]]
        if t in ("maxPooling1d", "maxPooling2d"):
            p, s = layer["poolSize"], layer["strides"]
            return [math.ceil(n / s) if layer["padding"] == "same" else (n - p) // s + 1 for n in shape[:-1]] + [shape[-1]]
        if t == "flatten":
            return [math.prod(shape)]
        if t == "lstm":
            return [shape[0], layer["units"]] if layer["returnSequences"] else [layer["units"]]
        return shape

    def noise(self, x, site, mask, training):
        if site is None or not training:
            return x
        noisy = perturb(self.kind, site, x)
        if mask is None:
            return noisy
        m = mask.reshape(mask.shape + (1,) * (x.dim() - mask.dim()))
        return torch.where(m, noisy, x)

    def step_mask(self, x):
        return (x != self.mask_value).any(dim=-1)

    def forward(self, x, training):
        # Spatial layers run channels first (PyTorch's layout); x moves between layouts only where it must.
        first = False
        noise_mask = self.step_mask(x) if self.mask_noise else None
        step_mask = None
        x = self.noise(x, site_at(self.task, "input"), noise_mask, training)
        for i, (layer, mod) in enumerate(zip(self.task["layers"], self.mods)):
            t = layer["type"]
            spatial = t in ("conv1d", "conv2d", "maxPooling1d", "maxPooling2d")
            if spatial and not first:
                x, first = x.movedim(-1, 1), True
            elif not spatial and first and t != "flatten" and t not in ("activation", "dropout"):
                x, first = x.movedim(1, -1), False
            if t == "masking":
                step_mask = self.step_mask(x)
                x = x * step_mask.unsqueeze(-1)
                noise_mask = step_mask if self.mask_noise else None
            elif t == "lstm":
                x = lstm(mod, x, step_mask, layer["returnSequences"])
            elif t == "flatten":
                x, first = x.flatten(1), False
            elif t == "dropout":
                x = F.dropout(x, layer["rate"], training)
            elif t == "activation":
                x = ACTIVATIONS[layer["activation"]](x)
            else:
                x = mod(x)
            if t in ACTIVATED:
                x = ACTIVATIONS[layer["activation"]](self.noise(x, site_at(self.task, "pre", i), noise_mask, training))
            x = self.noise(x, site_at(self.task, "post", i), noise_mask, training)
            if not keeps_steps(layer):
                step_mask = noise_mask = None
        if first:
            x = x.movedim(1, -1)
        return self.out(x)


def keras_init(m):
    """Keras' defaults: glorot-uniform kernels, orthogonal recurrent kernels, zero biases but 1 for the forget gate."""
    if isinstance(m, torch.nn.LSTM):
        u = m.hidden_size
        torch.nn.init.xavier_uniform_(m.weight_ih_l0)
        # Keras' Orthogonal on the u × 4u recurrent kernel; PyTorch keeps it transposed (4u × u).
        torch.nn.init.orthogonal_(m.weight_hh_l0)
        torch.nn.init.zeros_(m.bias_ih_l0)
        torch.nn.init.zeros_(m.bias_hh_l0)
        with torch.no_grad():
            m.bias_ih_l0[u:2 * u] = 1.0  # gates i, f, g, o in both libraries
    else:
        torch.nn.init.xavier_uniform_(m.weight)
        torch.nn.init.zeros_(m.bias)


def lstm(mod, x, mask, return_sequences):
    """An LSTM over [batch, steps, features] that skips masked steps (they carry the state, as Keras)."""
    if mask is None:
        out, (h, _) = mod(x)
        return out if return_sequences else h[0]
    lengths = mask.sum(dim=1)
    trailing = torch.equal(mask, torch.arange(mask.shape[1]).unsqueeze(0) < lengths.unsqueeze(1))
    if trailing and not return_sequences and bool((lengths > 0).all()):
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, (h, _) = mod(packed)
        return h[0]
    # Masked steps inside a sequence: step by step with the same weights.
    h = x.new_zeros(x.shape[0], mod.hidden_size)
    c = torch.zeros_like(h)
    outs = []
    for t in range(x.shape[1]):
        gates = x[:, t] @ mod.weight_ih_l0.T + mod.bias_ih_l0 + h @ mod.weight_hh_l0.T + mod.bias_hh_l0
        i, f, g, o = gates.chunk(4, dim=1)
        c_new = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h_new = torch.sigmoid(o) * torch.tanh(c_new)
        keep = mask[:, t].unsqueeze(1)
        c, h = torch.where(keep, c_new, c), torch.where(keep, h_new, h)
        outs.append(h)
    return torch.stack(outs, dim=1) if return_sequences else h


def loss_fn(task):
    if task["task"] == "binary":
        return lambda z, y: F.binary_cross_entropy_with_logits(z.reshape(-1), y)
    if task["task"] == "multiclass":
        return F.cross_entropy
    return (lambda z, y: F.l1_loss(z.reshape(-1), y)) if task["train"]["loss"] == "mae" else (lambda z, y: F.mse_loss(z.reshape(-1), y))


def probabilities(task, z):
    if task["task"] == "binary":
        return torch.sigmoid(z)
    if task["task"] == "multiclass":
        return torch.softmax(z, dim=1)
    return z


def train_once(task, seed, epochs):
    torch.manual_seed(seed)
    x, y = torch.from_numpy(task["x_train"]), torch.from_numpy(task["y_train"])
    net = Net(task)
    tr = task["train"]
    if tr["optimizer"] == "adam":
        opt = torch.optim.Adam(net.parameters(), lr=tr["learningRate"], eps=1e-7)
    else:
        opt = torch.optim.SGD(net.parameters(), lr=tr["learningRate"])
    loss = loss_fn(task)
    batch = tr["batchSize"]
    for _ in range(epochs):
        order = torch.randperm(len(x))
        for start in range(0, len(x), batch):
            idx = order[start:start + batch]
            opt.zero_grad()
            loss(net(x[idx], True), y[idx]).backward()
            opt.step()
    ev = task["eval"]
    sets = {name: torch.from_numpy(task[f"x_{name}"]) for name in ("train", "test")}
    with torch.no_grad():
        clean = None if ev["noise"] == "on" else {n: probabilities(task, net(v, False)).numpy() for n, v in sets.items()}
        noisy = None if ev["noise"] == "off" else {n: [probabilities(task, net(v, True)).numpy() for _ in range(ev["samples"])] for n, v in sets.items()}
    return metrics(task, clean, noisy)


def run_file(task):
    if "repeats" in task:  # end to end: the caller times the whole process (start-up and every run)
        for seed in range(task["repeats"]):
            train_once(task, seed, task["train"]["epochs"])
        return {"runs": task["repeats"], "version": torch.__version__}
    train_once(task, 99, 1)  # warm-up: allocator, kernels' first calls
    seconds, result = timed_runs(lambda seed: train_once(task, seed, task["train"]["epochs"]), task["budget"])
    return {"seconds": seconds, "metrics": result, "version": torch.__version__}


if __name__ == "__main__":
    main(run_file)
