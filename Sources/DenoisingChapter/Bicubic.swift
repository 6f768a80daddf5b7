// The classical baselines of super resolution: 2x2 averaging (how the low-resolution images
// are made) and bicubic interpolation back to full size, with Keys' cubic convolution kernel
// (a = -1/2, the choice that makes the interpolation third-order accurate: it reproduces
// every quadratic exactly away from the borders, which the chapter checks). Pixel centres are
// aligned as image libraries do: output pixel o of a 2x upsampling sits at source coordinate
// (o + 1/2) / 2 - 1/2, and taps beyond the border repeat the edge pixel.

import TensorCore

extension DenoisingChapter {
  /// Keys' cubic convolution kernel W(t) with parameter a.
  static func keysKernel(_ t: Double, a: Double) -> Double {
    let x = abs(t)
    if x <= 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
    if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
    return 0
  }

  /// Where output pixel o of a 2x upsampling sits in source coordinates.
  static func sourceCoordinate(_ o: Int) -> Double { (Double(o) + 0.5) / 2 - 0.5 }

  /// The 2x upsampling of one line of `n` samples read through `sample` (indices clamped),
  /// output pixel o read at source coordinate `coordinate(o)`.
  static func cubicLine(
    count n: Int, a: Double, coordinate: (Int) -> Double = sourceCoordinate, _ sample: (Int) -> Double
  ) -> [Double] {
    (0..<(2 * n)).map { o in
      let s = coordinate(o)
      let i0 = Int(s.rounded(.down))
      let t = s - Double(i0)
      var value = 0.0
      for k in -1...2 {
        value += keysKernel(t - Double(k), a: a) * sample(min(max(i0 + k, 0), n - 1))
      }
      return value
    }
  }

  /// Bicubic 2x upsampling of a width x height image stored row by row (separable: rows,
  /// then columns).
  static func bicubicUpsample2x(
    _ pixels: [Double], width: Int, height: Int, a: Double = -0.5, coordinate: (Int) -> Double = sourceCoordinate
  ) -> [Double] {
    let wide = (0..<height).map { r in
      cubicLine(count: width, a: a, coordinate: coordinate) { pixels[r * width + $0] }
    }
    var out = [Double](repeating: 0, count: 4 * width * height)  // wide: [height][2 width]
    for c in 0..<(2 * width) {
      let column = cubicLine(count: height, a: a, coordinate: coordinate) { wide[$0][c] }
      for r in 0..<(2 * height) { out[r * 2 * width + c] = column[r] }
    }
    return out
  }

  /// The output indices of a 2x upsampling of `n` samples whose four taps are all inside.
  static func interiorOutputs(count n: Int) -> [Int] {
    (0..<(2 * n)).filter { o in
      let i0 = Int(sourceCoordinate(o).rounded(.down))
      return i0 - 1 >= 0 && i0 + 2 <= n - 1
    }
  }

  /// Bicubic 2x upsampling of every row of x [N, width * height].
  static func bicubicUpsample2x(
    _ x: Tensor, width: Int, height: Int, coordinate: (Int) -> Double = sourceCoordinate
  ) -> Tensor {
    let rows = (0..<x.shape[0]).flatMap { i in
      bicubicUpsample2x(x.row(i).map(Double.init), width: width, height: height, coordinate: coordinate).map(Float.init)
    }
    return Tensor(shape: [x.shape[0], 4 * width * height], storage: rows)
  }

  /// Each 2x2 block of pixels averaged: x [N, width * height] -> [N, width/2 * height/2].
  static func averagePool2x(_ x: Tensor, width: Int, height: Int) -> Tensor {
    let (w, h) = (width / 2, height / 2)
    var out = [Float](repeating: 0, count: x.shape[0] * w * h)
    for i in 0..<x.shape[0] {
      for r in 0..<h {
        for c in 0..<w {
          let top = i * width * height + 2 * r * width + 2 * c
          let sum = x.storage[top] + x.storage[top + 1] + x.storage[top + width] + x.storage[top + width + 1]
          out[(i * h + r) * w + c] = sum / 4
        }
      }
    }
    return Tensor(shape: [x.shape[0], w * h], storage: out)
  }
}
