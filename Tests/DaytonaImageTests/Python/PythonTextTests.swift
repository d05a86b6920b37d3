import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// Expected values are Python 3.11's (`shlex.quote`, `repr`, `json.dumps`, `str.strip`,
/// `str.splitlines`, `sorted`) for the same inputs.
@Suite struct PythonTextTests {
    @Test(arguments: [
        ("", "''"), ("abc", "abc"), ("a b", "'a b'"), ("it's", "'it'\"'\"'s'"),
        ("a@b%c+d=e:f,g./-_", "a@b%c+d=e:f,g./-_"), ("é", "'é'"), ("$HOME", "'$HOME'"), ("a\tb", "'a\tb'"),
        ("!", "'!'"), ("'", "''\"'\"''"), ("\"", "'\"'"), ("a\nb", "'a\nb'"), ("~x", "'~x'"), ("*", "'*'"),
    ])
    func shellQuoteMatchesShlexQuote(text: String, quoted: String) {
        #expect(PythonText.shellQuote(text) == quoted)
    }

    @Test(arguments: [
        ("a\u{0}'b\"\u{85}\u{200B}😀é\u{7F}", #"'a\x00\'b"\x85\u200b😀é\x7f'"#),
        ("it's", #""it's""#), ("\"'", #"'"\''"#), ("a\\b\n\r\t", #"'a\\b\n\r\t'"#), ("", "''"),
        ("\u{A0}\u{2028}", #"'\xa0\u2028'"#),
    ])
    func reprMatchesPythonRepr(text: String, expected: String) {
        #expect(PythonText.repr(text) == expected)
    }

    @Test func reprOfAListMatchesPython() {
        #expect(PythonText.repr(["3.9", "it's"]) == #"['3.9', "it's"]"#)
        #expect(PythonText.repr([String]()) == "[]")
    }

    @Test func jsonListMatchesJSONDumps() {
        // Python: json.dumps(["é 😀", "\x01\x7f\"\\/", "\t\n\u2028"])
        #expect(
            PythonText.jsonList(["é 😀", "\u{01}\u{7F}\"\\/", "\t\n\u{2028}"])
                == #"["\u00e9 \ud83d\ude00", "\u0001\u007f\"\\/", "\t\n\u2028"]"#
        )
        #expect(PythonText.jsonList([]) == "[]")
    }

    @Test func jsonStringWithoutASCIIOnlyKeepsNonASCII() {
        #expect(JSONText.string("é\u{1B}\u{08}\u{0C}") == #""é\u001b\b\f""#)
        #expect(JSONText.string("say \"hi\"") == #""say \"hi\"""#)
    }

    @Test func stripFamilyUsesPythonWhitespace() {
        #expect(PythonText.strip(" \u{A0}\u{1F} a \u{3000}") == "a")
        #expect(PythonText.leftStrip("\u{1C} a ") == "a ")
        #expect(PythonText.rightStrip(" a \u{85}") == " a")
        #expect(PythonText.strip("   ") == "")
        #expect(PythonText.rightStrip("\t") == "")
        #expect(PythonText.strip("\u{200B}x") == "\u{200B}x")  // zero-width space is not white space
    }

    @Test func splitFirstWordMatchesSplitMaxsplitOne() {
        let (word, rest) = PythonText.splitFirstWord("  --chown=a   b c ")
        #expect(word == "--chown=a")
        #expect(rest == "b c ")
        #expect(PythonText.splitFirstWord("only").rest == nil)
        #expect(PythonText.splitFirstWord("only   ").rest == nil)
    }

    @Test func splitLinesMatchesPython() {
        // Python: "x\x1cy\u2028z\r\nw\x0bv".splitlines()
        #expect(PythonText.splitLines("x\u{1C}y\u{2028}z\r\nw\u{0B}v") == ["x", "y", "z", "w", "v"])
        #expect(PythonText.splitLines("a\n\nb\n") == ["a", "", "b"])
        #expect(PythonText.splitLines("a\r\rb") == ["a", "", "b"])
        #expect(PythonText.splitLines("") == [])
    }

    @Test func codePointOrderPutsUpperCaseFirst() {
        // Python: sorted(["b","B","é","e","Z","_","a"])
        #expect(
            ["b", "B", "é", "e", "Z", "_", "a"].sorted(by: PythonText.codePointLess) == [
                "B", "Z", "_", "a", "b", "e", "é",
            ]
        )
        // Composed and decomposed forms are different strings to Python.
        #expect(PythonText.codePointLess("e\u{301}", "é"))
        #expect(!PythonText.codePointLess("é", "e\u{301}"))
    }

    @Test func stringHelpersCompareScalarByScalar() {
        #expect("aXbXc".replacingAll("X", with: "--") == "a--b--c")
        #expect("é".replacingAll("e", with: "x") == "é")
        #expect("e\u{301}".replacingAll("e", with: "x") == "x\u{301}")
        #expect(!"é".hasScalarPrefix("e"))
        #expect("ctx/a".removingScalarPrefix("ctx/") == "a")
        #expect("ctx/a".removingScalarPrefix("") == "ctx/a")
        #expect("d/Dockerfile".removingScalarSuffix("Dockerfile") == "d/")
        #expect("a\rb".containsLineBreak && "a\nb".containsLineBreak && !"a\u{2028}b".containsLineBreak)
    }
}
