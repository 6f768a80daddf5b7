#!/usr/bin/env python3
"""Keras 3 on JAX (XLA, CPU) training-speed reference for `bench`, on Fashion-MNIST.

The same models, batch sizes, optimiser (Adam 1e-3) and losses as Sources/bench, written
the way the Keras examples write them, so `bench` can be compared with Keras on the same
machine, back to back. Run through scripts/keras-bench, which makes a virtual environment with
pinned versions (needs PyPI); not part of the build or the tests.

Usage (arguments are passed through by scripts/keras-bench):
  bench_keras.py --models shallow_ae,deep_ae,mlp_vae,conv_vae --epochs 4
  bench_keras.py --epochs 10                            # the quality comparison
  bench_keras.py --epochs 2 --subset 6000               # smoke test
  bench_keras.py --steps-per-execution 64               # fewer Python dispatches per epoch
  bench_keras.py --gemm-shapes                          # XLA's products alone (gemm_shapes.py)

Data: Debian's dataset-fashion-mnist (IDX gzip), no downloads.
Per-epoch wall time is measured by a callback (time.perf_counter at
on_epoch_begin / on_epoch_end); epoch 1 includes XLA compilation, so the
reported median covers epochs 2..N.
"""
import os

os.environ["KERAS_BACKEND"] = "jax"  # must be set before importing keras

import sys
import time

import numpy as np

import jax
import keras
from keras import layers, ops

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/
import peer_bench_common as common  # noqa: E402 (found once scripts/ is on the path)

# Set from --steps-per-execution before the models are built (Keras default 1).
STEPS_PER_EXECUTION = 1


# ----------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------
def build_shallow_ae():
    inp = keras.Input((784,))
    h = layers.Dense(32, activation="relu")(inp)
    out = layers.Dense(784, activation="sigmoid")(h)
    model = keras.Model(inp, out, name="shallow_ae")
    model.compile(optimizer=keras.optimizers.Adam(1e-3), steps_per_execution=STEPS_PER_EXECUTION,
                  loss="binary_crossentropy")  # mean over pixels, mean over batch
    return model


def build_deep_ae():
    inp = keras.Input((784,))
    h = inp
    for units in (128, 64, 32, 64, 128):
        h = layers.Dense(units, activation="relu")(h)
    out = layers.Dense(784, activation="sigmoid")(h)
    model = keras.Model(inp, out, name="deep_ae")
    model.compile(optimizer=keras.optimizers.Adam(1e-3), steps_per_execution=STEPS_PER_EXECUTION,
                  loss="binary_crossentropy")
    return model


class Sampling(layers.Layer):
    """z = z_mean + exp(0.5 * z_log_var) * eps, eps ~ N(0, I)."""

    def __init__(self, seed=1337, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        eps = keras.random.normal(ops.shape(z_mean), seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * eps


class KLPerImage(layers.Layer):
    """KL(q(z|x) || N(0,I)) per image, shape (batch,)."""

    def call(self, inputs):
        z_mean, z_log_var = inputs
        return -0.5 * ops.sum(
            1.0 + z_log_var - ops.square(z_mean) - ops.exp(z_log_var), axis=-1)


def recon_loss_sum_bce(y_true, y_pred):
    # Sum over the 784 pixels of binary cross-entropy (per image, in nats).
    # keras.ops.binary_crossentropy clips y_pred to [eps, 1-eps], eps=1e-7,
    # exactly like the "binary_crossentropy" string loss.
    return ops.sum(ops.binary_crossentropy(y_true, y_pred), axis=-1)


def kl_passthrough(y_true, y_pred):
    # Second output already is the per-image KL; the dummy target is ignored.
    return y_pred


def build_mlp_vae(latent_dim=2, hidden=500):
    inp = keras.Input((784,))
    h = layers.Dense(hidden, activation="relu")(inp)
    h = layers.Dense(hidden, activation="relu")(h)
    z_mean = layers.Dense(latent_dim, name="z_mean")(h)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(h)
    z = Sampling(name="sampling")([z_mean, z_log_var])
    d = layers.Dense(hidden, activation="relu")(z)
    d = layers.Dense(hidden, activation="relu")(d)
    recon = layers.Dense(784, activation="sigmoid", name="recon")(d)
    kl = KLPerImage(name="kl")([z_mean, z_log_var])
    model = keras.Model(inp, [recon, kl], name="mlp_vae")
    # Total loss = mean_batch(sum-BCE) + mean_batch(KL)  (both weight 1).
    model.compile(optimizer=keras.optimizers.Adam(1e-3), steps_per_execution=STEPS_PER_EXECUTION,
                  loss=[recon_loss_sum_bce, kl_passthrough])
    return model


def build_conv_vae(latent_dim=2):
    """keras.io's convolutional VAE (examples/generative/vae), on the flat 784-pixel images:
    conv 3x3/2 32 and 64 (ReLU, "same"), dense 16, z of 2; dense 7x7x64, two transposed
    convolutions 3x3/2 (64, 32), a last 3x3 layer to one sigmoid channel; batch 128."""
    inp = keras.Input((784,))
    x = layers.Reshape((28, 28, 1))(inp)
    x = layers.Conv2D(32, 3, activation="relu", strides=2, padding="same")(x)
    x = layers.Conv2D(64, 3, activation="relu", strides=2, padding="same")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(16, activation="relu")(x)
    z_mean = layers.Dense(latent_dim, name="z_mean")(x)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
    z = Sampling(name="sampling")([z_mean, z_log_var])
    d = layers.Dense(7 * 7 * 64, activation="relu")(z)
    d = layers.Reshape((7, 7, 64))(d)
    d = layers.Conv2DTranspose(64, 3, activation="relu", strides=2, padding="same")(d)
    d = layers.Conv2DTranspose(32, 3, activation="relu", strides=2, padding="same")(d)
    d = layers.Conv2DTranspose(1, 3, activation="sigmoid", padding="same")(d)
    recon = layers.Reshape((784,), name="recon")(d)
    kl = KLPerImage(name="kl")([z_mean, z_log_var])
    model = keras.Model(inp, [recon, kl], name="conv_vae")
    model.compile(optimizer=keras.optimizers.Adam(1e-3), steps_per_execution=STEPS_PER_EXECUTION,
                  loss=[recon_loss_sum_bce, kl_passthrough])
    return model


def build_conv_ae():
    """Chapter 2's convolutional autoencoder, the Keras blog's with a 7x7x2 code: conv 3x3 16,
    pool 2, conv 8, pool 2, conv 2 (ReLU, "same"); conv 8, upsample 2, conv 8, upsample 2,
    conv 1 (sigmoid); batch 32, mean binary cross-entropy per pixel."""
    inp = keras.Input((784,))
    x = layers.Reshape((28, 28, 1))(inp)
    x = layers.Conv2D(16, 3, activation="relu", padding="same")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(2, 3, activation="relu", padding="same")(x)
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(x)
    x = layers.UpSampling2D(2)(x)
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(x)
    x = layers.UpSampling2D(2)(x)
    x = layers.Conv2D(1, 3, activation="sigmoid", padding="same")(x)
    out = layers.Reshape((784,))(x)
    model = keras.Model(inp, out, name="conv_ae")
    model.compile(optimizer=keras.optimizers.Adam(1e-3), steps_per_execution=STEPS_PER_EXECUTION,
                  loss="binary_crossentropy")
    return model


class VectorQuantizer(layers.Layer):
    """Each D-vector of z_e snapped to the nearest of K codes (initialised uniform in +-1/K),
    straight-through; adds ||sg[z_e] - e||^2 + beta ||sg[e] - z_e||^2, averaged over the vectors."""

    def __init__(self, codes, dim, beta, **kwargs):
        super().__init__(**kwargs)
        self.beta = beta
        self.codebook = self.add_weight(
            shape=(codes, dim), initializer=keras.initializers.RandomUniform(-1 / codes, 1 / codes), name="codebook")

    def call(self, ze):
        shape = ops.shape(ze)
        flat = ops.reshape(ze, (-1, shape[-1]))
        distances = (ops.sum(ops.square(flat), axis=1, keepdims=True) - 2 * ops.matmul(flat, ops.transpose(self.codebook))
                     + ops.sum(ops.square(self.codebook), axis=1))
        e = ops.take(self.codebook, ops.argmin(distances, axis=1), axis=0)
        n = ops.cast(ops.shape(flat)[0], "float32")
        self.add_loss((ops.sum(ops.square(e - ops.stop_gradient(flat)))
                       + self.beta * ops.sum(ops.square(flat - ops.stop_gradient(e)))) / n)
        return ops.reshape(flat + ops.stop_gradient(e - flat), shape)


def squared_error_sum(y_true, y_pred):
    # Summed over an image's 784 pixels; Keras averages over the batch.
    return ops.sum(ops.square(y_true - y_pred), axis=-1)


def build_vq_vae(codes=64, dim=8, beta=0.25):
    """Chapter 9's convolutional VQ-VAE: conv 3x3 16, pool 2, conv 32, pool 2 (ReLU, "same"),
    conv D = 8 to a 7x7 map, quantised to K = 64 codes; conv 32, upsample 2, conv 16, upsample 2,
    conv 1 (sigmoid); batch 64, Adam 2e-3, the codebook learnt by the loss."""
    inp = keras.Input((784,))
    x = layers.Reshape((28, 28, 1))(inp)
    x = layers.Conv2D(16, 3, activation="relu", padding="same")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(32, 3, activation="relu", padding="same")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(dim, 3, padding="same")(x)
    x = VectorQuantizer(codes, dim, beta, name="vq")(x)
    x = layers.Conv2D(32, 3, activation="relu", padding="same")(x)
    x = layers.UpSampling2D(2)(x)
    x = layers.Conv2D(16, 3, activation="relu", padding="same")(x)
    x = layers.UpSampling2D(2)(x)
    x = layers.Conv2D(1, 3, activation="sigmoid", padding="same")(x)
    out = layers.Reshape((784,))(x)
    model = keras.Model(inp, out, name="vq_vae")
    model.compile(optimizer=keras.optimizers.Adam(2e-3), steps_per_execution=STEPS_PER_EXECUTION,
                  loss=squared_error_sum)
    return model


MODELS = {
    # name: (builder, batch size, is_vae)
    "shallow_ae": (build_shallow_ae, 256, False),
    "deep_ae": (build_deep_ae, 256, False),
    "mlp_vae": (build_mlp_vae, 128, True),
    "conv_vae": (build_conv_vae, 128, True),
    "conv_ae": (build_conv_ae, 32, False),
    "vq_vae": (build_vq_vae, 64, False),
}


# ----------------------------------------------------------------------------
# Timing
# ----------------------------------------------------------------------------
class EpochTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.times = []
        self.losses = []
        self._t0 = None

    def on_epoch_begin(self, epoch, logs=None):
        self._t0 = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        # float() forces the (async-dispatched) JAX computation for the epoch
        # to finish before the clock is read.
        loss = float(logs["loss"]) if logs and "loss" in logs else float("nan")
        self.times.append(time.perf_counter() - self._t0)
        self.losses.append(loss)


def run_model(name, x_train, x_test, epochs, seed):
    builder, batch, is_vae = MODELS[name]
    keras.utils.set_random_seed(seed)
    model = builder()
    if is_vae:
        # Dummy targets for the KL output (ignored by the loss).
        y_train = [x_train, np.zeros((len(x_train),), np.float32)]
        y_test = [x_test, np.zeros((len(x_test),), np.float32)]
    else:
        y_train, y_test = x_train, x_test

    timer = EpochTimer()
    model.fit(x_train, y_train, batch_size=batch, epochs=epochs,
              shuffle=True, verbose=0, callbacks=[timer])
    res = model.evaluate(x_test, y_test, batch_size=batch, verbose=0,
                         return_dict=True)
    test_loss = float(res["loss"])
    med = common.median_after_first(timer.times)
    return dict(model=name, batch=batch, params=model.count_params(),
                times=timer.times, train_losses=timer.losses,
                median=med, test_loss=test_loss)


def main():
    p = common.argument_parser(__doc__)
    p.add_argument("--data-dir", default=common.DATA_DIR)
    p.add_argument("--steps-per-execution", type=int, default=1,
                   help="Keras compile() steps_per_execution (default 1, Keras' own default)")
    p.add_argument("--gemm-shapes", action="store_true",
                   help="only time XLA's products on the MLP VAE's large shapes, as bench --gemm-shapes")
    args = p.parse_args()
    if args.gemm_shapes:
        import gemm_shapes
        gemm_shapes.print_gemm_shapes()
        return
    global STEPS_PER_EXECUTION
    STEPS_PER_EXECUTION = args.steps_per_execution

    names = common.model_names(args.models, MODELS)

    print(f"python {sys.version.split()[0]}  jax {jax.__version__}  "
          f"jaxlib {jax.lib.__version__ if hasattr(jax.lib, '__version__') else '?'}  "
          f"keras {keras.__version__}  backend {keras.backend.backend()}")
    print(f"jax.devices(): {jax.devices()}")
    print(f"os.cpu_count(): {os.cpu_count()}  "
          f"XLA_FLAGS={os.environ.get('XLA_FLAGS', '')!r}")

    x_train, x_test = common.load_images(args.data_dir, args.subset)
    print(f"train {x_train.shape} test {x_test.shape} "
          f"dtype {x_train.dtype} range [{x_train.min():.1f},{x_train.max():.1f}]  "
          f"epochs {args.epochs}")
    sys.stdout.flush()

    for n in names:
        common.print_result(run_model(n, x_train, x_test, args.epochs, args.seed))


if __name__ == "__main__":
    main()
