// MD5: verify downloaded and cached dataset files against their published checksums.
//
// MNIST's mirrors publish MD5 sums, so that is the digest we need. MD5 is broken as a
// cryptographic hash, but here it only detects truncated or corrupted files, which it does
// well. Pure Swift (RFC 1321), so there is no dependency on OpenSSL or CryptoKit.

/// Per-round left-rotation amounts (RFC 1321, section 3.4).
private let md5Shifts: [UInt32] = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
  5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
]

/// T[i] = floor(2^32 * |sin(i + 1)|), tabulated as in the RFC.
private let md5Constants: [UInt32] = [
  0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613,
  0xfd46_9501, 0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193,
  0xa679_438e, 0x49b4_0821, 0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d,
  0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8, 0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed,
  0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a, 0xfffa_3942, 0x8771_f681, 0x6d9d_6122,
  0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70, 0x289b_7ec6, 0xeaa1_27fa,
  0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665, 0xf429_2244,
  0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
  0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb,
  0xeb86_d391,
]

/// The MD5 digest of `bytes` as 32 lowercase hex digits (the format of `md5sum` and MD5SUMS).
public func md5Hex(_ bytes: [UInt8]) -> String {
  md5(bytes).map { byte in
    let hex = String(byte, radix: 16)
    return byte < 16 ? "0" + hex : hex
  }.joined()
}

/// The 16-byte MD5 digest of `bytes`.
public func md5(_ bytes: [UInt8]) -> [UInt8] {
  var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)

  // Whole 64-byte blocks straight from the input; the padded tail separately, so the
  // (possibly large) input is never copied.
  let wholeBlocks = bytes.count / 64
  bytes.withUnsafeBufferPointer { input in
    for block in 0..<wholeBlocks {
      md5Compress(&state, UnsafeBufferPointer(rebasing: input[(block * 64)..<(block * 64 + 64)]))
    }
  }

  // Padding: 0x80, zeros up to 56 mod 64, then the bit length as little-endian UInt64.
  var tail = Array(bytes[(wholeBlocks * 64)...])
  tail.append(0x80)
  while tail.count % 64 != 56 { tail.append(0) }
  let bitLength = UInt64(bytes.count) &* 8
  for i in 0..<8 { tail.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))) }
  tail.withUnsafeBufferPointer { padded in
    for start in stride(from: 0, to: padded.count, by: 64) {
      md5Compress(&state, UnsafeBufferPointer(rebasing: padded[start..<(start + 64)]))
    }
  }

  var digest: [UInt8] = []
  digest.reserveCapacity(16)
  for word in [state.0, state.1, state.2, state.3] {
    for i in 0..<4 { digest.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(i)))) }
  }
  return digest
}

/// One MD5 compression step over a 64-byte block.
private func md5Compress(
  _ state: inout (UInt32, UInt32, UInt32, UInt32), _ block: UnsafeBufferPointer<UInt8>
) {
  // The block as 16 little-endian words, in stack scratch space (no heap allocation per block).
  withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { m in
    for i in 0..<16 {
      let j = 4 * i
      m[i] =
        UInt32(block[j]) | UInt32(block[j + 1]) << 8 | UInt32(block[j + 2]) << 16
        | UInt32(block[j + 3]) << 24
    }
    var (a, b, c, d) = state
    for i in 0..<64 {
      var f: UInt32
      let g: Int
      switch i {
      case 0..<16:
        f = (b & c) | (~b & d)
        g = i
      case 16..<32:
        f = (d & b) | (~d & c)
        g = (5 * i + 1) % 16
      case 32..<48:
        f = b ^ c ^ d
        g = (3 * i + 5) % 16
      default:
        f = c ^ (b | ~d)
        g = (7 * i) % 16
      }
      f = f &+ a &+ md5Constants[i] &+ m[g]
      a = d
      d = c
      c = b
      let s = md5Shifts[i]
      b = b &+ ((f << s) | (f >> (32 - s)))
    }
    state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
  }
}
