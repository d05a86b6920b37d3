import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("Chart JSON writer")
struct JSONWriterTests {
    @Test func writesPythonJSONDumpsLayout() {
        let value: JSONValue = ["a": [1, 2.5, nil, true], "b": "x"]
        #expect(value.jsonString == #"{"a": [1, 2.5, null, true], "b": "x"}"#)
    }

    @Test func writesNaNAndInfinityAsBareTokens() {
        let value: JSONValue = [.double(.nan), .double(.infinity), .double(-.infinity)]
        #expect(value.jsonString == "[NaN, Infinity, -Infinity]")
    }

    @Test func integersAndDoublesKeepTheirForm() {
        let value: JSONValue = [.int(-12), .int(Int.min), .double(1.0), .double(1e16), .double(0.1), .double(1e-05)]
        #expect(value.jsonString == "[-12, -9223372036854775808, 1.0, 1e+16, 0.1, 1e-05]")
    }

    @Test func escapesLikePythonEnsureASCII() {
        let value: JSONValue = .string("é\"\\\n\u{01}😀")
        #expect(value.jsonString == #""\u00e9\"\\\n\u0001\ud83d\ude00""#)
    }

    @Test(arguments: [0.1, 1.0 / 3, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 123456789.123, -0.0, 9.5e15])
    func doublesReadBackExactly(_ number: Double) throws {
        let text = JSONValue.double(number).jsonBytes
        #expect(try JSONValue(jsonBytes: text) == .double(number))
    }
}
