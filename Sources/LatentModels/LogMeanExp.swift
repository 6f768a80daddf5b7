// log (1/K) sum_k e^{a_k}, stably: the max is taken out before exponentiating, so K
// log-weights of -500 nats each give -500, not log(0).

import Foundation

/// log((1/K) sum_k exp(a_k)).
public func logMeanExp(_ a: [Double]) -> Double {
  guard let m = a.max(), m.isFinite else { return a.max() ?? -.infinity }
  let s = a.reduce(0) { $0 + Foundation.exp($1 - m) }
  return m + Foundation.log(s / Double(a.count))
}
