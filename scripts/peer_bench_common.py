"""What the two peer training-speed references share: the data, the command line, the result line.

scripts/torch-reference/bench_torch.py and scripts/keras-reference/bench_keras.py time the same
models on the same images and print one result line per model in the same format, so
`bench` can be set beside both. Each runs in its own virtual environment (scripts/torch-bench,
scripts/keras-bench); this module needs only numpy and the standard library, so both import it
from the scripts directory.
"""
import argparse
import gzip
import os
import statistics
import sys

import numpy as np

DATA_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx_images(path):
    """The images of an IDX (gzip) file as float32 [n, rows * cols], pixels scaled to [0, 1]."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, rows, cols = np.frombuffer(data[:16], dtype=">i4")
    assert magic == 2051, f"bad magic {magic} in {path}"
    x = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols)
    return x.astype(np.float32) / 255.0


def load_images(data_dir, subset=0):
    """Fashion-MNIST's training and test images; only the first `subset` training images if > 0."""
    x_train = read_idx_images(os.path.join(data_dir, "train-images-idx3-ubyte.gz"))
    x_test = read_idx_images(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"))
    if subset:
        x_train = x_train[:subset]
    return x_train, x_test


def argument_parser(description):
    """The options both scripts take (models, epochs, subset, seed); each adds its own after."""
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default="shallow_ae,deep_ae,mlp_vae")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--subset", type=int, default=0, help="use only the first N training images (0 = all 60000)")
    p.add_argument("--seed", type=int, default=0)
    return p


def model_names(models, known):
    """The comma-separated `models` as a list; exits naming the choices if one is not in `known`."""
    names = [m.strip() for m in models.split(",") if m.strip()]
    for n in names:
        if n not in known:
            sys.exit(f"unknown model {n!r}; choose from {', '.join(known)}")
    return names


def median_after_first(times):
    """The median epoch time over epochs 2..N (epoch 1 warms the allocator or compiles)."""
    return statistics.median(times[1:]) if len(times) > 1 else float("nan")


def print_result(r):
    """One model's result line: epoch times, their median over epochs 2..N, the losses."""
    per_epoch = ",".join(f"{t:.3f}" for t in r["times"])
    losses = ",".join(f"{l:.4f}" for l in r["train_losses"])
    print(f"model={r['model']} batch={r['batch']} params={r['params']} "
          f"epoch_s=[{per_epoch}] median_s_epoch_2..N={r['median']:.3f} "
          f"train_loss=[{losses}] test_loss={r['test_loss']:.4f}")
    sys.stdout.flush()
