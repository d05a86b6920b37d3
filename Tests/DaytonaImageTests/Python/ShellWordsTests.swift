import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// Expected values are Python 3.11's `shlex.split` for the same inputs.
@Suite struct ShellWordsTests {
    @Test(arguments: [
        ("a b  c", ["a", "b", "c"]), ("'a b' \"c d\"", ["a b", "c d"]), ("a\\ b", ["a b"]),
        ("\"a\\\"b\\\\c\\d\"", ["a\"b\\c\\d"]), ("'a\\b'", ["a\\b"]), ("''", [""]), ("a''b", ["ab"]),
        ("x#y #z", ["x#y", "#z"]), ("\ta\r\nb", ["a", "b"]), ("a\u{A0}b", ["a\u{A0}b"]), ("\"\"", [""]),
        ("a\"b c\"d", ["ab cd"]), ("", []), ("   ", []),
    ])
    func splitMatchesShlexSplit(text: String, words: [String]) throws {
        #expect(try ShellWords.split(Substring(text)) == words)
    }

    @Test func unclosedQuotesAndDanglingEscapesFail() {
        #expect(throws: ShellWords.Failure.unclosedQuotation) { try ShellWords.split("\"abc") }
        #expect(throws: ShellWords.Failure.unclosedQuotation) { try ShellWords.split("'abc") }
        #expect(throws: ShellWords.Failure.danglingEscape) { try ShellWords.split("abc\\") }
    }
}
