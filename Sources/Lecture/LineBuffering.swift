// Standard output line by line: piped into `tee` or a projector's log, a chapter's output must
// appear as each line is printed, not in 4 KB bursts when the C library's buffer fills.

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Switches standard output to line buffering (call once, first thing in an executable).
public func lineBufferStandardOutput() {
  setvbuf(stdout, nil, _IOLBF, 0)
}
