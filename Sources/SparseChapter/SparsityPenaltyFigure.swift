// The slide "Sparse Autoencoder (SAE)" plots the sparsity loss for rho = 0.2: the penalty one
// unit pays, KL(rho || rho_hat), against its mean activation rho_hat. Drawn here for every rho the
// chapter trains with, from the same op the training adds to its loss (a planted mistake shows).

import Autodiff
import Lecture
import Plotting
import TensorCore

extension SparseChapter {
  /// One unit's penalty KL(rho || rho_hat) for rho_hat on (0, 1), per rho, through `formulas`.
  static func sparsityPenaltyFigure(_ run: ChapterRun, rhos: [Float], formulas: Formulas) throws {
    let grid = (1...199).map { Double($0) / 200 }  // rho_hat = 0.005 ... 0.995
    try run.figure(
      .lines(
        name: "sparse-kl-penalty",
        title: "Sparsity loss of one unit: KL(ρ || ρ̂) against its mean activation ρ̂\(run.settingsNote)",
        series: rhos.map { rho in
          // A batch of one image with one unit: rho_hat is that unit's activation.
          let penalty = grid.map {
            Double(formulas.sparsity(Variable(Tensor(shape: [1, 1], storage: [Float($0)])), rho).value.scalar)
          }
          return ("ρ = \(rho)", grid, penalty)
        },
        xLabel: "ρ̂ (mean activation of the unit over the batch)", yLabel: "KL(ρ || ρ̂), nats"))
  }
}
