// The identity whose backward negates the gradient. A loss computed through it is ascended by
// any optimiser that is odd in the gradient (SGD, momentum, Adam: m flips, v does not), exactly
// as if each update's sign were flipped, w <- w + lr * step: the training error a chapter can
// plant without touching the optimiser or the training loop.

import Autodiff
import TensorCore

/// `v` forward; -dL/dv backward.
public func gradientReversed(_ v: Variable) -> Variable {
  Variable(op: "gradientReversed", value: v.value, inputs: [v]) { g in [g * Float(-1)] }
}
