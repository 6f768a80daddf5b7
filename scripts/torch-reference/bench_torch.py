#!/usr/bin/env python3
"""PyTorch (eager, CPU) training-speed reference for `bench`, on Fashion-MNIST.

The same models, batch sizes, optimiser (Adam 1e-3) and losses as Sources/bench and
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
import os
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/
import peer_bench_common as common  # noqa: E402 (found once scripts/ is on the path)


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


class ConvVAE(nn.Module):
    """keras.io's convolutional VAE in PyTorch: conv 3x3/2 32 and 64 (ReLU, padding 1), dense 16,
    z of 2; dense 7x7x64, two transposed convolutions 3x3/2 (64, 32; output padding 1 gives
    Keras' "same" sizes), a last 3x3 convolution to one channel of logits; loss as MLPVAE's."""

    def __init__(self, latent=2):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 32, 3, stride=2, padding=1), nn.ReLU(), nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(), nn.Linear(7 * 7 * 64, 16), nn.ReLU())
        self.mean = nn.Linear(16, latent)
        self.log_var = nn.Linear(16, latent)
        self.decoder = nn.Sequential(
            nn.Linear(latent, 7 * 7 * 64), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
            nn.ConvTranspose2d(64, 64, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
            nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
            nn.Conv2d(32, 1, 3, padding=1), nn.Flatten())

    def loss(self, x):
        h = self.encoder(x.view(-1, 1, 28, 28))
        mu, log_var = self.mean(h), self.log_var(h)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        reconstruction = F.binary_cross_entropy_with_logits(self.decoder(z), x, reduction="sum") / x.shape[0]
        kl = -0.5 * torch.sum(1 + log_var - mu.square() - log_var.exp()) / x.shape[0]
        return reconstruction + kl


class ConvAE(nn.Module):
    """Chapter 2's convolutional autoencoder in PyTorch: conv 3x3 16, pool 2, conv 8, pool 2,
    conv 2 (ReLU, padding 1); conv 8, upsample 2, conv 8, upsample 2, conv 1 to logits; mean BCE."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 2, 3, padding=1), nn.ReLU(),
            nn.Conv2d(2, 8, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
            nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
            nn.Conv2d(8, 1, 3, padding=1), nn.Flatten())

    def loss(self, x):
        return F.binary_cross_entropy_with_logits(self.net(x.view(-1, 1, 28, 28)), x)


class VQVAE(nn.Module):
    """Chapter 9's convolutional VQ-VAE in PyTorch: conv 3x3 16, pool 2, conv 32, pool 2 (ReLU,
    padding 1), conv D = 8 to a 7x7 map; each vector snapped to the nearest of K = 64 codes
    (initialised uniform in +-1/K), straight-through; conv 32, upsample 2, conv 16, upsample 2,
    conv 1 to logits. Loss: the squared error of sigmoid(logits) summed over an image's pixels,
    averaged over the images, + ||sg[z_e] - e||^2 + 0.25 ||sg[e] - z_e||^2 averaged over the vectors."""

    def __init__(self, codes=64, dim=8, beta=0.25):
        super().__init__()
        self.beta = beta
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, dim, 3, padding=1))
        self.decoder = nn.Sequential(
            nn.Conv2d(dim, 32, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
            nn.Conv2d(32, 16, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
            nn.Conv2d(16, 1, 3, padding=1), nn.Flatten())
        self.codebook = nn.Parameter(torch.empty(codes, dim).uniform_(-1 / codes, 1 / codes))

    def loss(self, x):
        ze = self.encoder(x.view(-1, 1, 28, 28))  # [B, D, 7, 7]
        flat = ze.permute(0, 2, 3, 1).reshape(-1, ze.shape[1])  # [B * 49, D]
        distances = flat.square().sum(1, keepdim=True) - 2 * flat @ self.codebook.t() + self.codebook.square().sum(1)
        e = self.codebook[distances.argmin(1)]
        n = flat.shape[0]
        vq = ((e - flat.detach()).square().sum() + self.beta * (flat - e.detach()).square().sum()) / n
        zq = (flat + (e - flat).detach()).view(ze.shape[0], 7, 7, -1).permute(0, 3, 1, 2)
        reconstruction = (torch.sigmoid(self.decoder(zq)) - x).square().sum() / x.shape[0]
        return reconstruction + vq


MODELS = {
    # name: (builder, batch size, Adam's learning rate)
    "shallow_ae": (lambda: AutoencoderModel([784, 32, 784]), 256, 1e-3),
    "deep_ae": (lambda: AutoencoderModel([784, 128, 64, 32, 64, 128, 784]), 256, 1e-3),
    "mlp_vae": (lambda: MLPVAE(), 128, 1e-3),
    "conv_vae": (lambda: ConvVAE(), 128, 1e-3),
    "conv_ae": (lambda: ConvAE(), 32, 1e-3),
    "vq_vae": (lambda: VQVAE(), 64, 2e-3),
}


def run_model(name, x_train, x_test, epochs, seed):
    builder, batch, learning_rate = MODELS[name]
    torch.manual_seed(seed)
    model = builder()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
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
    median = common.median_after_first(times)
    params = sum(p.numel() for p in model.parameters())
    return dict(model=name, batch=batch, params=params, times=times, train_losses=losses,
                median=median, test_loss=test_loss)


def main():
    p = common.argument_parser(__doc__)
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch.set_num_threads (default: every core)")
    p.add_argument("--data-dir", default=common.DATA_DIR)
    args = p.parse_args()

    names = common.model_names(args.models, MODELS)
    torch.set_num_threads(args.threads)
    print(f"python {sys.version.split()[0]}  torch {torch.__version__}  threads {torch.get_num_threads()}  "
          f"os.cpu_count(): {os.cpu_count()}")

    x_train, x_test = (torch.from_numpy(x) for x in common.load_images(args.data_dir, args.subset))
    print(f"train {tuple(x_train.shape)} test {tuple(x_test.shape)} epochs {args.epochs}")
    sys.stdout.flush()

    for n in names:
        common.print_result(run_model(n, x_train, x_test, args.epochs, args.seed))


if __name__ == "__main__":
    main()
