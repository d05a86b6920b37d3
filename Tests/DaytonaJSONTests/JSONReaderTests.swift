import DaytonaErrors
import Testing

@testable import DaytonaJSON

@Suite("Chart JSON reader")
struct JSONReaderTests {
    private func read(_ text: String) throws -> JSONValue {
        try JSONValue(jsonBytes: Array(text.utf8))
    }

    @Test func integersStayIntegersAndFloatsStayFloats() throws {
        #expect(
            try read("[1, -7, 1.0, 2.5e3, 0, -0.0]") == [
                .int(1), .int(-7), .double(1.0), .double(2500), .int(0), .double(-0.0),
            ]
        )
        #expect(try read("9007199254740993") == .int(9_007_199_254_740_993))
        #expect(try read("-9223372036854775808") == .int(Int.min))
    }

    @Test func integersBeyondIntBecomeDoubles() throws {
        #expect(try read("123456789012345678901234567890") == .double(1.2345678901234568e29))
    }

    @Test(arguments: [
        "0.1", "0.30000000000000004", "1e-320", "1.7976931348623157e308", "2.2250738585072014e-308",
        "123456.789e-3", "9007199254740993.0", "0.123456789012345678901234", "4.9e-324", "1e23",
    ])
    func floatsReadExactlyLikeTheStandardLibrary(_ text: String) throws {
        #expect(try read(text) == .double(try #require(Double(text))))
    }

    @Test func pythonTokensAreAccepted() throws {
        let value = try read("[NaN, Infinity, -Infinity]")
        guard case .array(let items) = value, case .double(let nan) = items[0] else {
            Issue.record("not an array of doubles")
            return
        }
        #expect(nan.isNaN)
        #expect(items[1] == .double(.infinity))
        #expect(items[2] == .double(-.infinity))
    }

    @Test func escapesAndNonASCIIAreDecoded() throws {
        #expect(try read(#""a\"b\\c\/\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/\n\té😀"))
        #expect(try read("\"Größe ✓\"") == .string("Größe ✓"))
    }

    @Test(arguments: [
        ("{\"a\": [1, 2,]}", "a[2]"),
        ("{\"elements\": [{\"points\": [[1, 2], [3, x]]}]}", "elements[0].points[1][1]"),
        ("[1, 2", "[1]"),
        ("{\"a\" 1}", "a"),
        ("tru", "$"),
        ("01", "$"),
        ("{\"a\": \"\u{01}\"}", "a"),
        ("[1] 2", "$"),
        ("", "$"),
    ])
    func syntaxErrorsNameTheJSONPath(_ text: String, _ path: String) throws {
        let error = try #require(throws: DaytonaValidationError.self) { try read(text) }
        #expect(error.message.hasPrefix("invalid JSON: \(path): "), "\(error.message)")
        #expect(error.message.contains("at byte"))
    }

    @Test(arguments: [
        ("-", "invalid number"), ("1.", "invalid number"), ("1e", "invalid number"), ("1e+", "invalid number"),
        (".5", "expected a value"), ("-01", "invalid number (leading zero)"), ("+1", "expected a value"),
        ("1.e5", "invalid number"), ("-x", "invalid number"),
    ])
    func malformedNumbersAreRefusedAtTheirFirstByte(_ text: String, _ reason: String) throws {
        let error = try #require(throws: DaytonaValidationError.self) { try read(text) }
        #expect(error.message.contains(reason), "\(error.message)")
        #expect(error.message.contains("at byte 0"), "\(error.message)")
    }

    @Test func numbersEndWhereTheGrammarEnds() throws {
        #expect(
            try read("[-0,1E2,1e+2,1E-2,-Infinity,0.5e1]") == [.int(0), 100.0, 100.0, 0.01, .double(-.infinity), 5.0]
        )
        #expect(try read("-9223372036854775809") == .double(-9_223_372_036_854_775_809.0))
        #expect(try read("9223372036854775807") == .int(Int.max))
        #expect(try read("9223372036854775808") == .double(9_223_372_036_854_775_808.0))
        #expect(try read("10000000000000000000") == .double(1e19))
    }

    @Test func invalidUTF8IsAnError() throws {
        let bytes: [UInt8] = [0x22, 0xFF, 0x22]
        #expect(throws: DaytonaValidationError.self) { try JSONValue(jsonBytes: bytes) }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(throws: DaytonaValidationError.self) { try read(text) }
        #expect(error.message.contains("nesting"))
    }
}
