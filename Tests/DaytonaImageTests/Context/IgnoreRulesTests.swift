import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The `.dockerignore` language: BuildKit's documented examples, and `docker build`'s rules as
/// its documentation states them (the Dockerfile reference, "`.dockerignore` file").
@Suite struct IgnoreRulesTests {
    func rules(_ lines: String...) throws -> IgnoreRules {
        try IgnoreRules(lines)
    }

    @Test func theDocumentedExampleFile() throws {
        // "# comment / */temp* / */*/temp* / temp?"
        let rules = try IgnoreRules(dockerignoreText: "# comment\n*/temp*\n*/*/temp*\ntemp?\n", file: ".dockerignore")
        #expect(rules.lines == ["# comment", "*/temp*", "*/*/temp*", "temp?"])
        // */temp*: names starting with temp in any immediate subfolder of the root.
        #expect(rules.excludes("somedir/temporary.txt"))
        #expect(rules.excludes("somedir/temp"))
        #expect(rules.excludes("somedir/temp/inside.txt"))
        // */*/temp*: two levels below the root.
        #expect(rules.excludes("somedir/subdir/temporary.txt"))
        // temp?: one-character extension of temp in the root.
        #expect(rules.excludes("tempa"))
        #expect(rules.excludes("tempb"))
        // Neither excludes anything else.
        #expect(!rules.excludes("temp"))
        #expect(!rules.excludes("tempab"))
        #expect(!rules.excludes("temporary.txt"))
        #expect(!rules.excludes("a/b/c/temporary.txt"))
        #expect(!rules.excludes("# comment"))
    }

    @Test func doubleStarMatchesAnyNumberOfFolders() throws {
        // "**/*.go excludes all files that end with .go found anywhere in the build context."
        let rules = try rules("**/*.go")
        for path in ["main.go", "cmd/main.go", "a/b/c/d.go", ".go"] { #expect(rules.excludes(path), "\(path)") }
        for path in ["main.go.txt", "go", "a/main.gox"] { #expect(!rules.excludes(path), "\(path)") }
        let middle = try self.rules("a/**/b")
        for path in ["a/b", "a/x/b", "a/x/y/b", "a/x/b/inside"] { #expect(middle.excludes(path), "\(path)") }
        for path in ["b", "a/xb", "x/a/b"] { #expect(!middle.excludes(path), "\(path)") }
        let trailing = try self.rules("build/**")
        #expect(trailing.excludes("build/x") && trailing.excludes("build/x/y"))
        #expect(!trailing.excludes("build"))
        #expect(try self.rules("**").excludes("anything/at/all"))
        // BuildKit: ** first, then plain text, matches every path ending with it.
        let suffix = try self.rules("**.pyc")
        #expect(suffix.excludes("a.pyc") && suffix.excludes("x/y/b.pyc") && !suffix.excludes("a.py"))
    }

    @Test func exceptionsAndTheLastMatchingLine() throws {
        // "*.md / !README.md": all markdown files but README.md are excluded.
        let first = try rules("*.md", "!README.md")
        #expect(first.excludes("CHANGES.md"))
        #expect(!first.excludes("README.md"))
        #expect(!first.excludes("docs/other.md"), "* does not cross '/'")
        // "*.md / !README*.md / README-secret.md": no markdown files but README files other than README-secret.md.
        let second = try rules("*.md", "!README*.md", "README-secret.md")
        #expect(second.excludes("CHANGES.md"))
        #expect(!second.excludes("README.md") && !second.excludes("README-public.md"))
        #expect(second.excludes("README-secret.md"))
        // "*.md / README-secret.md / !README*.md": all README files are included.
        let third = try rules("*.md", "README-secret.md", "!README*.md")
        #expect(!third.excludes("README-secret.md") && !third.excludes("README.md"))
        #expect(third.excludes("CHANGES.md"))
        // "*" then exceptions: say what to send instead of what to leave out.
        let allowList = try rules("*", "!src", "!requirements.txt")
        #expect(allowList.excludes("secret.env") && allowList.excludes("node_modules/x"))
        #expect(!allowList.excludes("src") && !allowList.excludes("src/app/main.py"))
        #expect(!allowList.excludes("requirements.txt"))
    }

    @Test func rootRelativeFormsAreTheSamePattern() throws {
        // "/foo/bar and foo/bar both exclude a file or directory named bar in the foo subdirectory."
        for form in [
            "/foo/bar", "foo/bar", "./foo/bar", "foo/bar/", "foo//bar", "foo/./bar", "foo/x/../bar", "  foo/bar\t",
        ] {
            let rules = try rules(form)
            #expect(rules.excludes("foo/bar"), "\(form)")
            #expect(rules.excludes("foo/bar/inside.txt"), "\(form)")
            #expect(!rules.excludes("bar") && !rules.excludes("x/foo/bar") && !rules.excludes("foo"), "\(form)")
        }
        #expect(try rules("!/foo", "/foo").excludes("foo"))
        #expect(!(try rules("/foo", "! /foo/")).excludes("foo"))
    }

    @Test func commentsAreOnlyInColumnOne() throws {
        let rules = try IgnoreRules(
            dockerignoreText: "\u{FEFF}# a comment\n #x\n\n   \nkeep\r\n",
            file: ".dockerignore"
        )
        #expect(!rules.excludes("# a comment"))
        #expect(rules.excludes("#x"), "' #x' is a pattern once trimmed")
        #expect(rules.excludes("keep"), "CRLF line ends")
        #expect(try IgnoreRules(["# only a comment", "", "   "]).isEmpty)
        #expect(try IgnoreRules(dockerignoreText: "", file: "f").isEmpty)
    }

    @Test func globCharacters() throws {
        let rules = try rules("file[0-9].txt", "[^a-c]x", "lit\\*eral", "q?.log", "a]b")
        #expect(rules.excludes("file5.txt") && !rules.excludes("fileA.txt"))
        #expect(rules.excludes("dx") && !rules.excludes("bx") && !rules.excludes("/x"))
        #expect(rules.excludes("lit*eral") && !rules.excludes("litXeral"))
        #expect(rules.excludes("q1.log") && !rules.excludes("q/.log") && !rules.excludes("q12.log"))
        #expect(rules.excludes("a]b"))
        // `?` and classes match one character, not one byte.
        #expect(try self.rules("caf?").excludes("caf\u{e9}"))
        #expect(try self.rules("[\u{e0}-\u{ff}]").excludes("\u{e9}"))
        // Names are compared by their bytes: a decomposed é is another name.
        #expect(!(try self.rules("caf\u{e9}")).excludes("cafe\u{301}"))
    }

    @Test(arguments: [
        ("!", "'!' needs a pattern after it"),
        ("! ", "'!' needs a pattern after it"),
        ("[abc", "a character class is not closed with ']'"),
        ("a[]", "']' cannot start a character class item"),
        ("[z-a]", "runs backwards"),
        ("trailing\\", "it ends with a lone '\\'"),
    ])
    func malformedPatternsAreRefused(pattern: String, reason: String) {
        let message = failure(DaytonaBadRequestError.self) { try IgnoreRules(["ok", pattern]) }
        #expect(message?.hasPrefix("ignore[1]: invalid pattern ") == true, "\(message ?? "")")
        #expect(message?.contains(reason) == true, "\(message ?? "")")
        let fromFile = failure(DaytonaBadRequestError.self) {
            try IgnoreRules(dockerignoreText: "ok\n\(pattern)\n", file: "ctx/.dockerignore")
        }
        #expect(fromFile?.hasPrefix("ctx/.dockerignore: line 2: invalid pattern") == true, "\(fromFile ?? "")")
        #expect(failure(DaytonaBadRequestError.self) { try IgnoreRules(["a\nb"]) }?.contains("line break") == true)
    }

    @Test func aFolderThatIsLeftOutIsEnteredOnlyWhenAnExceptionCanReachInside() throws {
        let rules = try rules("node_modules", "!node_modules/keep", "*.log", "build/**")
        #expect(rules.mayPutBack(below: "node_modules"))
        #expect(!rules.mayPutBack(below: "other"))
        #expect(try self.rules("*", "!**/*.py").mayPutBack(below: "deep/folder"))
        #expect(!(try self.rules("*", "!src/*.py")).mayPutBack(below: "lib"))
        #expect(try self.rules("*", "!src/*.py").mayPutBack(below: "src"))
    }

    @Test func rulesRoundTripThroughCodable() throws {
        let rules = try rules("*.pyc", "!keep.pyc", "# note")
        let data = try JSONEncoder().encode(rules)
        #expect(String(decoding: data, as: UTF8.self) == ##"["*.pyc","!keep.pyc","# note"]"##)
        let decoded = try JSONDecoder().decode(IgnoreRules.self, from: data)
        #expect(decoded == rules && decoded.excludes("a.pyc") && !decoded.excludes("keep.pyc"))
    }
}
