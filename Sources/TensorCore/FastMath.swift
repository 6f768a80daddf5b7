// Float exp, sigmoid and softplus written so that loops over them vectorise.
//
// Why: the sigmoid and the binary cross-entropy of a 784-pixel decoder run over 60,000 x 784
// elements per epoch, several passes each. libm's expf/log1pf are scalar calls that stop the
// loop vectoriser; on this course's models they cost more than the matrix products. These
// versions use only +, *, /, compares and bit casts (SSE2 is enough), so `for` loops over
// unsafe buffers compile to SIMD code.
//
// Accuracy: exp is the Cephes expf scheme (range reduction by ln 2 in two parts, degree-6
// polynomial), within 2 ulp of the correctly rounded value over its range; log(1 + e) for
// e in [0, 1] is 2 atanh(e / (2 + e)) by its odd series, within 3 ulp. The tests compare both
// with Double references. Inputs are clamped to [-87.3, 88] (e^x stays a finite normal Float),
// so these are for sigmoid/softplus/BCE, where e^-|x| only ever needs to underflow gracefully;
// the general `exp` op keeps libm's overflow and underflow semantics.

public enum FastMath {
  /// e^x for x in [-87.3, 88] (clamped outside, so the result is always a finite normal
  /// Float), vectorisable.
  @inlinable @inline(__always)
  public static func exp(_ x: Float) -> Float {
    let xc = Swift.min(Swift.max(x, -87.3), 88.0)
    // k = round(x / ln 2) by the 1.5 * 2^23 trick (no rounding instruction needed); the low
    // bits of the shifted float are k itself.
    let shifter: Float = 12_582_912  // 1.5 * 2^23
    let shifted = xc * 1.442_695_04 + shifter
    let k = shifted - shifter
    let ki = Int32(bitPattern: shifted.bitPattern) &- Int32(bitPattern: shifter.bitPattern)
    // r = x - k ln 2, with ln 2 split so that k * ln2Hi is exact.
    let r = (xc - k * 0.693_359_375) - k * -2.121_944_4e-4
    // The Cephes polynomial a0 + a1 r + ... + a5 r^5 by Estrin's scheme: three independent
    // pairs instead of one chain of five multiply-adds, so the SIMD lanes wait less.
    let r2 = r * r
    let p01 = 5.000_000_120_1e-1 + 1.666_666_545_9e-1 * r
    let p23 = 4.166_579_589_4e-2 + 8.333_451_907_3e-3 * r
    let p45 = 1.398_199_950_7e-3 + 1.987_569_150_0e-4 * r
    let p = p01 + r2 * (p23 + r2 * p45)
    let er = p * r2 + r + 1
    let scale = Float(bitPattern: UInt32(bitPattern: (ki &+ 127) &<< 23))
    return er * scale
  }

  /// ln(1 + e) for e in [0, 1]: 2 atanh(s), s = e / (2 + e) in [0, 1/3].
  @inlinable @inline(__always)
  public static func log1pUnit(_ e: Float) -> Float {
    twiceAtanh(e / (2 + e))
  }

  /// 2 atanh(s) = ln((1 + s) / (1 - s)) for s in [0, 1/3] by the odd series
  /// 2 (s + s^3/3 + ... + s^13/13); the first omitted term is below 1.5e-8 relative, under
  /// half an ulp. Evaluated by Estrin's scheme in s^2.
  @inlinable @inline(__always)
  public static func twiceAtanh(_ s: Float) -> Float {
    let t = s * s
    let t2 = t * t
    let q01: Float = 1.0 / 3 + t * (1.0 / 5)
    let q23: Float = 1.0 / 7 + t * (1.0 / 9)
    let q45: Float = 1.0 / 11 + t * (1.0 / 13)
    let q = q01 + t2 * (q23 + t2 * q45)
    return 2 * (s + s * t * q)
  }

  /// 1 / (1 + e^-x) from e^-|x| <= 1, so neither branch overflows.
  @inlinable @inline(__always)
  public static func sigmoid(_ x: Float) -> Float {
    let e = exp(-Swift.abs(x))
    let r = 1 / (1 + e)
    return x >= 0 ? r : e * r
  }

  /// ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|), stable for large |x|.
  @inlinable @inline(__always)
  public static func softplus(_ x: Float) -> Float {
    Swift.max(x, 0) + log1pUnit(exp(-Swift.abs(x)))
  }
}

extension FastMath {
  /// The sum of `count` Floats from `p` with 16 SIMD lanes of partial sums (a Float reduction
  /// written as a plain loop does not vectorise: IEEE addition is not reassociated). For row
  /// sums of a few hundred terms; callers add rows in Double.
  @inlinable
  public static func sum(_ p: UnsafePointer<Float>, count: Int) -> Float {
    var acc = SIMD16<Float>()
    var i = 0
    let raw = UnsafeRawPointer(p)
    while i + 16 <= count {
      acc += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
      i += 16
    }
    var s = acc.sum()
    while i < count {
      s += p[i]
      i += 1
    }
    return s
  }
}

extension FastMath {
  /// sqrt(x) for x >= 0 from the reciprocal square root by three Newton steps, within 2 ulp
  /// for normal x (0 gives 0). Float's `squareRoot()` compiles to a scalar sqrt plus a branch
  /// for negative inputs on the x86-64 baseline, which stops the Adam loop from vectorising.
  /// Subnormal x (below 1.2e-38) gives a finite value in [0, sqrt(x)] (Newton has too few
  /// steps to climb from the initial guess): callers add a much larger epsilon to it (Adam's 1e-7).
  @inlinable @inline(__always)
  public static func squareRoot(_ x: Float) -> Float {
    var y = Float(bitPattern: 0x5F37_5A86 &- (x.bitPattern &>> 1))  // about 1 / sqrt(x)
    let half = 0.5 * x
    y = y * (1.5 - half * y * y)
    y = y * (1.5 - half * y * y)
    y = y * (1.5 - half * y * y)
    return x * y
  }
}
