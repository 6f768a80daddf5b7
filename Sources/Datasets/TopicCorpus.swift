// A bag-of-words corpus drawn from a known topic model, for the slide's "articles coded by
// 2000-D bag-of-words vectors (AE vs LSA)". No text corpus ships with the course, so the
// project generates one whose structure is known exactly: each document's label is the topic
// it was mostly written from.
//
// The model (an LDA-like mixture, seeded, so the same seed gives the same corpus):
//   background  b  a Zipf distribution over all V words (the common words every text shares)
//   topic k     beta_k  Zipf weights on its own random set of keywords (sets may overlap)
//   document    label c uniform over K topics; a second topic c' != c; mixing a ~ U(0.55, 0.95);
//               length L ~ U{minLength...maxLength}; each word is drawn from
//               p(w) = backgroundWeight b(w) + (1 - backgroundWeight) (a beta_c(w) + (1 - a) beta_c'(w)).
// So documents of one topic form a spread-out cloud that leans towards the other topics: a
// linear 2-D projection (LSA) overlaps the K clouds, which a nonlinear code can pull apart.

import Foundation
import Stochastic
import TensorCore

/// Word counts of generated documents with the topic each was mostly drawn from.
public struct TopicCorpus: Sendable {
  /// [N, V] word counts, rows are documents.
  public let counts: Tensor
  /// The dominant topic of each document, in 0..<topicCount.
  public let labels: [Int]
  /// The model's word distributions: topics[k][w] = beta_k(w) (each sums to 1).
  public let topics: [[Double]]
  public let vocabularySize: Int

  public var topicCount: Int { topics.count }
  public var documentCount: Int { labels.count }
  public var topicNames: [String] { (0..<topicCount).map { "topic \($0 + 1)" } }

  /// Generates `documents` documents over `vocabulary` words from `topicCount` topics.
  public init(
    documents: Int, vocabulary: Int = 2_000, topicCount: Int = 6, keywordsPerTopic: Int = 150,
    backgroundWeight: Double = 0.3, minLength: Int = 80, maxLength: Int = 200, using rng: inout SeededRandom
  ) {
    precondition(
      documents > 0 && vocabulary > 0 && topicCount >= 2 && keywordsPerTopic >= 1 && keywordsPerTopic <= vocabulary,
      "bad corpus sizes")
    precondition(
      minLength >= 1 && maxLength >= minLength && backgroundWeight >= 0 && backgroundWeight < 1,
      "bad document lengths or background weight")
    vocabularySize = vocabulary
    // Background: Zipf 1 / (r + 10) over a random ranking of the words.
    let ranking = rng.permutation(vocabulary)
    var background = [Double](repeating: 0, count: vocabulary)
    for (r, w) in ranking.enumerated() { background[w] = 1 / Double(r + 10) }
    Self.normalise(&background)
    var topics: [[Double]] = []
    for _ in 0..<topicCount {
      let keywords = rng.permutation(vocabulary).prefix(keywordsPerTopic)
      var beta = [Double](repeating: 0, count: vocabulary)
      for (r, w) in keywords.enumerated() { beta[w] = 1 / Double(r + 3) }
      Self.normalise(&beta)
      topics.append(beta)
    }
    self.topics = topics
    let backgroundCDF = Self.cumulative(background)
    let topicCDFs = topics.map(Self.cumulative)

    var counts = [Float](repeating: 0, count: documents * vocabulary)
    var labels: [Int] = []
    labels.reserveCapacity(documents)
    for d in 0..<documents {
      let c = rng.index(below: topicCount)
      var other = rng.index(below: topicCount - 1)
      if other >= c { other += 1 }
      let a = rng.uniform(0.55, 0.95)
      let length = minLength + rng.index(below: maxLength - minLength + 1)
      for _ in 0..<length {
        let u = rng.uniform()
        let cdf: [Double]
        if u < backgroundWeight {
          cdf = backgroundCDF
        } else {
          cdf = (u - backgroundWeight) / (1 - backgroundWeight) < a ? topicCDFs[c] : topicCDFs[other]
        }
        counts[d * vocabulary + Self.sample(cdf, rng.uniform())] += 1
      }
      labels.append(c)
    }
    self.counts = Tensor(shape: [documents, vocabulary], storage: counts)
    self.labels = labels
  }

  private static func normalise(_ p: inout [Double]) {
    let total = p.reduce(0, +)
    for i in p.indices { p[i] /= total }
  }

  private static func cumulative(_ p: [Double]) -> [Double] {
    var acc = 0.0
    return p.map {
      acc += $0
      return acc
    }
  }

  /// The first index whose cumulative probability exceeds u (binary search).
  private static func sample(_ cdf: [Double], _ u: Double) -> Int {
    let target = u * (cdf.last ?? 1)
    var (lo, hi) = (0, cdf.count - 1)
    while lo < hi {
      let mid = (lo + hi) / 2
      if cdf[mid] > target { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }

  /// Word proportions p = count / length per document [N, V] (rows sum to 1): the target of
  /// the bag-of-words autoencoder, independent of how long a document is.
  public func proportions() -> Tensor {
    var out = counts.storage
    let v = vocabularySize
    for d in 0..<documentCount {
      let length = out[(d * v)..<((d + 1) * v)].reduce(0, +)
      if length > 0 { for j in 0..<v { out[d * v + j] /= length } }
    }
    return Tensor(shape: counts.shape, storage: out)
  }
}
