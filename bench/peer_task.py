"""What the peer scripts (torch_models.py, jax_models.py) share: the task file `npm run bench` writes, the
metrics as noise-sweep computes them (src/engine/metrics.ts), and how a run is timed.

A task file (bench/peers/peer-task.ts writes it) is one JSON object: the study's resolved model (hidden layers
with Keras' defaults filled in, the output layer implied by the task), its noise sites in network order, its
training settings, and the exact rows our engines train and test on (shuffled, split and standardized by
noise-sweep, so every tool sees the same numbers).

A network, as noise-sweep's tfjs engine builds it (src/engine/tfjs/model.ts):
  [input noise] -> layer 0 -> ... -> output dense (sigmoid | softmax | linear by task)
  where a dense or conv layer is its linear part, [pre noise], its activation, and every layer may be followed
  by [post noise]. A site with "layer" absent (the `hidden: [...]` form) applies at every layer.
Masks (a masking layer in the stack): noise before the masking layer keeps to the mask that layer will find
in the raw input, noise after it to the step mask, unless noise.mask is false; an LSTM skips masked steps
(Keras: they carry the state). The mask ends at the first layer that does not work step by step.
"""
import json
import math
import statistics
import sys
import time

import numpy as np

# Keras' backend epsilon: the clip of predicted probabilities in the losses (src/engine/metrics.ts EPSILON).
EPSILON = 1e-7
# Layers that have a linear part and an activation (pre noise sits between them).
ACTIVATED = ("dense", "conv1d", "conv2d")
# Layers that keep the step axis, so a step mask still applies after them.
STEPWISE = ("dense", "activation", "dropout", "masking")


def load_task(path):
    """The task file as a dict, with its rows as float32 numpy arrays shaped [n, *input_shape]."""
    with open(path) as f:
        task = json.load(f)
    shape = [-1] + task["input_shape"]
    for name in ("x_train", "x_test"):
        task[name] = np.asarray(task[name], dtype=np.float32).reshape(shape)
    label_type = np.int64 if task["task"] == "multiclass" else np.float32
    for name in ("y_train", "y_test"):
        task[name] = np.asarray(task[name], dtype=label_type)
    return task


def site_at(task, placement, layer=None):
    """The noise site at a place (or None): input ignores the layer; a site without a layer applies to every layer."""
    for s in task["noise"]["sites"]:
        if s["placement"] == placement and (placement == "input" or s.get("layer") is None or s.get("layer") == layer):
            return s
    return None


def masking_layer(task):
    """The masking layer's maskValue, or None without one."""
    for layer in task["layers"]:
        if layer["type"] == "masking":
            return layer["maskValue"]
    return None


def noise_masked(task):
    """Whether noise keeps to the step mask (a masking layer, and noise.mask not false)."""
    return masking_layer(task) is not None and task["noise"].get("mask") is not False


def keeps_steps(layer):
    return layer["type"] in STEPWISE or (layer["type"] == "lstm" and layer["returnSequences"])


def scores(task, outputs, y):
    """Our metrics of network outputs (probabilities, or predictions for regression) against labels."""
    out = np.asarray(outputs, dtype=np.float64)
    if task["task"] == "regression":
        d = out.reshape(-1) - y
        return {"mse": float(np.mean(d * d)), "mae": float(np.mean(np.abs(d)))}
    if task["task"] == "multiclass":
        p = np.clip(out[np.arange(len(y)), y], EPSILON, 1 - EPSILON)
        return {"loss": float(-np.mean(np.log(p))), "accuracy": float(np.mean(np.argmax(out, axis=1) == y))}
    p = out.reshape(-1)
    pc = np.clip(p, EPSILON, 1 - EPSILON)
    loss = -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))
    return {"loss": float(loss), "accuracy": float(np.mean((p > 0.5) == (y == 1)))}


def metrics(task, clean, noisy):
    """train_/test_ metrics from outputs with noise off (clean: {set: outputs}) and on (noisy: {set: [outputs per draw]})."""
    out = {}
    for name in ("train", "test"):
        y = task[f"y_{name}"]
        if clean is not None:
            for k, v in scores(task, clean[name], y).items():
                out[f"{name}_{k}"] = v
        if noisy is not None:
            draws = [scores(task, o, y) for o in noisy[name]]
            for k in draws[0]:
                out[f"{name}_{k}_noisy"] = sum(d[k] for d in draws) / len(draws)
    return out


def timed_runs(run, budget):
    """Runs `run(seed)` once, then again while the total stays under `budget` seconds (3 runs at most).
    Returns (seconds of each run, the last run's metrics)."""
    seconds, result = [], None
    for seed in range(3):
        start = time.perf_counter()
        result = run(seed)
        seconds.append(time.perf_counter() - start)
        if sum(seconds) >= budget:
            break
    return seconds, result


def emit(record):
    """One JSON line per task on stdout (what bench/peers/python.ts reads)."""
    print(json.dumps(record), flush=True)


def median(xs):
    return statistics.median(xs)


def main(run_file):
    """Runs every task file named on the command line through `run_file(task) -> record`; a task that fails
    prints {"error": ...} and the next one runs."""
    for path in sys.argv[1:]:
        try:
            emit(run_file(load_task(path)))
        except Exception as e:  # a failed peer is a row that says so, not a failed benchmark
            emit({"error": f"{type(e).__name__}: {e}".splitlines()[0]})


def glorot_limit(fan_in, fan_out):
    return math.sqrt(6 / (fan_in + fan_out))
