// Reverse-mode automatic differentiation over tensors.
//
// What it is: every op builds its output `Variable` and, right next to the forward code, a
// backward closure that maps the upstream gradient dL/dy to one gradient per input. Calling
// `backward()` on a scalar sorts the graph once and runs the closures in reverse, adding
// (`+=`) each input's share: a value used twice receives the sum of both paths.
// What it is not: lazy, compiled or fused. It is the chain rule, one op at a time.
//
// Memory: a node holds its inputs (the graph is a DAG pointing backwards) and its closure
// captures only tensors, never its own node, so dropping the loss frees the whole graph.

import TensorCore

/// A tensor in a computation graph, with the gradient of the last `backward()` call.
public final class Variable {
  /// The forward value. Parameters are updated in place by optimisers.
  public var value: Tensor
  /// dL/dvalue after `backward()`, accumulated; nil until a gradient flows here.
  public var grad: Tensor?
  /// Whether gradients flow into this node (parameters and anything computed from them).
  public let requiresGradient: Bool
  /// The op that produced this node, for error messages ("matmul", "relu", "leaf").
  public let op: String

  package let inputs: [Variable]
  /// Upstream gradient dL/dy -> [dL/dx_i], one entry per input (nil where not needed).
  let pullback: ((Tensor) -> [Tensor?])?

  /// A leaf: a parameter (`requiresGradient: true`) or a constant input.
  public init(_ value: Tensor, requiresGradient: Bool = false) {
    self.value = value
    self.requiresGradient = requiresGradient
    self.op = "leaf"
    self.inputs = []
    self.pullback = nil
  }

  /// An interior node. If no input requires a gradient the pullback is dropped: the graph
  /// then costs nothing beyond the forward value (inference, frozen layers).
  public init(op: String, value: Tensor, inputs: [Variable], pullback: @escaping (Tensor) -> [Tensor?]) {
    self.value = value
    self.op = op
    let needs = inputs.contains { $0.requiresGradient }
    self.requiresGradient = needs
    self.inputs = needs ? inputs : []
    self.pullback = needs ? pullback : nil
  }

  /// The shape of the value.
  public var shape: [Int] { value.shape }

  /// Backpropagates from this scalar: dL/dL = 1, then every reachable node's gradient.
  /// Gradients of leaves accumulate across calls until `grad` is reset (optimisers do this).
  public func backward() {
    precondition(value.count == 1, "backward() starts from a scalar loss, shape is \(value.shape)")
    backward(seed: Tensor(repeating: 1, shape: value.shape))
  }

  /// Backpropagates a given upstream gradient `seed` (same shape as the value).
  public func backward(seed: Tensor) {
    precondition(seed.shape == value.shape, "seed shape \(seed.shape) differs from \(value.shape)")
    guard requiresGradient else { return }
    let order = topologicalOrder()
    // Interior gradients live only for this pass; leaves keep theirs in `grad`.
    var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
    for node in order.reversed() {
      guard let g = grads.removeValue(forKey: ObjectIdentifier(node)) else { continue }
      guard let pullback = node.pullback else {
        if node.grad == nil { node.grad = g } else { node.grad! += g }
        continue
      }
      let inputGrads = pullback(g)
      precondition(
        inputGrads.count == node.inputs.count,
        "\(node.op): pullback returned \(inputGrads.count) gradients for \(node.inputs.count) inputs")
      for (input, ig) in zip(node.inputs, inputGrads) {
        guard input.requiresGradient, let ig else { continue }
        precondition(
          ig.shape == input.value.shape,
          "\(node.op): gradient shape \(ig.shape) differs from input shape \(input.value.shape)")
        let key = ObjectIdentifier(input)
        if grads[key] == nil { grads[key] = ig } else { grads[key]! += ig }
      }
    }
  }

  /// Nodes that need a gradient, each after all of its inputs (iterative DFS: deep graphs of
  /// long training unrolls must not overflow the stack).
  func topologicalOrder() -> [Variable] {
    var order: [Variable] = []
    var visited = Set<ObjectIdentifier>()
    var stack: [(Variable, Bool)] = [(self, false)]
    while let (node, expanded) = stack.popLast() {
      if expanded {
        order.append(node)
        continue
      }
      guard node.requiresGradient, visited.insert(ObjectIdentifier(node)).inserted else { continue }
      stack.append((node, true))
      for input in node.inputs where input.requiresGradient { stack.append((input, false)) }
    }
    return order
  }

  /// The same value cut out of the graph: gradients do not flow through it (sg[.] of the
  /// VQ-VAE slides; also how targets are held fixed).
  public func stopGradient() -> Variable { Variable(value) }
}

extension Variable: CustomStringConvertible {
  public var description: String { "Variable(\(op), \(value))" }
}
