"""XLA's matrix products alone, on the MLP VAE's large shapes: `bench_keras.py --gemm-shapes`,
beside `bench --gemm-shapes`, which times our own products of one training step.

Each product is jitted on its own (A or B transposed inside the jitted function, as the
backward pass's products are) and timed over 200 calls, after one call that compiles it; the
median of 5 such rounds is printed with its GFLOP/s (2 m n k per product). Timed one at a time
like this, a product's operands are warm in the caches; inside a training step they are not.
"""
import time

import jax
import jax.numpy as jnp
import numpy as np

# (name, m, k, n, A transposed, B transposed), named as bench --gemm-shapes names them:
# C [m x n] = A [m x k] B [k x n]. Layer 5 has layer 1's shapes.
MLP_VAE_SHAPES = [
    ("layer 0 x W", 128, 784, 500, False, False),
    ("layer 0 x^T dZ", 784, 128, 500, True, False),
    ("layer 1 x W", 128, 500, 500, False, False),
    ("layer 1 x^T dZ", 500, 128, 500, True, False),
    ("layer 1 dZ W^T", 128, 500, 500, False, True),
    ("layer 6 x W", 128, 500, 784, False, False),
    ("layer 6 x^T dZ", 500, 128, 784, True, False),
    ("layer 6 dZ W^T", 128, 784, 500, False, True),
]


def time_product(m, k, n, transpose_a, transpose_b, calls=200, rounds=5, seed=0):
    """Median seconds per call of the jitted product over `rounds` rounds of `calls` calls."""
    rng = np.random.default_rng(seed)
    a = jnp.asarray(rng.standard_normal((k, m) if transpose_a else (m, k)), dtype=jnp.float32)
    b = jnp.asarray(rng.standard_normal((n, k) if transpose_b else (k, n)), dtype=jnp.float32)
    product = jax.jit(lambda a, b: (a.T if transpose_a else a) @ (b.T if transpose_b else b))
    product(a, b).block_until_ready()
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            out = product(a, b)
        out.block_until_ready()
        seconds.append((time.perf_counter() - start) / calls)
    return sorted(seconds)[rounds // 2]


def print_gemm_shapes():
    print("MLP VAE 784-500-500-2-500-500-784, batch 128 (XLA, each product jitted alone):")
    for name, m, k, n, ta, tb in MLP_VAE_SHAPES:
        s = time_product(m, k, n, ta, tb)
        print(f"  {name:16s} [{m}x{k}]x[{k}x{n}]  {s * 1e6:8.1f} us  {2 * m * n * k / s / 1e9:6.1f} GFLOP/s")
