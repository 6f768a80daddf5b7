// First-order optimisers. `step` reads each parameter's accumulated gradient, updates the
// value in place and clears the gradient for the next minibatch.

import Autodiff
import CKernels
import Foundation
import TensorCore

/// Updates parameters from their gradients.
public protocol Optimizer {
  mutating func step(_ parameters: [Variable])
}

/// Stochastic gradient descent with optional (heavy-ball) momentum:
///   v <- mu v + g,  theta <- theta - lr v.
public struct SGD: Optimizer {
  public var learningRate: Float
  public var momentum: Float
  private var velocity: [ObjectIdentifier: Tensor] = [:]

  public init(learningRate: Float, momentum: Float = 0) {
    self.learningRate = learningRate
    self.momentum = momentum
  }

  public mutating func step(_ parameters: [Variable]) {
    for p in parameters {
      guard let g = p.grad else { continue }
      if momentum == 0 {
        p.value.addScaled(g, -learningRate)
      } else {
        let key = ObjectIdentifier(p)
        var v = velocity[key] ?? Tensor.zeros(g.shape)
        v = v * momentum
        v += g
        velocity[key] = v
        p.value.addScaled(v, -learningRate)
      }
      p.grad = nil
    }
  }
}

/// Adam (Kingma & Ba, 2015) with bias correction, Keras' defaults:
///   m <- b1 m + (1 - b1) g,  v <- b2 v + (1 - b2) g^2,
///   theta <- theta - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
/// `ReferenceAdam` (Reference/ReferenceAdam.swift) is this update written one number at a time;
/// this is the fast path, held to it by the tests.
public struct Adam: Optimizer {
  public var learningRate: Float
  public let beta1: Float, beta2: Float, epsilon: Float
  private var t = 0
  private var moments: [ObjectIdentifier: (m: [Float], v: [Float])] = [:]

  public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public mutating func step(_ parameters: [Variable]) {
    t += 1
    let c1 = 1 - Float(Foundation.pow(Double(beta1), Double(t)))  // 1 - b1^t
    let c2 = 1 - Float(Foundation.pow(Double(beta2), Double(t)))  // 1 - b2^t
    for p in parameters {
      guard let g = p.grad else { continue }
      let key = ObjectIdentifier(p)
      var state =
        moments.removeValue(forKey: key) ?? (
          [Float](repeating: 0, count: g.count), [Float](repeating: 0, count: g.count)
        )
      precondition(
        state.m.count == g.count && p.value.count == g.count, "Adam: gradient \(g.shape) for parameter \(p.shape)")
      Self.update(
        &p.value.storage, m: &state.m, v: &state.v, gradient: g.storage, beta1: beta1, beta2: beta2,
        stepSize: learningRate / c1, inverseC2: 1 / c2, epsilon: epsilon)
      moments[key] = state
      p.grad = nil
    }
  }
}

// MARK: - Fast path

extension Adam {
  /// theta -= (lr / c1) m / (sqrt(v / c2) + eps) after the moment updates, with the constant
  /// factors hoisted, in the C kernel (AVX-512/AVX2 when available, FastMath's Newton square
  /// root instead of libm's scalar call). Memory-bound (seven Floats of traffic per
  /// parameter), so the large layers are split over the cores, each core's memory bandwidth
  /// serving its own part.
  static func update(
    _ weights: inout [Float], m: inout [Float], v: inout [Float], gradient: [Float], beta1 b1: Float, beta2 b2: Float,
    stepSize: Float, inverseC2: Float, epsilon eps: Float
  ) {
    let (a1, a2) = (1 - b1, 1 - b2)
    m.withUnsafeMutableBufferPointer { mb in
      v.withUnsafeMutableBufferPointer { vb in
        gradient.withUnsafeBufferPointer { gb in
          weights.withUnsafeMutableBufferPointer { wb in
            guard let m = mb.baseAddress, let v = vb.baseAddress, let gs = gb.baseAddress, let w = wb.baseAddress else {
              return
            }
            Parallel.forEachRange(wb.count, cost: 8, minimumWork: 1 << 18) { range in
              ck_adam(w, m, v, gs, range.lowerBound, range.upperBound, b1, b2, a1, a2, stepSize, inverseC2, eps)
            }
          }
        }
      }
    }
  }
}
