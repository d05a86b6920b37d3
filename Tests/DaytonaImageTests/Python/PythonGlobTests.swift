import DaytonaTestSupport
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

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

    func glob(_ folder: TestFolder, _ pattern: String) throws -> [String] {
        try PythonGlob(workingDirectory: folder.path).matches(pattern).sorted()
    }

    @Test func starSkipsDotFilesUnlessThePatternStartsWithADot() throws {
        let folder = try Self.tree()
        #expect(try glob(folder, "*.txt") == ["a.txt", "b.txt", "weird[1].txt"])
        #expect(try glob(folder, ".*.txt") == [".h.txt"])
        #expect(try glob(folder, "*") == ["a.txt", "b.txt", "dangling", "sub", "sub2", "weird[1].txt"])
    }

    @Test func wildcardsInFoldersAndDoubleStarIsAPlainStar() throws {
        let folder = try Self.tree()
        #expect(try glob(folder, "*/s.txt") == ["sub/s.txt", "sub2/s.txt"])
        #expect(try glob(folder, "**/s.txt") == ["sub/s.txt", "sub2/s.txt"])
        #expect(try glob(folder, "sub?/*") == ["sub2/s.txt"])
        #expect(try glob(folder, "*/") == ["sub/", "sub2/"])
    }

    @Test func bracketsArePatterns() throws {
        let folder = try Self.tree()
        #expect(try glob(folder, "weird[1].txt") == [])
        #expect(try glob(folder, "weird[[]1].txt") == ["weird[1].txt"])
        #expect(try glob(folder, "[a-b].txt") == ["a.txt", "b.txt"])
        #expect(try glob(folder, "[!a].txt") == ["b.txt"])
        #expect(try glob(folder, "s[!x]b") == ["sub"])
        #expect(try glob(folder, "weird[1") == [])
    }

    @Test func literalPatternsMatchWhatExistsEvenDanglingLinks() throws {
        let folder = try Self.tree()
        #expect(try glob(folder, "a.txt") == ["a.txt"])
        #expect(try glob(folder, "missing") == [])
        #expect(try glob(folder, "dangling") == ["dangling"])
        #expect(try glob(folder, "sub/") == ["sub/"])
        #expect(try glob(folder, "a.txt/") == [])
        #expect(
            try glob(folder, folder.url("*.txt")) == [
                folder.url("a.txt"), folder.url("b.txt"), folder.url("weird[1].txt"),
            ]
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

    @Test func aFolderWithANameThatIsNotUTF8IsAnErrorNotASilentMiss() throws {
        let folder = try Self.tree()
        // A shell makes the name: Foundation cannot spell bytes that are not UTF-8.
        let shell = try #require(TestTools.find("sh"))
        let made = try TestTools.run(shell, ["-c", "touch \"$(printf 'bad\\377.txt')\""], directory: folder.path)
        try #require(made.status == 0)
        let error = #expect(throws: DaytonaBadRequestError.self) { try glob(folder, "*.txt") }
        #expect(error?.message.contains("is not valid UTF-8") == true, "\(error?.message ?? "")")
    }
}
