// The minibatch training loop shared by every chapter: shuffle, slice, step, report.
//
// The loss closure builds the graph for one minibatch (given the row indices of the batch);
// the trainer calls backward, the optimiser step, and keeps the epoch's mean loss. A loss that
// is NaN or infinite stops training with `TrainingError.nonFinite` (one line, naming the
// epoch and batch) instead of silently producing NaN figures.

import Autodiff
import Foundation
import Stochastic
import TensorCore

/// Why training stopped early.
public enum TrainingError: Error, CustomStringConvertible, LocalizedError {
  case nonFinite(model: String, epoch: Int, batch: Int, loss: Float)

  public var description: String {
    switch self {
    case .nonFinite(let model, let epoch, let batch, let loss):
      return
        "training \(model) diverged: loss \(loss) at epoch \(epoch), batch \(batch) (lower the learning rate or check "
        + "the inputs)"
    }
  }
  public var errorDescription: String? { description }
}

/// What one epoch did.
public struct EpochSummary: Sendable {
  public let epoch: Int
  public let meanLoss: Double
  public let seconds: Double
  public var samplesPerSecond: Double
}

/// Minibatch gradient descent over `sampleCount` rows with reshuffling every epoch.
public struct Trainer {
  public var name: String
  public var epochs: Int
  public var batchSize: Int
  /// Show a progress line on stderr (only when stderr is a terminal, so logs stay clean).
  public var showsProgress: Bool

  public init(name: String, epochs: Int, batchSize: Int, showsProgress: Bool = isatty(STDERR_FILENO) != 0) {
    self.name = name
    self.epochs = epochs
    self.batchSize = batchSize
    self.showsProgress = showsProgress
  }

  /// Trains `parameters` with `optimizer`; `loss(batch)` builds the minibatch loss from row
  /// indices. `afterEpoch` sees each summary (for curves and held-out evaluation).
  @discardableResult
  public func fit<O: Optimizer>(
    sampleCount: Int, parameters: [Variable], optimizer: inout O, using rng: inout SeededRandom,
    loss: ([Int]) -> Variable, afterEpoch: (EpochSummary) throws -> Void = { _ in }
  ) throws -> [EpochSummary] {
    precondition(sampleCount > 0 && batchSize > 0, "empty training set or batch")
    var summaries: [EpochSummary] = []
    let batches = (sampleCount + batchSize - 1) / batchSize
    for epoch in stride(from: 1, through: epochs, by: 1) {
      let start = DispatchTime.now().uptimeNanoseconds
      let order = rng.permutation(sampleCount)
      var total = 0.0
      for b in 0..<batches {
        let indices = Array(order[(b * batchSize)..<min((b + 1) * batchSize, sampleCount)])
        let l = loss(indices)
        let value = l.value.scalar
        guard value.isFinite else {
          if showsProgress { FileHandle.standardError.write("\n".data(using: .utf8)!) }
          throw TrainingError.nonFinite(model: name, epoch: epoch, batch: b + 1, loss: value)
        }
        l.backward()
        optimizer.step(parameters)
        total += Double(value) * Double(indices.count)
        if showsProgress && (b % 20 == 0 || b == batches - 1) {
          let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
          let seen = min((b + 1) * batchSize, sampleCount)
          progress(
            String(
              format: "%@ epoch %d/%d  batch %d/%d  loss %.4f  %.0f samples/s", name, epoch, epochs, b + 1, batches,
              total / Double(seen), Double(seen) / max(elapsed, 1e-9)))
        }
      }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      let summary = EpochSummary(
        epoch: epoch, meanLoss: total / Double(sampleCount), seconds: seconds,
        samplesPerSecond: Double(sampleCount) / seconds)
      summaries.append(summary)
      try afterEpoch(summary)
    }
    if showsProgress { progress(nil) }
    return summaries
  }

  /// Rewrites the progress line in place (\r and clear-to-end); nil clears it.
  private func progress(_ line: String?) {
    let text = line.map { "\r\u{1B}[K" + $0 } ?? "\r\u{1B}[K"
    FileHandle.standardError.write(text.data(using: .utf8)!)
  }
}
