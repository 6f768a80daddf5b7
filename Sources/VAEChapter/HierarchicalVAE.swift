// Slides "Hierarchical Variational Autoencoders (HVAE)": a two-level VAE with bottom-up
// inference q(z1|x) q(z2|z1) and generative model p(x|z1) p(z1|z2) p(z2). Its ELBO is reported
// as three terms (reconstruction, level 1, level 2) that must add up to the total
// E_q log [p(x, z1, z2) / q(z1, z2 | x)] estimated directly from the five log-densities.
//
// The slide writes the KL part as [sum_i log p(z_i|z_i+1)/q(z_i|z_i-1) + log p(z_T)/q(z_T|z_T-1)]:
// that bracket is -KL(q(z|x) || p(z)) (its expectation is <= 0), so Loss = E log p(x|z1) + bracket.
// With T = 2 the bracket is log p(z1|z2)/q(z1|x) + log p(z2)/q(z2|z1), the top-down
// factorisation p(z) = p(z1|z2) p(z2) over the bottom-up q; it is evaluated from the Gaussian
// densities on its own draws and compared, as a value, with the loss's two KL terms.

import Autodiff
import Datasets
import Foundation
import LatentModels
import Lecture
import NeuralNet
import Probability
import Stochastic
import TensorCore

extension VAEChapter {
  /// Per-image terms (Rao-Blackwellised level 2) and a directly sampled total, on independent draws.
  struct HierarchicalEstimates {
    var reconstruction: [Double] = [], level1: [Double] = [], level2: [Double] = [], direct: [Double] = []
    /// log p(z1|z2) + log p(z2) - log q(z1|x) - log q(z2|z1) on draw set B: the slide's bracket.
    var bracket: [Double] = []
    var sumOfTerms: [Double] { (0..<reconstruction.count).map { reconstruction[$0] - level1[$0] - level2[$0] } }
  }

  static func hierarchicalEstimates(
    _ model: TwoLevelVAE, _ images: Tensor, formulas f: Formulas, using rng: inout SeededRandom
  ) throws -> HierarchicalEstimates {
    var out = HierarchicalEstimates()
    func draw(_ x: Tensor) -> (
      q1: Encoded, eps1: Tensor, z1: Tensor, q2: Encoded, eps2: Tensor, z2: Tensor, p1: Encoded, logits: Tensor
    ) {
      let q1 = model.encode1(Variable(x))
      let eps1 = Tensor.normal(like: q1.mean.value, using: &rng)
      let z1 = reparameterize(q1, noise: eps1)
      let q2 = model.encode2(z1)
      let eps2 = Tensor.normal(like: q2.mean.value, using: &rng)
      let z2 = reparameterize(q2, noise: eps2)
      return (q1, eps1, z1.value, q2, eps2, z2.value, model.conditionalPrior(z2), model.decodeLogits(z1).value)
    }
    func row(_ t: Tensor, _ i: Int) -> [Double] { t.row(i).map(Double.init) }
    var start = 0
    while start < images.rows {
      let x = images.rows(start..<min(start + 500, images.rows))  // [B, D]
      // Draw set A: the three terms as in the loss.
      let a = draw(x)
      let recA = bernoulliLogLikelihoodPerRow(logits: a.logits, targets: x)
      for i in 0..<x.rows {
        let z1 = row(a.z1, i)
        let e1 = row(a.eps1, i)
        let v1 = row(a.q1.logVariance.value, i)
        let pm = row(a.p1.mean.value, i)
        let pv = row(a.p1.logVariance.value, i)
        let level1 = f.levelOne(z1, e1, v1, pm, pv)
        out.reconstruction.append(recA[i])
        out.level1.append(level1)
        out.level2.append(f.kl.logVarianceToStandard(row(a.q2.mean.value, i), row(a.q2.logVariance.value, i)))
      }
      // Draw set B: log p(x|z1) + log p(z1|z2) + log p(z2) - log q(z1|x) - log q(z2|z1), from
      // the Gaussian densities of the Probability module.
      let b = draw(x)
      let recB = bernoulliLogLikelihoodPerRow(logits: b.logits, targets: x)
      for i in 0..<x.rows {
        let z1 = row(b.z1, i)
        let z2 = row(b.z2, i)
        let p1 = try Gaussian(
          mean: row(b.p1.mean.value, i), variance: row(b.p1.logVariance.value, i).map { Foundation.exp($0) })
        let q1 = try Gaussian(
          mean: row(b.q1.mean.value, i), variance: row(b.q1.logVariance.value, i).map { Foundation.exp($0) })
        let q2 = try Gaussian(
          mean: row(b.q2.mean.value, i), variance: row(b.q2.logVariance.value, i).map { Foundation.exp($0) })
        let bracket = f.bracket(
          p1.logDensity(z1), Gaussian.standard(z2.count).logDensity(z2), q1.logDensity(z1), q2.logDensity(z2))
        out.bracket.append(bracket)
        out.direct.append(recB[i] + bracket)
      }
      start += x.rows
    }
    return out
  }

  static func hierarchicalVAE(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas f: Formulas
  ) throws {
    let (z1, z2) = (16, 2)
    run.section("Hierarchical VAE: x -> z1 (\(z1)) -> z2 (\(z2)), bottom-up inference")
    let d = train.height * train.width
    var initRandom = run.random("hvae-init")
    let model = TwoLevelVAE(inputSize: d, hidden: 500, latent1: z1, hidden2: 100, latent2: z2, using: &initRandom)
    var adam = Adam(learningRate: config.learningRate)
    var shuffle = run.random("hvae-shuffle")
    var noise = run.random("hvae-eps")
    let trainer = Trainer(name: "HVAE", epochs: config.hierarchicalEpochs, batchSize: config.batchSize)
    let summaries = try trainer.fit(
      sampleCount: train.count, parameters: model.parameters, optimizer: &adam, using: &shuffle
    ) { batch in
      let x = train.images.rows(batch)  // [B, D]
      let eps1 = Tensor.normal([batch.count, z1], using: &noise)  // [B, Z1]
      let eps2 = Tensor.normal([batch.count, z2], using: &noise)  // [B, Z2]
      return model.negativeELBO(x, noise1: eps1, noise2: eps2).loss
    }
    run.say(
      "\(train.count) training images, \(config.hierarchicalEpochs) epochs; training -ELBO per epoch: "
        + summaries.map { String(format: "%.1f", $0.meanLoss) }.joined(separator: ", "))

    try hierarchicalChecks(run, model: model, images: test.images, formulas: f)
  }

  /// The checks of a trained two-level VAE on the test images.
  static func hierarchicalChecks(_ run: ChapterRun, model: TwoLevelVAE, images: Tensor, formulas f: Formulas) throws {
    let slide = "HVAE"
    let (z1, z2) = (model.latent1, model.latent2)
    // The Float loss of a test batch against the same terms recomputed in Double.
    var rng = run.random("hvae-test")
    let x = images.rows(0..<min(200, images.rows))
    let terms = model.negativeELBO(
      x, noise1: Tensor.normal([x.rows, z1], using: &rng), noise2: Tensor.normal([x.rows, z2], using: &rng))
    let e = try hierarchicalEstimates(model, images, formulas: f, using: &rng)
    let rec = MeanEstimate(e.reconstruction)
    let l1 = MeanEstimate(e.level1)
    let l2 = MeanEstimate(e.level2)
    let total = MeanEstimate(e.direct)
    let summed = MeanEstimate(e.sumOfTerms)
    run.say(
      String(
        format: "test: E log p(x|z1) %.2f, E[log q(z1|x) - log p(z1|z2)] %.2f, E KL(q(z2|z1) || p(z2)) %.2f nats",
        rec.mean, l1.mean, l2.mean))
    run.say(
      String(
        format:
          "test ELBO from the terms %.2f +- %.2f; sampled directly as E log p(x,z1,z2)/q(z1,z2|x): %.2f +- %.2f nats",
        summed.mean, summed.standardError, total.mean, total.standardError))
    run.say(
      String(
        format: "one test batch of the training loss (Float): %.2f + %.2f + %.2f = %.2f nats",
        Double(terms.reconstruction.value.scalar), Double(terms.level1.value.scalar), Double(terms.level2.value.scalar),
        Double(terms.loss.value.scalar)))
    let difference = MeanEstimate(zip(e.sumOfTerms, e.direct).map { $0 - $1 })
    run.check(
      "ELBO terms add up: sum of 3 terms vs direct log p(x,z)/q(z|x)", slide: slide,
      expected: total.mean, observed: summed.mean,
      tolerance: .standardErrors(4, standardError: difference.standardError))
    let bracket = MeanEstimate(e.bracket)
    let klPart = zip(e.level1, e.level2).map { -($0 + $1) }
    let bracketDifference = MeanEstimate(zip(e.bracket, klPart).map { $0 - $1 })
    run.say(
      String(
        format:
          "the slide's bracket E[log p(z1|z2)/q(z1|x) + log p(z2)/q(z2|z1)] = %.2f +- %.2f nats (sampled from the "
          + "densities)",
        bracket.mean, bracket.standardError))
    run.check(
      "slide's bracket (densities) = -(level 1 + level 2) of the loss", slide: slide,
      expected: MeanEstimate(klPart).mean, observed: bracket.mean,
      tolerance: .standardErrors(4, standardError: bracketDifference.standardError))
    run.check(
      "slide's bracket = -KL(q(z|x) || p(z)) <= 0 (4 SE)", slide: slide,
      expected: 0, observed: bracket.mean, tolerance: .atMost(margin: 4 * bracket.standardError))
  }
}
