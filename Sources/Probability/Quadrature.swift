// The slide's step 1 of inverse-CDF sampling, P(x) = int_{-inf}^x p(t) dt, computed from the
// density alone by numerical quadrature. A sampler x = P^-1(u) is then tested against the pdf it
// claims to follow, not against a closed-form cdf written beside the quantile (a wrong pdf, a
// wrong quantile or a cdf that does not integrate the pdf all show up).

import Foundation

/// int_a^b f by adaptive Simpson: an interval is split until Simpson's rule on it and on its
/// two halves agree within 15 `tolerance` (the error estimate of Richardson extrapolation), at
/// most `depth` halvings deep. Jumps and kinks of f only cost extra halvings near them.
public func adaptiveSimpson(
  _ f: (Double) -> Double, _ a: Double, _ b: Double, tolerance: Double = 1e-12,
  depth: Int = 50
) -> Double {
  func simpson(_ a: Double, _ fa: Double, _ b: Double, _ fb: Double) -> (m: Double, fm: Double, s: Double) {
    let m = 0.5 * (a + b)
    let fm = f(m)
    return (m, fm, (b - a) / 6 * (fa + 4 * fm + fb))
  }
  func refine(
    _ a: Double, _ fa: Double, _ b: Double, _ fb: Double, _ whole: (m: Double, fm: Double, s: Double),
    _ tolerance: Double, _ depth: Int
  ) -> Double {
    let left = simpson(a, fa, whole.m, whole.fm)
    let right = simpson(whole.m, whole.fm, b, fb)
    let delta = left.s + right.s - whole.s
    if depth <= 0 || Swift.abs(delta) <= 15 * tolerance { return left.s + right.s + delta / 15 }
    return refine(a, fa, whole.m, whole.fm, left, tolerance / 2, depth - 1)
      + refine(whole.m, whole.fm, b, fb, right, tolerance / 2, depth - 1)
  }
  let (fa, fb) = (f(a), f(b))
  return refine(a, fa, b, fb, simpson(a, fa, b, fb), tolerance, depth)
}

/// P(x) = int_{-inf}^x p(t) dt at every one of `points` (returned in the order given): the lower
/// tail up to the smallest point by t = a - (1 - v) / v, v in (0, 1] (dt = dv / v^2, the
/// integrand taken as 0 at v = 0, where p decays at least like 1/t^2), then adaptive Simpson on
/// each gap between consecutive sorted points. Each piece is integrated to `tolerance`, so the
/// total error is at most about (n + 1) `tolerance`.
public func distributionFunction(
  of pdf: (Double) -> Double, at points: [Double], tolerance: Double = 1e-12
) -> [Double] {
  guard !points.isEmpty else { return [] }
  let order = points.indices.sorted { points[$0] < points[$1] }
  let a = points[order[0]]
  let tail = adaptiveSimpson({ v in v <= 0 ? 0 : pdf(a - (1 - v) / v) / (v * v) }, 0, 1, tolerance: tolerance)
  var values = [Double](repeating: 0, count: points.count)
  var total = tail
  var previous = a
  for i in order {
    let x = points[i]
    if x > previous { total += adaptiveSimpson(pdf, previous, x, tolerance: tolerance) }
    values[i] = total
    previous = x
  }
  return values
}
