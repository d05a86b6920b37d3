import Foundation
import Testing

@testable import DaytonaJSON

/// The Eisel–Lemire table is generated, and checked two ways: against its generator, byte for
/// byte, and (where 128-bit arithmetic suffices) against its definition, computed here.
@Suite("Powers of five table")
struct PowersOfFiveTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let generator = root.appendingPathComponent("Benchmarks/json/generate_powers_of_five.py").path
    private static let python: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Entry `q` as one 128-bit number.
    private func entry(_ q: Int) -> UInt128 {
        let index = 2 * (q - PowersOfFive.smallestExponent)
        return UInt128(PowersOfFive.table[index]) << 64 | UInt128(PowersOfFive.table[index + 1])
    }

    @Test(.enabled(if: python != nil, "needs python3"))
    func theTableIsWhatItsGeneratorWrites() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = [Self.generator]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let generated = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let committed = try Data(contentsOf: Self.root.appendingPathComponent("Sources/DaytonaJSON/PowersOfFive.swift"))
        #expect(generated == committed, "run Benchmarks/json/generate_powers_of_five.py --write")
    }

    @Test func theTableCoversEveryExponentWithNormalisedEntries() {
        #expect(PowersOfFive.table.count == 2 * (PowersOfFive.largestExponent - PowersOfFive.smallestExponent + 1))
        for q in PowersOfFive.smallestExponent...PowersOfFive.largestExponent {
            #expect(entry(q) >> 127 == 1, "5^\(q) is not normalised")
        }
    }

    /// Up to 5^55 the power fits in 128 bits, so its entry is the power shifted to the top.
    @Test func nonNegativePowersThatFitAreExact() {
        var power: UInt128 = 1
        for q in 0...55 {
            #expect(entry(q) == power << power.leadingZeroBitCount, "5^\(q)")
            if q < 55 { power *= 5 }
        }
    }

    /// For -27 ≤ q < 0 the entry is ⌊2^b / 5^-q⌋ + 1 with b = z + 127, z the smallest integer
    /// with 2^z ≥ 5^-q: the one integer t with (t - 1) · 5^-q ≤ 2^b < t · 5^-q.
    @Test func smallNegativePowersAreTheReciprocalRoundedUp() {
        var power: UInt128 = 1
        for q in stride(from: -1, through: -27, by: -1) {
            power *= 5
            let z = 128 - (power - 1).leadingZeroBitCount  // 2^z ≥ power > 2^(z-1)
            let bound = (high: UInt128(1) << (z + 127 - 128), low: UInt128(0))  // 2^b as 256 bits
            let t = entry(q)
            let above = t.multipliedFullWidth(by: power)
            let below = (t - 1).multipliedFullWidth(by: power)
            #expect((above.high, above.low) > (bound.high, bound.low), "5^\(q)")
            #expect((below.high, below.low) <= (bound.high, bound.low), "5^\(q)")
        }
    }
}
