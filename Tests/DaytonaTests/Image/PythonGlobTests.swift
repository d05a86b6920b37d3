import Testing

@testable import Daytona

/// Expected values are Python 3.11's `glob.glob` / `fnmatch` for the same patterns and tree;
/// results come in listing order, so they are compared sorted.
@Suite struct PythonGlobTests {
    static func tree() throws -> TestFolder {
        let folder = try TestFolder()
        for name in ["a.txt", "b.txt", ".h.txt", "weird[1].txt", "sub/s.txt", "sub/t.md", "sub2/s.txt", ".dot/s.txt"] {
            try folder.file(name)
        }
        try folder.link("dangling", to: "nowhere")
        return folder
    }

    func glob(_ folder: TestFolder, _ pattern: String) -> [String] {
        PythonGlob(workingDirectory: folder.path).matches(pattern).sorted()
    }

    @Test func starSkipsDotFilesUnlessThePatternStartsWithADot() throws {
        let folder = try Self.tree()
        #expect(glob(folder, "*.txt") == ["a.txt", "b.txt", "weird[1].txt"])
        #expect(glob(folder, ".*.txt") == [".h.txt"])
        #expect(glob(folder, "*") == ["a.txt", "b.txt", "dangling", "sub", "sub2", "weird[1].txt"])
    }

    @Test func wildcardsInFoldersAndDoubleStarIsAPlainStar() throws {
        let folder = try Self.tree()
        #expect(glob(folder, "*/s.txt") == ["sub/s.txt", "sub2/s.txt"])
        #expect(glob(folder, "**/s.txt") == ["sub/s.txt", "sub2/s.txt"])
        #expect(glob(folder, "sub?/*") == ["sub2/s.txt"])
        #expect(glob(folder, "*/") == ["sub/", "sub2/"])
    }

    @Test func bracketsArePatterns() throws {
        let folder = try Self.tree()
        #expect(glob(folder, "weird[1].txt") == [])
        #expect(glob(folder, "weird[[]1].txt") == ["weird[1].txt"])
        #expect(glob(folder, "[a-b].txt") == ["a.txt", "b.txt"])
        #expect(glob(folder, "[!a].txt") == ["b.txt"])
        #expect(glob(folder, "s[!x]b") == ["sub"])
        #expect(glob(folder, "weird[1") == [])
    }

    @Test func literalPatternsMatchWhatExistsEvenDanglingLinks() throws {
        let folder = try Self.tree()
        #expect(glob(folder, "a.txt") == ["a.txt"])
        #expect(glob(folder, "missing") == [])
        #expect(glob(folder, "dangling") == ["dangling"])
        #expect(glob(folder, "sub/") == ["sub/"])
        #expect(glob(folder, "a.txt/") == [])
        #expect(
            glob(folder, folder.url("*.txt")) == [folder.url("a.txt"), folder.url("b.txt"), folder.url("weird[1].txt")]
        )
    }

    @Test(arguments: [
        ("*", "", true), ("*", ".x", true), ("a*b", "ab", true), ("a*b", "acb", true), ("a*b", "acbd", false),
        ("?", "é", true), ("?", "e\u{301}", false), ("[z-a]", "m", false), ("[]]", "]", true), ("[!]]", "a", true),
        ("a[", "a[", true), ("*a*a*a", "aaaa", true), ("[a-]", "-", true),
    ])
    func wildcardPatternMatchesLikeFnmatchcase(pattern: String, name: String, matches: Bool) {
        #expect(WildcardPattern(pattern).matches(name) == matches)
    }

    @Test func hasMagic() {
        #expect(PythonGlob.hasMagic("a*") && PythonGlob.hasMagic("a?") && PythonGlob.hasMagic("a["))
        #expect(!PythonGlob.hasMagic("a]b{c}"))
    }
}
