// Timing a model: train with the shared Trainer, take the median epoch time, count the matrix
// FLOPs, and evaluate the loss on the test set.

import Autodiff
import CBLAS
import CKernels
import Dispatch
import Foundation
import NeuralNet
import Stochastic
import TensorCore

struct Outcome {
  let secondsPerEpoch: Double
  /// CPU seconds (user + system, all threads) per epoch: above the wall time when several
  /// cores work, and the figure to trust when other processes compete for the cores.
  let cpuSecondsPerEpoch: Double
  let gflops: Double
  let testLoss: Double
  let lossName: String
}

func measure(_ model: BenchModel, train: Tensor, test: Tensor, epochs: Int, rng: inout SeededRandom) throws -> Outcome {
  var adam = Adam(learningRate: model.learningRate)
  var noise = rng.derived("noise")
  let trainer = Trainer(name: model.kind.rawValue, epochs: epochs, batchSize: model.batchSize)
  var cpu: [Double] = []
  var lastCPU = processCPUSeconds()
  let summaries = try trainer.fit(sampleCount: train.rows, parameters: model.parameters, optimizer: &adam, using: &rng)
  { batch in
    model.loss(train.rows(batch), &noise)
  } afterEpoch: { _ in
    let now = processCPUSeconds()
    cpu.append(now - lastCPU)
    lastCPU = now
  }
  let times = summaries.map(\.seconds).sorted()
  let median = times[times.count / 2]
  let medianCPU = cpu.sorted()[cpu.count / 2]
  let flops = model.gemmFLOPs(rows: train.rows)

  // Test loss in evaluation batches (the training loss definition, VAE noise included).
  var total = 0.0
  var start = 0
  while start < test.rows {
    let end = min(start + model.evaluationBatch, test.rows)
    total += Double(model.loss(test.rows(start..<end), &noise).value.scalar) * Double(end - start)
    start = end
  }
  return Outcome(
    secondsPerEpoch: median, cpuSecondsPerEpoch: medianCPU, gflops: flops / median / 1e9,
    testLoss: total / Double(test.rows), lossName: model.lossName)
}

/// User + system CPU seconds of this process so far (all threads).
func processCPUSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The BLAS thread count OpenBLAS uses.
func blasThreads() -> Int { Int(openblas_get_num_threads()) }

/// GFLOP/s of a 1024 x 1024 x 1024 sgemm, best of 10 (the ceiling for the training FLOPs).
func sgemmCeiling(size n: Int = 1024) -> Double {
  var rng = SeededRandom(seed: 0)
  let a = Tensor.uniform([n, n], using: &rng)
  let b = Tensor.uniform([n, n], using: &rng)
  var c = Tensor.zeros([n, n])
  var best = Double.infinity
  for _ in 0..<10 {
    let t0 = DispatchTime.now().uptimeNanoseconds
    Tensor.gemm(a, b, into: &c)
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
  }
  return 2 * Double(n * n * n) / best / 1e9
}

/// The cores' multiply-add peak: independent chains of fused multiply-adds (`ck_fma_chains`)
/// on one core, then on every core at once, best of 5 each. No product, by any library, can
/// beat `all`, so it says whether a speed target is reachable at all on this machine; and
/// `all` well below `cores x one` means some cores were busy with something else while it ran
/// (seen now and then on the course's VM, for a fraction of a second).
struct MultiplyAddPeak {
  let one: Double
  let all: Double
  let cores: Int

  /// About how many cores this process had: all / one.
  var coresAvailable: Double { all / one }
  /// Whether the run had clearly fewer cores than the machine has.
  var coresWereBusy: Bool { coresAvailable < 0.8 * Double(cores) }

  static func measure(rounds: Int = 2_000_000) -> MultiplyAddPeak {
    func best(parts: Int) -> Double {
      var fastest = Double.infinity
      var flops = 0.0
      for _ in 0..<5 {
        var perPart = [Double](repeating: 0, count: parts)
        let t0 = DispatchTime.now().uptimeNanoseconds
        perPart.withUnsafeMutableBufferPointer { counts in
          Parallel.perform(parts: parts) { part in
            var sink: Float = 0
            counts[part] = ck_fma_chains(rounds, &sink)
            if sink.isNaN { print("multiply-add peak: NaN") }  // keeps the chains' result alive
          }
        }
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        flops = perPart.reduce(0, +)
      }
      return flops / fastest / 1e9
    }
    return MultiplyAddPeak(one: best(parts: 1), all: best(parts: Parallel.width), cores: Parallel.width)
  }
}
