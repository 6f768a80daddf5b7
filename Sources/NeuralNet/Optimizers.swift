// First-order optimisers. `step` reads each parameter's accumulated gradient, updates the
// value in place and clears the gradient for the next minibatch.

import Foundation
import Autodiff
import CKernels
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
    let c1 = 1 - Float(Foundation.pow(Double(beta1), Double(t)))
    let c2 = 1 - Float(Foundation.pow(Double(beta2), Double(t)))
    let (b1, b2, lr, eps) = (beta1, beta2, learningRate, epsilon)
    for p in parameters {
      guard let g = p.grad else { continue }
      let key = ObjectIdentifier(p)
      var state = moments.removeValue(forKey: key) ?? ([Float](repeating: 0, count: g.count), [Float](repeating: 0, count: g.count))
      precondition(state.m.count == g.count && p.value.count == g.count, "Adam: gradient \(g.shape) for parameter \(p.shape)")
      // theta -= lr * (m / c1) / (sqrt(v / c2) + eps), with the constant factors hoisted;
      // raw pointers so the loop vectorises.
      let (a1, a2, stepSize, invC2) = (1 - b1, 1 - b2, lr / c1, 1 / c2)
      state.m.withUnsafeMutableBufferPointer { mb in
        state.v.withUnsafeMutableBufferPointer { vb in
          g.storage.withUnsafeBufferPointer { gb in
            p.value.storage.withUnsafeMutableBufferPointer { wb in
              guard let m = mb.baseAddress, let v = vb.baseAddress, let gs = gb.baseAddress, let w = wb.baseAddress else { return }
              // Memory-bound (seven Floats of traffic per parameter): split over the cores for
              // the large layers, so each core's memory bandwidth serves its own half.
              Parallel.forEachRange(wb.count, cost: 8, minimumWork: 1 << 18) { range in
                // The C kernel (AVX-512/AVX2 when available) with FastMath's Newton square root
                // (libm's is a scalar call with a branch).
                ck_adam(w, m, v, gs, range.lowerBound, range.upperBound, b1, b2, a1, a2, stepSize, invC2, eps)
              }
            }
          }
        }
      }
      moments[key] = state
      p.grad = nil
    }
  }
}
