import Testing

@testable import DaytonaImage
@testable import DaytonaSystem

/// Expected values are Python 3.11's `posixpath` / `pathlib.PurePosixPath` for the same inputs.
@Suite struct PythonPathTests {
    @Test(arguments: [
        ("", "."), (".", "."), ("/", "/"), ("//", "//"), ("///", "/"), ("a/./b", "a/b"), ("a/../../b", "../b"),
        ("/../a", "/a"), ("//a//b/", "//a/b"), ("./", "."), ("a/b/..", "a"), ("../..", "../.."),
        ("/a/b/../../..", "/"), ("a//b", "a/b"),
    ])
    func normalizeMatchesNormpath(path: String, normalized: String) {
        #expect(PythonPath.normalize(path) == normalized)
    }

    @Test(arguments: [
        ("a/b", "a", "b"), ("a/", "a", ""), ("/", "/", ""), ("//a", "//", "a"), ("a", "", "a"), ("/a//b", "/a", "b"),
        ("a//b", "a", "b"),
    ])
    func splitMatchesPosixpathSplit(path: String, head: String, tail: String) {
        let result = PythonPath.split(path)
        #expect(result.head == head)
        #expect(result.tail == tail)
    }

    @Test(arguments: [
        ("a//b/./c/", "a/b/c", "c"), (".", ".", ""), ("", ".", ""), ("./a", "a", "a"), ("//x", "//x", "x"),
        ("///x", "/x", "x"), ("a/..", "a/..", ".."), ("/", "/", ""),
    ])
    func pathlibFormAndName(path: String, form: String, name: String) {
        #expect(PythonPath.pathlibForm(path) == form)
        #expect(PythonPath.name(path) == name)
    }

    @Test func expandUserFollowsExpanduser() {
        #expect(PythonPath.expandUser("~", home: "/h") == "/h")
        #expect(PythonPath.expandUser("~/a", home: "/h/") == "/h/a")
        #expect(PythonPath.expandUser("a/~", home: "/h") == "a/~")
        #expect(PythonPath.expandUser("~/a", home: "/") == "/a")
        #expect(PythonPath.expandUser("~", home: "") == "/")
        // Python strips every trailing slash of the home folder (`userhome.rstrip(sep)`).
        #expect(PythonPath.expandUser("~/a", home: "/h//") == "/h/a")
        #expect(PythonPath.expandUser("~", home: "/h//") == "/h")
        #expect(PythonPath.expandUser("~/a", home: "//") == "/a")
        #expect(PythonPath.expandUser("~", home: "//") == "/")
        #expect(PythonPath.expandUser("~no-such-user-\u{1F600}/x", home: "/h") == "~no-such-user-\u{1F600}/x")
        #expect(
            PythonPath.expandUser("~root/x", home: "/h") == (LocalFileSystem.homeDirectory(ofUser: "root") ?? "~root")
                + "/x"
        )
    }

    @Test func joinAbsoluteAndRelative() {
        #expect(PythonPath.join("a", "b") == "a/b")
        #expect(PythonPath.join("a/", "b") == "a/b")
        #expect(PythonPath.join("a", "/b") == "/b")
        #expect(PythonPath.join("", "b") == "b")
        #expect(PythonPath.absolute("../x", workingDirectory: "/w/p") == "/w/x")
        #expect(PythonPath.absolute("/a/./b", workingDirectory: "/w") == "/a/b")
        #expect(PythonPath.relative("/a/b/c", to: "/a/x") == "../b/c")
        #expect(PythonPath.relative("/a", to: "/a") == ".")
    }

    @Test func archivePathDropsRootAndBackslashesAndClimbsToAbsolute() {
        let paths = PathEnvironment(workingDirectory: "/root/proj", homeDirectory: "/h")
        #expect(paths.archivePath(for: "/abs//x/") == "abs/x")
        #expect(paths.archivePath(for: "\\\\x") == "x")
        #expect(paths.archivePath(for: "./a/../b") == "b")
        #expect(paths.archivePath(for: "../o/f") == "root/o/f")  // D6
        #expect(paths.archivePath(for: "..") == "root")  // D6
        #expect(paths.archivePath(for: "...") == "...")
        #expect(PathEnvironment.pythonArchivePath("//a") == "a")
    }
}
