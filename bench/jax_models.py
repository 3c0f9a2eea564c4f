"""An example study's model in JAX on one thread: the fastest peer `npm run bench` times per model (issue 18).

  /opt/venv-ml/bin/python bench/jax_models.py TASK.json [TASK.json ...]
      prints one JSON line per task:
      {"first": s, "seconds": [...], "per": runs per call, "metrics": {...}, "version": ...}
      first: the first call (tracing, XLA compilation and one run); seconds: later calls (steady state);
      both are per call, and a call trains `per` runs (task "vmap": n trains n seeds at once with jax.vmap).

The same network as noise-sweep's (bench/peer_task.py says how a task file describes it) in the fastest form
issue 18 found on this machine's CPU: one jit-compiled function per run (initial weights, every epoch, the
evaluation) with lax.scan over epochs and over the batches of an epoch (the last, smaller batch as one more
step), convolution as one matrix product over image patches (im2col) and max pooling as a reshape and max
(lax.reduce_window where windows overlap), the LSTM cell in lax.scan with its input product taken for every
step at once. Keras' initializers (glorot uniform, orthogonal recurrent kernel, unit forget bias), Keras'
Adam (epsilon 1e-7) or SGD, a new batch order every epoch, the noise at the same sites.
One thread: XLA's CPU client without its Eigen thread pool, one intra-op thread.
"""
import os

os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1").strip()
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import math  # noqa: E402
import time  # noqa: E402

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402

from peer_task import ACTIVATED, keeps_steps, main, masking_layer, metrics, noise_masked, site_at, timed_runs  # noqa: E402

ACTIVATIONS = {"relu": jax.nn.relu, "tanh": jnp.tanh, "sigmoid": jax.nn.sigmoid, "linear": lambda x: x, "selu": jax.nn.selu}
# SELU's constants (Klambauer et al. 2017), for AlphaDropout's saturation value.
ALPHA_PRIME = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946
glorot = jax.nn.initializers.glorot_uniform()
orthogonal = jax.nn.initializers.orthogonal()


def init_params(task, key):
    """Weights per layer ({} for layers without), then the output layer's."""
    params, shape = [], list(task["input_shape"])
    for layer in task["layers"] + [{"type": "dense", "units": task["outputs"]}]:
        t = layer["type"]
        key, k1, k2 = jax.random.split(key, 3)
        if t == "dense":
            params.append({"w": glorot(k1, (shape[-1], layer["units"])), "b": jnp.zeros(layer["units"])})
            shape = shape[:-1] + [layer["units"]]
        elif t in ("conv1d", "conv2d"):
            k = layer["kernelSize"]
            window = (k,) if t == "conv1d" else (k, k)
            params.append({"w": glorot(k1, window + (shape[-1], layer["filters"])), "b": jnp.zeros(layer["filters"])})
            shape = [n if layer["padding"] == "same" else n - k + 1 for n in shape[:-1]] + [layer["filters"]]
        elif t == "lstm":
            u = layer["units"]
            bias = jnp.zeros(4 * u).at[u:2 * u].set(1.0)  # gates i, f, c, o: unit forget bias
            params.append({"w": glorot(k1, (shape[-1], 4 * u)), "r": orthogonal(k2, (u, 4 * u)), "b": bias})
            shape = [shape[0], u] if layer["returnSequences"] else [u]
        else:
            params.append({})
            if t in ("maxPooling1d", "maxPooling2d"):
                p, s = layer["poolSize"], layer["strides"]
                shape = [math.ceil(n / s) if layer["padding"] == "same" else (n - p) // s + 1 for n in shape[:-1]] + [shape[-1]]
            elif t == "flatten":
                shape = [math.prod(shape)]
    return params


def perturb(kind, site, x, key):
    if kind == "gaussian":
        return x + jax.random.normal(key, x.shape) * site["stddev"]
    rate = site.get("rate", 0)
    if kind == "gaussianDropout":
        return x * (1 + jax.random.normal(key, x.shape) * math.sqrt(rate / (1 - rate)))
    kept = jax.random.uniform(key, x.shape) >= rate
    if kind == "dropout":
        return jnp.where(kept, x / (1 - rate), 0.0)
    a = ((1 - rate) * (1 + rate * ALPHA_PRIME ** 2)) ** -0.5
    return a * jnp.where(kept, x, ALPHA_PRIME) - a * ALPHA_PRIME * rate


def conv(x, p, layer):
    """Convolution as one matrix product over patches (channels last, stride 1, TensorFlow's padding)."""
    one = layer["type"] == "conv1d"
    if one:
        x = x[:, None]
    k = layer["kernelSize"]
    kh = 1 if one else k
    if layer["padding"] == "same":
        pad = lambda n: ((n - 1) // 2, n - 1 - (n - 1) // 2)  # noqa: E731
        x = jnp.pad(x, ((0, 0), pad(kh), pad(k), (0, 0)))
    _, h, w, c = x.shape
    oh, ow = h - kh + 1, w - k + 1
    patches = jnp.concatenate([x[:, dy:dy + oh, dx:dx + ow, :] for dy in range(kh) for dx in range(k)], axis=-1)
    out = patches @ p["w"].reshape(kh * k * c, -1) + p["b"]
    return out[:, 0] if one else out


def pool(x, layer):
    p, s = layer["poolSize"], layer["strides"]
    one = layer["type"] == "maxPooling1d"
    if one:
        x = x[:, None]
    if layer["padding"] == "valid" and p == s:
        _, h, w, c = x.shape
        ph = 1 if one else p
        oh, ow = h // ph, w // p
        out = x[:, :oh * ph, :ow * p].reshape(-1, oh, ph, ow, p, c).max(axis=(2, 4))
    else:
        window = (1, 1, p, 1) if one else (1, p, p, 1)
        strides = (1, 1, s, 1) if one else (1, s, s, 1)
        out = lax.reduce_window(x, -jnp.inf, lax.max, window, strides, layer["padding"].upper())
    return out[:, 0] if one else out


def lstm(x, p, mask, return_sequences):
    """Keras' LSTM over [batch, steps, features]; masked steps carry the state."""
    u = p["r"].shape[0]
    xs = jnp.swapaxes(x @ p["w"] + p["b"], 0, 1)  # [steps, batch, 4u]: the input product for every step at once
    ms = jnp.ones(xs.shape[:2], bool) if mask is None else jnp.swapaxes(mask, 0, 1)

    def cell(carry, inp):
        h, c = carry
        z, m = inp
        g = z + h @ p["r"]
        i, f, cc, o = (g[:, j * u:(j + 1) * u] for j in range(4))
        c_new = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(cc)
        h_new = jax.nn.sigmoid(o) * jnp.tanh(c_new)
        m = m[:, None]
        h, c = jnp.where(m, h_new, h), jnp.where(m, c_new, c)
        return (h, c), h

    zeros = jnp.zeros((x.shape[0], u), x.dtype)
    (h, _), hs = lax.scan(cell, (zeros, zeros), (xs, ms))
    return jnp.swapaxes(hs, 0, 1) if return_sequences else h


def make_forward(task):
    kind = task["noise"]["kind"]
    mask_value = masking_layer(task)
    mask_noise = noise_masked(task)
    layers = task["layers"]

    def forward(params, x, key, training):
        keys = iter(jax.random.split(key, 3 * len(layers) + 2))

        def noise(x, site, mask):
            if site is None or not training:
                return x
            noisy = perturb(kind, site, x, next(keys))
            if mask is None:
                return noisy
            return jnp.where(mask.reshape(mask.shape + (1,) * (x.ndim - mask.ndim)), noisy, x)

        step = lambda v: (v != mask_value).any(axis=-1)  # noqa: E731
        noise_mask = step(x) if mask_noise else None
        step_mask = None
        x = noise(x, site_at(task, "input"), noise_mask)
        for i, (layer, p) in enumerate(zip(layers, params)):
            t = layer["type"]
            if t == "dense":
                x = x @ p["w"] + p["b"]
            elif t in ("conv1d", "conv2d"):
                x = conv(x, p, layer)
            elif t in ("maxPooling1d", "maxPooling2d"):
                x = pool(x, layer)
            elif t == "flatten":
                x = x.reshape(x.shape[0], -1)
            elif t == "lstm":
                x = lstm(x, p, step_mask, layer["returnSequences"])
            elif t == "masking":
                step_mask = step(x)
                x = x * step_mask[..., None]
                noise_mask = step_mask if mask_noise else None
            elif t == "dropout" and training:
                x = jnp.where(jax.random.uniform(next(keys), x.shape) >= layer["rate"], x / (1 - layer["rate"]), 0.0)
            elif t == "activation":
                x = ACTIVATIONS[layer["activation"]](x)
            if t in ACTIVATED:
                x = ACTIVATIONS[layer["activation"]](noise(x, site_at(task, "pre", i), noise_mask))
            x = noise(x, site_at(task, "post", i), noise_mask)
            if not keeps_steps(layer):
                step_mask = noise_mask = None
        return x @ params[-1]["w"] + params[-1]["b"]

    return forward


def make_loss(task, forward):
    kind, loss = task["task"], task["train"]["loss"]

    def f(params, x, y, key):
        z = forward(params, x, key, True)
        if kind == "binary":
            z = z[:, 0]
            return jnp.mean(jnp.maximum(z, 0) - z * y + jnp.log1p(jnp.exp(-jnp.abs(z))))
        if kind == "multiclass":
            return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(z), y[:, None], axis=1))
        d = z[:, 0] - y
        return jnp.mean(jnp.abs(d)) if loss == "mae" else jnp.mean(d * d)

    return f


def probabilities(task, z):
    if task["task"] == "binary":
        return jax.nn.sigmoid(z)
    if task["task"] == "multiclass":
        return jax.nn.softmax(z)
    return z


def make_run(task):
    """run(seed, x_train, y_train, x_test, y_test) -> outputs with noise off and on, for both sets."""
    tr, ev = task["train"], task["eval"]
    forward = make_forward(task)
    grad = jax.grad(make_loss(task, forward))
    n, batch, epochs, lr = len(task["y_train"]), tr["batchSize"], tr["epochs"], tr["learningRate"]
    full, rest = divmod(n, batch)
    b1, b2, eps = 0.9, 0.999, 1e-7  # Keras' Adam defaults

    def update(params, opt, g):
        if tr["optimizer"] != "adam":
            return jax.tree.map(lambda p, d: p - lr * d, params, g), opt
        m, v, t = opt
        t = t + 1
        m = jax.tree.map(lambda a, d: b1 * a + (1 - b1) * d, m, g)
        v = jax.tree.map(lambda a, d: b2 * a + (1 - b2) * d * d, v, g)
        step = lr * jnp.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        return jax.tree.map(lambda p, a, b: p - step * a / (jnp.sqrt(b) + eps), params, m, v), (m, v, t)

    def run(seed, x_train, y_train, x_test, y_test):
        k_init, k_order, k_noise, k_eval = jax.random.split(jax.random.PRNGKey(seed), 4)
        params = init_params(task, k_init)
        zeros = jax.tree.map(jnp.zeros_like, params)
        opt = (zeros, zeros, jnp.zeros((), jnp.float32))

        def step(carry, b):
            params, opt, key = carry
            key, sub = jax.random.split(key)
            params, opt = update(params, opt, grad(params, b[0], b[1], sub))
            return (params, opt, key), None

        def epoch(carry, key):
            order = jax.random.permutation(key, n)
            xs, ys = x_train[order], y_train[order]
            if full > 0:
                bx = xs[:full * batch].reshape((full, batch) + xs.shape[1:])
                carry, _ = lax.scan(step, carry, (bx, ys[:full * batch].reshape(full, batch)))
            if rest > 0:
                carry, _ = step(carry, (xs[full * batch:], ys[full * batch:]))
            return carry, None

        (params, _, _), _ = lax.scan(epoch, (params, opt, k_noise), jax.random.split(k_order, epochs))
        sets = {"train": x_train, "test": x_test}
        out = {}
        if ev["noise"] != "on":
            out["clean"] = {k: probabilities(task, forward(params, v, k_eval, False)) for k, v in sets.items()}
        if ev["noise"] != "off":
            keys = jax.random.split(k_eval, ev["samples"])
            out["noisy"] = {k: jax.vmap(lambda key, v=v: probabilities(task, forward(params, v, key, True)))(keys) for k, v in sets.items()}
        return out

    return run


def run_file(task):
    data = tuple(jnp.asarray(task[k]) for k in ("x_train", "y_train", "x_test", "y_test"))
    per = task.get("vmap") or 1
    run = make_run(task)
    call = jax.jit(jax.vmap(run, in_axes=(0, None, None, None, None)) if per > 1 else run)

    def once(seed):
        seeds = jnp.arange(seed * per, (seed + 1) * per) if per > 1 else seed
        return jax.tree.map(np.asarray, jax.block_until_ready(call(seeds, *data)))

    if "repeats" in task:  # end to end: the caller times the whole process (start-up, compilation, every run)
        for call_index in range(-(-task["repeats"] // per)):
            once(call_index)
        return {"runs": -(-task["repeats"] // per) * per, "version": jax.__version__}
    start = time.perf_counter()
    once(0)
    first = time.perf_counter() - start
    seconds, out = timed_runs(lambda seed: once(seed + 1), task["budget"])
    if per > 1:  # the metrics of one of the runs
        out = jax.tree.map(lambda a: a[0], out)
    clean = out.get("clean")
    noisy = {k: list(v) for k, v in out["noisy"].items()} if "noisy" in out else None
    return {"first": first, "seconds": seconds, "per": per, "metrics": metrics(task, clean, noisy), "version": jax.__version__}


if __name__ == "__main__":
    main(run_file)
