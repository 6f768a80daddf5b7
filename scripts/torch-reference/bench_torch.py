#!/usr/bin/env python3
"""PyTorch (eager, CPU) training-speed reference for `bench`, on Fashion-MNIST.

The same three models, batch sizes, optimiser (Adam 1e-3) and losses as Sources/bench and
scripts/keras-reference/bench_keras.py, written the way the PyTorch tutorials write them
(nn.Sequential of nn.Linear, a shuffling DataLoader-style loop over a tensor, BCE from logits),
so `bench` can be compared with PyTorch on the same machine, back to back. Run through
scripts/torch-bench, which makes a virtual environment with a pinned version (needs PyPI); not
part of the build or the tests.

Usage (arguments are passed through by scripts/torch-bench):
  bench_torch.py --models shallow_ae,deep_ae,mlp_vae --epochs 4
  bench_torch.py --epochs 2 --subset 6000               # smoke test

Data: Debian's dataset-fashion-mnist (IDX gzip), no downloads. Every epoch is timed with
time.perf_counter around the whole epoch (eager mode: the work is done when the loop returns);
the median of epochs 2..N is reported, like the Keras script (epoch 1 warms the allocator).
"""
import argparse
import gzip
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

DATA_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, rows, cols = np.frombuffer(data[:16], dtype=">i4")
    assert magic == 2051, f"bad magic {magic} in {path}"
    x = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols)
    return torch.from_numpy(x.astype(np.float32) / 255.0)


def autoencoder(widths):
    """Dense ReLU layers, a sigmoid output read as logits by the loss (as Keras' blog)."""
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class AutoencoderModel(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.net = autoencoder(widths)

    def loss(self, x):
        # Mean over pixels and batch of BCE, from logits (the stable form of sigmoid + BCE).
        return F.binary_cross_entropy_with_logits(self.net(x), x)


class MLPVAE(nn.Module):
    """784-500-500 -> (mu, log sigma^2) [2] -> 500-500-784 logits; loss per image = summed BCE + KL."""

    def __init__(self, latent=2, hidden=500):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU())
        self.mean = nn.Linear(hidden, latent)
        self.log_var = nn.Linear(hidden, latent)
        self.decoder = nn.Sequential(
            nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 784))

    def loss(self, x):
        h = self.encoder(x)
        mu, log_var = self.mean(h), self.log_var(h)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        reconstruction = F.binary_cross_entropy_with_logits(self.decoder(z), x, reduction="sum") / x.shape[0]
        kl = -0.5 * torch.sum(1 + log_var - mu.square() - log_var.exp()) / x.shape[0]
        return reconstruction + kl


MODELS = {
    # name: (builder, batch size)
    "shallow_ae": (lambda: AutoencoderModel([784, 32, 784]), 256),
    "deep_ae": (lambda: AutoencoderModel([784, 128, 64, 32, 64, 128, 784]), 256),
    "mlp_vae": (lambda: MLPVAE(), 128),
}


def run_model(name, x_train, x_test, epochs, seed):
    builder, batch = MODELS[name]
    torch.manual_seed(seed)
    model = builder()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    times, losses = [], []
    n = x_train.shape[0]
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(n)
        total = 0.0
        for i in range(0, n, batch):
            x = x_train[order[i:i + batch]]
            loss = model.loss(x)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total += loss.item() * x.shape[0]
        times.append(time.perf_counter() - start)
        losses.append(total / n)
    with torch.no_grad():
        test_loss = sum(model.loss(x_test[i:i + 1000]).item() * min(1000, x_test.shape[0] - i)
                        for i in range(0, x_test.shape[0], 1000)) / x_test.shape[0]
    median = statistics.median(times[1:]) if len(times) > 1 else float("nan")
    params = sum(p.numel() for p in model.parameters())
    return dict(model=name, batch=batch, params=params, times=times, train_losses=losses,
                median=median, test_loss=test_loss)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default="shallow_ae,deep_ae,mlp_vae")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--subset", type=int, default=0, help="use only the first N training images (0 = all 60000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch.set_num_threads (default: every core)")
    p.add_argument("--data-dir", default=DATA_DIR)
    args = p.parse_args()

    names = [m.strip() for m in args.models.split(",") if m.strip()]
    for n in names:
        if n not in MODELS:
            sys.exit(f"unknown model {n!r}; choose from {', '.join(MODELS)}")
    torch.set_num_threads(args.threads)
    print(f"python {sys.version.split()[0]}  torch {torch.__version__}  threads {torch.get_num_threads()}  "
          f"os.cpu_count(): {os.cpu_count()}")

    x_train = read_idx_images(os.path.join(args.data_dir, "train-images-idx3-ubyte.gz"))
    x_test = read_idx_images(os.path.join(args.data_dir, "t10k-images-idx3-ubyte.gz"))
    if args.subset:
        x_train = x_train[: args.subset]
    print(f"train {tuple(x_train.shape)} test {tuple(x_test.shape)} epochs {args.epochs}")
    sys.stdout.flush()

    for n in names:
        r = run_model(n, x_train, x_test, args.epochs, args.seed)
        per_epoch = ",".join(f"{t:.3f}" for t in r["times"])
        losses = ",".join(f"{l:.4f}" for l in r["train_losses"])
        print(f"model={r['model']} batch={r['batch']} params={r['params']} "
              f"epoch_s=[{per_epoch}] median_s_epoch_2..N={r['median']:.3f} "
              f"train_loss=[{losses}] test_loss={r['test_loss']:.4f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
