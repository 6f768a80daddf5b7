// LinearAlgebraError: why a decomposition failed, in one line.
//
// LAPACK reports failure through an integer `info`: 0 is success, -i means argument i was
// illegal (LAPACKE also uses this code when an input holds NaN), -1010/-1011 mean LAPACKE
// could not allocate memory, and a positive value has a routine-specific meaning. Each case
// keeps the routine name and the raw code so the message can be looked up in the LAPACK docs.
// Shape mistakes (multiplying 3x4 by 5x6) are programming errors and stop with a precondition
// instead; these errors are about the numbers, which a caller may want to report and survive.

/// Failure of a LAPACK-backed routine, with the routine's name and `info` code.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The input holds NaN or an infinity; the routine was not called.
  case nonFiniteInput(routine: String)
  /// The input should be symmetric but max |A_ij - A_ji| exceeds the tolerance; the routine
  /// (which reads one triangle only) was not called, because it would silently use half the matrix.
  case notSymmetric(routine: String, maxAsymmetry: Double)
  /// info < 0 (other than the memory codes): argument -info had an illegal value.
  case illegalArgument(routine: String, info: Int)
  /// info = -1010 or -1011: LAPACKE could not allocate its workspace or transpose buffer.
  case outOfMemory(routine: String, info: Int)
  /// dpotrf info > 0: the leading minor of order `info` is not positive definite.
  case notPositiveDefinite(routine: String, info: Int)
  /// dsyevd / dgesdd info > 0: the iteration did not converge.
  case noConvergence(routine: String, info: Int)
  /// dpotri info > 0: diagonal element `info` of the Cholesky factor is zero, so A is singular.
  case singular(routine: String, info: Int)

  public var description: String {
    switch self {
    case .nonFiniteInput(let routine):
      return "\(routine) not called: the input has NaN or infinite entries"
    case .notSymmetric(let routine, let asymmetry):
      return "\(routine) not called: the matrix is not symmetric (max |A_ij - A_ji| = \(asymmetry))"
    case .illegalArgument(let routine, let info):
      return "\(routine) failed (info = \(info)): argument \(-info) had an illegal value"
    case .outOfMemory(let routine, let info):
      return "\(routine) failed (info = \(info)): LAPACKE could not allocate memory"
    case .notPositiveDefinite(let routine, let info):
      return "\(routine) failed (info = \(info)): the leading minor of order \(info) is not positive definite"
    case .noConvergence(let routine, let info):
      return "\(routine) failed (info = \(info)): the algorithm did not converge"
    case .singular(let routine, let info):
      return "\(routine) failed (info = \(info)): diagonal element \(info) of the factor is zero (singular matrix)"
    }
  }

  /// Maps a LAPACKE return code to nil (success) or an error; `positive` names the meaning of
  /// info > 0 for this routine.
  static func check(
    _ info: Int32, routine: String, positive: (String, Int) -> LinearAlgebraError
  ) -> LinearAlgebraError? {
    let code = Int(info)
    switch code {
    case 0: return nil
    case -1011, -1010: return .outOfMemory(routine: routine, info: code)
    case ..<0: return .illegalArgument(routine: routine, info: code)
    default: return positive(routine, code)
    }
  }
}
