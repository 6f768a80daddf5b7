// Golden-section search: the minimiser of a unimodal function of one variable from function
// values alone (no derivative), the bracket shrinking by 0.618 per evaluation. Used where a slide
// says "minimise this objective" and the chapter must minimise that objective itself, not a
// hand-derived gradient of it.

/// The minimiser of `f` on [a, b] (f unimodal there), searched until the bracket is below
/// `relativeWidth` times its size. Near the minimum f is flat to rounding: the search can only
/// locate the minimiser to within sqrt(2 delta / f''), delta the rounding of f.
public func goldenSectionMinimum(
  _ f: (Double) -> Double, _ a: Double, _ b: Double, relativeWidth: Double = 1e-13
) -> Double {
  let ratio = (5.0.squareRoot() - 1) / 2
  var (a, b) = (a, b)
  var c = b - ratio * (b - a)
  var d = a + ratio * (b - a)
  var fc = f(c)
  var fd = f(d)
  while b - a > relativeWidth * Swift.max(1, Swift.abs(a) + Swift.abs(b)) {
    if fc <= fd {
      b = d
      d = c
      fd = fc
      c = b - ratio * (b - a)
      fc = f(c)
    } else {
      a = c
      c = d
      fc = fd
      d = a + ratio * (b - a)
      fd = f(d)
    }
    if c >= d { break }
  }
  return 0.5 * (a + b)
}
