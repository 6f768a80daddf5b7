// The convolution by its definition, in Double and without im2col: the independent reference
// that the im2col + matrix product implementation (Conv2D) is checked against, in the unit tests and in
// the autoencoder chapter's check row.

import TensorCore

/// y[n, oy, ox, o] = b[o] + sum_{ky, kx, c} W[(ky k + kx) C + c, o] x[n, oy s - p + ky, ox s - p + kx, c],
/// for x [B, H * W * C] (channels last), W [k * k * C, C_out], b [C_out] -> [B * Ho * Wo * C_out].
public func directConvolution(_ x: Tensor, weight: Tensor, bias: Tensor, geometry g: ConvGeometry) -> [Double] {
  let b = x.shape[0]
  let cout = weight.shape[1]
  var out = [Double](repeating: 0, count: b * g.positions * cout)
  for n in 0..<b {
    for oy in 0..<g.outputHeight {
      for ox in 0..<g.outputWidth {
        for o in 0..<cout {
          var acc = Double(bias.storage[o])
          for ky in 0..<g.kernel {
            for kx in 0..<g.kernel {
              let y = oy * g.stride - g.padding + ky
              let xx = ox * g.stride - g.padding + kx
              if y < 0 || y >= g.height || xx < 0 || xx >= g.width { continue }
              for c in 0..<g.channels {
                acc +=
                  Double(weight[(ky * g.kernel + kx) * g.channels + c, o])
                  * Double(x.storage[n * g.inputSize + (y * g.width + xx) * g.channels + c])
              }
            }
          }
          out[(n * g.positions + oy * g.outputWidth + ox) * cout + o] = acc
        }
      }
    }
  }
  return out
}
