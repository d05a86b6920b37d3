import DaytonaErrors
import Foundation
import Testing

@testable import DaytonaJSON

/// The reader's fast float path must round exactly like the standard library (strtod).
@Suite("Float reading")
struct EiselLemireTests {
    /// A small deterministic generator, so a failure can be reproduced.
    private struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func readDouble(_ text: String) throws -> Double? {
        switch try JSONValue(jsonBytes: Array(text.utf8)) {
        case .double(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    private func check(_ text: String) throws {
        let expected = try #require(Double(text), "Double(\(text))")
        let got = try #require(try readDouble(text))
        #expect(got.bitPattern == expected.bitPattern, "\(text): got \(got), expected \(expected)")
    }

    @Test func randomDecimalStringsReadLikeStrtod() throws {
        var random = SplitMix64(state: 42)
        for _ in 0..<30_000 {
            let digits = Int(random.next() % 19) + 1
            var mantissa = ""
            for position in 0..<digits {
                let digit = random.next() % 10
                mantissa += String(position == 0 && digits > 1 ? max(digit, 1) : digit)
            }
            let exponent = Int(random.next() % 700) - 360
            try check("\(mantissa)e\(exponent)")
        }
    }

    @Test func randomDoublesPrintedShortAndLongReadBack() throws {
        var random = SplitMix64(state: 7)
        for _ in 0..<30_000 {
            let value = Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)
            try check(value.description.replacingOccurrences(of: "e+", with: "e"))
            try check(String(format: "%.17g", value))
            try check(String(format: "%.16e", value))
        }
    }

    @Test func uniformAndGaussianLikeDataReadsBack() throws {
        var random = SplitMix64(state: 3)
        for _ in 0..<30_000 {
            let value = (Double(random.next() >> 11) / Double(1 << 53)) * 200 - 100
            try check(value.description)
            try check(String(format: "%.15f", value))
        }
    }

    @Test(arguments: [
        "9007199254740993", "9007199254740993.0", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "1.7976931348623157e308", "1.7976931348623159e308", "0.1", "0.3",
        "5e-324", "1e-400", "1e310", "123456789012345678e-5", "7.038531e-26", "1448997445238699",
        "9999999999999999999e-10", "1.00000000000000011102230246251565404236316680908203125",
        "8.98846567431158e307", "3.0540412809216386e-4", "2.5e-323", "-0.0", "-1e-400", "-2.5e-323",
        "0e999999", "-123456789012345678901234567890e-10", "1234567890123456789012345678901234567890e-400",
        "922337203685477580.7", "-18446744073709551615.5", "1e22", "1e23", "-9007199254740992e-22",
    ])
    func hardCasesReadLikeStrtod(_ text: String) throws {
        try check(text)
    }
}
