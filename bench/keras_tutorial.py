"""The seed tutorial's own Keras code (issue 17 item 12): Dense(500) + Dense(1, sigmoid), adam, binary
cross-entropy, batch 32, model.fit(..., validation_data=(testX, testy), epochs=4000, verbose=0), with
GaussianNoise as the tutorial places it (none; input 0.01; pre 0.1: Dense(500) -> GaussianNoise -> Activation;
post 0.1: Dense(500, relu) -> GaussianNoise). One thread. DATA.csv holds x1,x2,y rows: 30 training rows, then
the test rows (bench/peers/tutorial-peers.ts writes the tutorial's make_circles rows).

  python bench/keras_tutorial.py DATA.csv --time [--placement pre] [--epochs 300]
      `npm run bench`'s row: one model.fit of --epochs epochs, timed; prints
      {"seconds": fit seconds, "epochs": n, "per_epoch": s, "test_accuracy": ..., "version": ..., "backend": ...}
  KERAS_BACKEND=jax python bench/keras_tutorial.py ...
      the same code on Keras' JAX backend (about 10× faster per epoch here than its default, tensorflow)
  python bench/keras_tutorial.py DATA.csv --means [--repeats 10] [--epochs 4000] [--placement pre ...]
      the README's Keras row: every placement (or those given) --repeats times, full length; prints one JSON
      line per run as it ends, then the mean ± std of train and test accuracy per placement.
"""
import argparse
import json
import os
import statistics
import sys
import time

# One thread whichever backend Keras runs on (KERAS_BACKEND; tensorflow by default, as the tutorial ran).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1").strip()
if os.environ.get("KERAS_BACKEND", "tensorflow") == "tensorflow":
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.layers import Activation, Dense, GaussianNoise, Input  # noqa: E402
from keras.models import Sequential  # noqa: E402

PLACEMENTS = ("none", "input", "pre", "post")


def load(path):
    rows = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    x, y = rows[:, :-1], rows[:, -1]
    return x[:30], y[:30], x[30:], y[30:]


def model_for(placement):
    """The tutorial's four models, layer for layer."""
    model = Sequential()
    model.add(Input(shape=(2,)))
    if placement == "input":
        model.add(GaussianNoise(0.01))
    if placement == "pre":
        model.add(Dense(500))
        model.add(GaussianNoise(0.1))
        model.add(Activation("relu"))
    else:
        model.add(Dense(500, activation="relu"))
    if placement == "post":
        model.add(GaussianNoise(0.1))
    model.add(Dense(1, activation="sigmoid"))
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


def run(data, placement, epochs):
    """One tutorial run: (seconds of model.fit, train accuracy, test accuracy)."""
    train_x, train_y, test_x, test_y = data
    model = model_for(placement)
    start = time.perf_counter()
    model.fit(train_x, train_y, validation_data=(test_x, test_y), epochs=epochs, verbose=0)
    seconds = time.perf_counter() - start
    _, train_acc = model.evaluate(train_x, train_y, verbose=0)
    _, test_acc = model.evaluate(test_x, test_y, verbose=0)
    return seconds, train_acc, test_acc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--time", action="store_true")
    parser.add_argument("--means", action="store_true")
    parser.add_argument("--placement", action="append", choices=PLACEMENTS)
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    data = load(args.data)
    if args.time:
        epochs = args.epochs or 300
        seconds, _, test_acc = run(data, (args.placement or ["pre"])[0], epochs)
        print(json.dumps({"seconds": seconds, "epochs": epochs, "per_epoch": seconds / epochs, "test_accuracy": test_acc, "version": keras.__version__, "backend": keras.backend.backend()}))
        return
    if not args.means:
        parser.error("expected --time or --means")
    epochs = args.epochs or 4000
    results = {}
    for repeat in range(args.repeats):
        for placement in args.placement or PLACEMENTS:
            seconds, train_acc, test_acc = run(data, placement, epochs)
            results.setdefault(placement, []).append((train_acc, test_acc))
            print(json.dumps({"placement": placement, "repeat": repeat, "seconds": seconds, "train_accuracy": train_acc, "test_accuracy": test_acc}), flush=True)
    print(f"Keras {keras.__version__} (backend {keras.backend.backend()}), {epochs} epochs, model.fit with validation data, one thread", file=sys.stderr)
    for placement, accs in results.items():
        train, test = [a for a, _ in accs], [b for _, b in accs]
        sd = lambda xs: statistics.stdev(xs) if len(xs) > 1 else 0.0  # noqa: E731
        print(f"{placement:6s} n={len(accs):2d}  test {statistics.mean(test):.3f} ± {sd(test):.3f}  train {statistics.mean(train):.3f} ± {sd(train):.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
