// Adam as the paper writes it (Kingma & Ba, 2015, Algorithm 1), one number at a time, in
// plain Swift. This is the teaching path: `Adam` computes the same update with the constants
// hoisted, in a C kernel split over the cores, and the tests hold the two to rounding.

import Autodiff
import Foundation
import TensorCore

/// Adam, written like its slide line. Slow on purpose: read it, don't train with it.
public struct ReferenceAdam: Optimizer {
  public var learningRate: Float
  public let beta1: Float, beta2: Float, epsilon: Float
  /// The step count t (the bias corrections use b^t).
  private var t = 0
  /// First and second moment estimates, per parameter.
  private var m: [ObjectIdentifier: [Float]] = [:]
  private var v: [ObjectIdentifier: [Float]] = [:]

  public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public mutating func step(_ parameters: [Variable]) {
    t += 1
    for p in parameters {
      guard let g = p.grad?.storage else { continue }
      let key = ObjectIdentifier(p)
      var m = self.m[key] ?? [Float](repeating: 0, count: g.count)
      var v = self.v[key] ?? [Float](repeating: 0, count: g.count)
      for i in 0..<g.count {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i]  // m = b1 m + (1 - b1) g
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]  // v = b2 v + (1 - b2) g^2
        let mHat = m[i] / (1 - Float(Foundation.pow(Double(beta1), Double(t))))  // m / (1 - b1^t)
        let vHat = v[i] / (1 - Float(Foundation.pow(Double(beta2), Double(t))))  // v / (1 - b2^t)
        p.value.storage[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)  // theta -= lr m^ / (sqrt(v^) + eps)
      }
      self.m[key] = m
      self.v[key] = v
      p.grad = nil
    }
  }
}
