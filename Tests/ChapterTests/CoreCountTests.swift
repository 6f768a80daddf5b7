// `--cores` changes how many cores train, never what is printed: a product's blocks are fixed
// by its shape (BLASSplit) and element-wise loops compute each index alike in any chunk. With
// one block per core, the MLP VAE's test ELBO differed between one core and two.

import Foundation
import Testing

@Suite("--cores", .serialized)
struct CoreCountTests {
  @Test func oneCoreAndThreePrintTheSameNumbers() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let arguments = ["--quick", "--no-figures", "--section", "mlp-vae"]
    let one = try runProduct("vae", arguments + ["--cores", "1"], in: dir)
    let three = try runProduct("vae", arguments + ["--cores", "3"], in: dir)
    #expect(one.status == 0 && three.status == 0)
    #expect(numbersPrinted(one.stdout).contains { $0.contains("test ELBO") })
    #expect(numbersPrinted(one.stdout) == numbersPrinted(three.stdout))
  }

  @Test(arguments: ["0", "-2", "two", "5000"])
  func badCountIsOneLineAndExit64(count: String) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vae", ["--quick", "--cores", count], in: dir)
    #expect(run.status == 64)
    #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("--cores"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }
}
