// Slide "Hierarchical Variational Autoencoders (HVAE)", the second way to define the inference
// model, top-down:
//
//   Q_{1:T}(z|X) = Q(z_T|X) prod_{k=T-1}^{1} Q(z_k|z_{k+1})
//
// checked with T = 2 on a linear-Gaussian HVAE, where every term has a closed form:
//
//   p(z2) = N(0, I),  p(z1|z2) = N(W2 z2 + b2, s1 I),  p(x|z1) = N(W1 z1 + b1, s0 I),
//   q(z2|x) = N(a, A),  q(z1|z2) = N(B z2 + c, C).
//
// The closed-form route treats z = (z1, z2) as one Gaussian: the prior's joint covariance, the
// marginal p(x), the exact posterior p(z|x), q's joint covariance assembled from its factors
// (cross-covariance B A), one KL between joint Gaussians. The sampled route never forms a joint
// covariance: it draws z2 from Q(z2|X), then z1 from Q(z1|z2), and evaluates the five factors'
// log-densities. The exact posterior factorised top-down, p(z2|x) p(z1|z2, x), is a member of
// this family for one x, and there every draw's log weight equals log p(x).

import Foundation
import Lecture
import LinearAlgebra
import Probability
import Stochastic

extension VAEChapter {
  /// The two-level linear-Gaussian HVAE.
  package struct LinearHVAE {
    let w1: Matrix  // [D, K1]
    let b1: [Double]
    let s0: Double
    let w2: Matrix  // [K1, K2]
    let b2: [Double]
    let s1: Double

    var k1: Int { w2.rows }
    var k2: Int { w2.columns }

    /// A random model: loadings of size 1, offsets of size 0.3, both noise variances 0.5.
    static func random(d: Int, k1: Int, k2: Int, using rng: inout SeededRandom) -> LinearHVAE {
      LinearHVAE(
        w1: Matrix(rows: d, columns: k1, storage: rng.normals(d * k1)), b1: rng.normals(d).map { 0.3 * $0 }, s0: 0.5,
        w2: Matrix(rows: k1, columns: k2, storage: rng.normals(k1 * k2)), b2: rng.normals(k1).map { 0.3 * $0 },
        s1: 0.5)
    }

    /// x drawn ancestrally: z2, then z1, then x.
    func sample(using rng: inout SeededRandom) -> [Double] {
      let z2 = rng.normals(k2)
      let z1 = zip(affine(w2, z2, b2), rng.normals(k1)).map { $0 + s1.squareRoot() * $1 }
      return zip(affine(w1, z1, b1), rng.normals(b1.count)).map { $0 + s0.squareRoot() * $1 }
    }

    /// The prior of z = (z1, z2) as one Gaussian: mean (b2, 0), covariance
    /// [[W2 W2^T + s1 I, W2], [W2^T, I]].
    func jointPrior() throws -> Gaussian {
      let top = matmul(w2, w2, transposeB: true) + s1 * Matrix.identity(k1)
      return try Gaussian(
        mean: b2 + [Double](repeating: 0, count: k2),
        covariance: blocks(top, w2, w2.transposed, .identity(k2)))
    }

    /// x given z = (z1, z2): H z + b1 with H = [W1, 0].
    var readout: Matrix { blocks(w1, .zeros(rows: w1.rows, columns: k2)) }

    /// p(x) = N(H m + b1, H P H^T + s0 I) for the joint prior N(m, P).
    func marginal() throws -> Gaussian {
      let prior = try jointPrior()
      let h = readout
      return try Gaussian(
        mean: zip(matvec(h, prior.mean), b1).map { $0 + $1 },
        covariance: h * prior.covariance * h.transposed + s0 * Matrix.identity(b1.count))
    }

    /// p(z|x) = N(S (P^-1 m + H^T (x - b1) / s0), S), S = (P^-1 + H^T H / s0)^-1.
    func posterior(_ x: [Double]) throws -> Gaussian {
      let prior = try jointPrior()
      let h = readout
      let precision = try prior.covariance.inverseSPD()
      let s = try (precision + matmul(h, h, transposeA: true) / s0).inverseSPD()
      let pulled = matvec(h, zip(x, b1).map { ($0 - $1) / s0 }, transpose: true)
      return try Gaussian(mean: matvec(s, zip(matvec(precision, prior.mean), pulled).map { $0 + $1 }), covariance: s)
    }
  }

  /// A top-down q: q(z2|x) = N(a, A) and q(z1|z2) = N(B z2 + c, C).
  package struct TopDownQ {
    /// q(z2|x) = N(a, A).
    let top: Gaussian
    /// B [K1, K2].
    let loading: Matrix
    /// c [K1].
    let offset: [Double]
    /// N(0, C): the spread of z1 around its conditional mean.
    let spread: Gaussian

    /// The mean of q(z1|z2): B z2 + c.
    func conditionalMean(_ z2: [Double]) -> [Double] { affine(loading, z2, offset) }

    /// q's joint Gaussian over z = (z1, z2): mean (B a + c, a), covariance
    /// [[B A B^T + C, B A], [A B^T, A]]; without `crossCovariance` the two off-diagonal blocks
    /// are zero (z1 and z2 taken as independent).
    func joint(crossCovariance: Bool = true) throws -> Gaussian {
      let a = top.covariance
      let ba = loading * a
      let cross = crossCovariance ? ba : .zeros(rows: ba.rows, columns: ba.columns)
      return try Gaussian(
        mean: conditionalMean(top.mean) + top.mean,
        covariance: blocks(matmul(ba, loading, transposeB: true) + spread.covariance, cross, cross.transposed, a))
    }

    /// The top-down factors of a joint Gaussian over (z1, z2) (z1 its first `k1` coordinates):
    /// z2's marginal N(mu2, S22), and z1 given z2 with B = S12 S22^-1, c = mu1 - B mu2,
    /// C = S11 - B S21.
    static func factors(of g: Gaussian, k1: Int) throws -> TopDownQ {
      let n = g.dimension
      let (s11, s12) = (g.covariance.block(0..<k1, 0..<k1), g.covariance.block(0..<k1, k1..<n))
      let s22 = g.covariance.block(k1..<n, k1..<n)
      let mu1 = Array(g.mean[0..<k1])
      let mu2 = Array(g.mean[k1..<n])
      let b = s12 * (try s22.inverseSPD())
      let conditional = s11 - b * s12.transposed
      return TopDownQ(
        top: try Gaussian(mean: mu2, covariance: s22), loading: b,
        offset: zip(mu1, matvec(b, mu2)).map { $0 - $1 },
        spread: try Gaussian(mean: [Double](repeating: 0, count: k1), covariance: conditional))
    }

    /// The same family, moved off `self`: q(z2|x)'s mean shifted by half its standard
    /// deviations, its covariance and C widened by half, B scaled by 1.2.
    func perturbed() throws -> TopDownQ {
      let sd = top.covariance.diagonalEntries.map { $0.squareRoot() }
      return TopDownQ(
        top: try Gaussian(mean: zip(top.mean, sd).map { $0 + 0.5 * $1 }, covariance: 1.5 * top.covariance),
        loading: 1.2 * loading, offset: offset,
        spread: try Gaussian(mean: spread.mean, covariance: 1.5 * spread.covariance))
    }
  }

  /// log p(x, z1, z2) - log q(z2|x) - log q(z1|z2) for `count` draws of the top-down q,
  /// z2 ~ Q(z2|X) then z1 ~ Q(z1|z2), from the five factors' densities alone.
  static func topDownLogWeights(
    _ model: LinearHVAE, x: [Double], q: TopDownQ, count: Int, formulas f: Formulas, using rng: inout SeededRandom
  ) throws -> [Double] {
    let likelihoodNoise = try Gaussian(mean: [Double](repeating: 0, count: x.count), variance: x.map { _ in model.s0 })
    let priorNoise = try Gaussian(mean: model.b2.map { _ in 0 }, variance: model.b2.map { _ in model.s1 })
    let topPrior = Gaussian.standard(model.k2)  // p(z2)
    return (0..<count).map { _ in
      let z2 = q.top.sample(using: &rng)
      let mean1 = f.topDownConditionalMean(q, z2)
      let z1 = zip(mean1, q.spread.sample(using: &rng)).map { $0 + $1 }
      let logLikelihood = likelihoodNoise.logDensity(zip(x, affine(model.w1, z1, model.b1)).map { $0 - $1 })
      let logP1 = priorNoise.logDensity(zip(z1, affine(model.w2, z2, model.b2)).map { $0 - $1 })
      let logQ1 = q.spread.logDensity(zip(z1, mean1).map { $0 - $1 })
      return logLikelihood + logP1 + topPrior.logDensity(z2) - q.top.logDensity(z2) - logQ1
    }
  }

  /// The section: the top-down factorisation's ELBO against log p(x) - KL, and the exact
  /// posterior factorised top-down.
  static func topDownInference(_ run: ChapterRun, count: Int, formulas f: Formulas) throws {
    run.section("Hierarchical VAE, top-down inference: Q(z1, z2|x) = Q(z2|x) Q(z1|z2) on a linear-Gaussian HVAE")
    let slide = "HVAE"
    var rng = run.random("hvae-top-down")
    let model = LinearHVAE.random(d: 6, k1: 3, k2: 2, using: &rng)
    let x = model.sample(using: &rng)
    run.say(
      "p(z2) = N(0, I_2), p(z1|z2) = N(W2 z2 + b2, 0.5 I_3), p(x|z1) = N(W1 z1 + b1, 0.5 I_6); one x drawn from it")
    let logEvidence = try model.marginal().logDensity(x)
    let posterior = try model.posterior(x)

    let q = try TopDownQ.factors(of: posterior, k1: model.k1).perturbed()
    let klToPosterior = try gaussianKL(f.topDownJoint(q), posterior)
    let weights = MeanEstimate(try topDownLogWeights(model, x: x, q: q, count: count, formulas: f, using: &rng))
    run.say(
      String(
        format: "top-down q off the posterior: log p(x) = %.6f, KL(q || p(z|x)) = %.6f (joint Gaussians); "
          + "E_q log p(x,z)/q(z) = %.4f +- %.4f (%d draws z2 ~ Q(z2|x), z1 ~ Q(z1|z2))",
        logEvidence, klToPosterior, weights.mean, weights.standardError, count))
    run.check(
      "top-down q: log p(x) - KL(q || p(z|x)) (joint, closed form) = E_q log p(x,z)/q(z) (ancestral draws)",
      slide: slide, expected: logEvidence - klToPosterior, observed: weights.mean,
      tolerance: .standardErrors(4, standardError: weights.standardError))

    let exact = try TopDownQ.factors(of: posterior, k1: model.k1)
    let exactWeights = try topDownLogWeights(model, x: x, q: exact, count: 1_000, formulas: f, using: &rng)
    let worst = exactWeights.map { abs($0 - logEvidence) }.max() ?? .nan
    run.say(
      String(
        format: "q = p(z2|x) p(z1|z2, x), the posterior factorised top-down: 1000 draws, log weights from %.9f to %.9f",
        exactWeights.min() ?? .nan, exactWeights.max() ?? .nan))
    run.check(
      "posterior factorised top-down: every draw's log p(x,z)/q(z) = log p(x), max |difference| of 1000",
      slide: slide, expected: 0, observed: worst, tolerance: .absolute(1e-9))
  }
}

/// W z + b for a small matrix, in plain loops (no BLAS call per draw).
private func affine(_ w: Matrix, _ z: [Double], _ b: [Double]) -> [Double] {
  (0..<w.rows).map { i in
    var s = b[i]
    for j in 0..<w.columns { s += w[i, j] * z[j] }
    return s
  }
}

/// The block matrix [[a, b], [c, d]] (or [a, b] for two blocks side by side).
private func blocks(_ a: Matrix, _ b: Matrix, _ c: Matrix? = nil, _ d: Matrix? = nil) -> Matrix {
  let top = a.rows
  let rows = top + (c?.rows ?? 0)
  var m = Matrix.zeros(rows: rows, columns: a.columns + b.columns)
  func put(_ block: Matrix, _ i0: Int, _ j0: Int) {
    for i in 0..<block.rows { for j in 0..<block.columns { m[i0 + i, j0 + j] = block[i, j] } }
  }
  put(a, 0, 0)
  put(b, 0, a.columns)
  if let c, let d {
    put(c, top, 0)
    put(d, top, a.columns)
  }
  return m
}

extension Matrix {
  /// The block of rows `r` and columns `c`.
  fileprivate func block(_ r: Range<Int>, _ c: Range<Int>) -> Matrix {
    Matrix(rows: r.count, columns: c.count, storage: r.flatMap { i in c.map { j in self[i, j] } })
  }
}
