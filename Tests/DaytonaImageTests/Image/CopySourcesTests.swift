import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The COPY-source parser.
///
/// Expected values follow the Python SDK 0.226.1's
/// `__extract_copy_sources` (shlex/json parsing, flag skipping), with heredoc bodies skipped (D5).
@Suite struct CopySourcesTests {
    @Test(arguments: [
        ("COPY a b /d", ["a", "b"]),
        ("  copy a /d", ["a"]),
        ("CoPy\ta /d", ["a"]),
        ("COPY --chown=1:1 --chmod=644 a /d", ["a"]),
        ("COPY --chown 1:1 a /d", ["1:1", "a"]),
        ("COPY --link a /d", ["a"]),
        ("COPY --from=x a /d", []),
        ("COPY a --from=x /d", []),
        ("COPY <<EOF /d", []),
        ("COPY [\"a b\", \"c\", \"/d\"]", ["a b", "c"]),
        ("COPY [\"a\\u00e9\", \"/d\"]", ["aé"]),
        ("COPY [\"a\", 1]", []),
        ("COPY [\"only\"]", []),
        ("COPY a", []),
        ("COPY 'a b' \"c\" /d", ["a b", "c"]),
        ("COPY 'unclosed /d", []),
        ("COPY a /d # note", ["a", "/d", "#"]),
        ("COPYa b /d", []),
        ("ADD a /d", []),
        ("# COPY a /d", []),
        ("RUN COPY a /d", []),
        ("COPY", []),
    ])
    func sourcesOfOneLine(line: String, sources: [String]) {
        #expect(CopySources.sources(in: line + "\n") == sources)
    }

    @Test func backslashContinuesALineAndSkipsCommentsAndBlankLinesInside() {
        let text = "COPY a \\\n# comment\n\n  b /d\nCOPY c /e\n"
        #expect(CopySources.sources(in: text) == ["a", "b", "c"])
        #expect(CopySources.logicalLines(["A \\", "B", "C"]) == ["A B", "C"])
        #expect(CopySources.logicalLines(["A \\"]) == ["A "])
    }

    @Test func heredocBodiesAreNotInstructions() {
        // D5
        let text = """
            RUN <<EOF
            COPY a /x
            EOF
            RUN <<-'T' <<"U"
            \t\tT
            COPY b /y
            U
            COPY c /z
            RUN <<NOEND
            COPY d /w

            """
        #expect(CopySources.sources(in: text) == ["c"])
        #expect(CopySources.instructionLines("RUN << EOF\nCOPY a /x\n") == ["RUN << EOF", "COPY a /x"])
        #expect(CopySources.instructionLines("RUN <<\"A\nCOPY a /x\n") == ["RUN <<\"A", "COPY a /x"])
    }

    @Test func parseCopyGivesUpLikePython() {
        #expect(CopySources.parseCopy("COPY a /d") == ["a"])
        #expect(CopySources.parseCopy("COPY [\"a\" /d") == nil)
        #expect(CopySources.parseCopy("COPY a\\") == nil)
    }

    @Test func jsonStringArrayDecodesOnlyArraysOfStrings() {
        #expect(JSONStringArray.decode(#" ["a", "\ud83d\ude00\n\t\"\\\/"] "#) == ["a", "😀\n\t\"\\/"])
        #expect(JSONStringArray.decode("[]") == [])
        #expect(JSONStringArray.decode("[\"a\",]") == nil)
        #expect(JSONStringArray.decode("[\"a\"] x") == nil)
        #expect(JSONStringArray.decode("[\"a\tb\"]") == nil)
        #expect(JSONStringArray.decode("[\"\\x\"]") == nil)
        #expect(JSONStringArray.decode("[null]") == nil)
    }
}
