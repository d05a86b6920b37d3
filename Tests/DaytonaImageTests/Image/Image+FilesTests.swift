import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// addLocalFile / addLocalDir.
///
/// Expected texts are the Python SDK 0.226.1's output for the same
/// calls (run in the same folder), except the D6 cases (marked).
@Suite struct ImageFilesTests {
    @Test func fileWithRemoteFolderGetsItsOwnName() throws {
        let folder = try TestFolder()
        try folder.file("package.json", "{}\n")
        let image = try folder.base().addLocalFile("package.json", remotePath: "/app/")
        #expect(image.dockerfile == "FROM alpine\nCOPY [\"package.json\", \"/app/package.json\"]\n")
        #expect(pairs(image) == [["package.json", "package.json"]])
    }

    @Test func fileArchivePathIsNormalisedAndSourceKeptAsWritten() throws {
        let folder = try TestFolder()
        try folder.file("package.json")
        try folder.folder("src")
        let image = try folder.base().addLocalFile("./src/../package.json", remotePath: "/app/p.json")
        #expect(image.dockerfile == "FROM alpine\nCOPY [\"package.json\", \"/app/p.json\"]\n")
        #expect(pairs(image) == [["./src/../package.json", "package.json"]])
    }

    @Test func absoluteFileLosesItsRootInTheArchive() throws {
        let folder = try TestFolder()
        let file = try folder.file("package.json")
        let image = try folder.base().addLocalFile(file, remotePath: "/app/")
        let archive = String(file.dropFirst())
        #expect(image.dockerfile == "FROM alpine\nCOPY [\"\(archive)\", \"/app/package.json\"]\n")
        #expect(pairs(image) == [[file, archive]])
    }

    @Test func tildeExpandsToTheHomeFolder() throws {
        let folder = try TestFolder()
        try folder.file("home/s.txt")
        let image = try folder.base(in: "").addLocalFile("~/s.txt", remotePath: "/app/")
        let home = folder.url("home")
        #expect(image.dockerfile == "FROM alpine\nCOPY [\"\(home.dropFirst())/s.txt\", \"/app/s.txt\"]\n")
        #expect(pairs(image) == [[home + "/s.txt", String(home.dropFirst()) + "/s.txt"]])
        let dir = try folder.base().addLocalDir("~", remotePath: "/h")
        #expect(pairs(dir) == [[home, String(home.dropFirst())]])
    }

    @Test func tildeExpansionInARecipe() throws {
        let folder = try TestFolder()
        try folder.file("home/s.txt")
        let image = try Image(
            recipeText: "steps:\n- base: alpine\n- add_local_file: ~/s.txt\n  remote_path: /s\n",
            workingDirectory: folder.url("elsewhere"),
            homeDirectory: folder.url("home")
        )
        #expect(pairs(image) == [[folder.url("home/s.txt"), String(folder.url("home/s.txt").dropFirst())]])
    }

    @Test func leadingBackslashesAreStrippedFromTheArchivePath() throws {
        // Python: compute_archive_base_path strips "/" then "\\".
        let folder = try TestFolder()
        try folder.file("\\\\back.txt")
        let image = try folder.base().addLocalFile("\\\\back.txt", remotePath: "/b")
        #expect(pairs(image) == [["\\\\back.txt", "back.txt"]])
        #expect(image.dockerfile == "FROM alpine\nCOPY [\"back.txt\", \"/b\"]\n")
    }

    @Test func copyLinesEscapeNonASCIIAndEmojiAsPythonJSON() throws {
        let folder = try TestFolder()
        try folder.file("é 😀 \"q\".txt")
        let image = try folder.base().addLocalFile("é 😀 \"q\".txt", remotePath: "/d/")
        // Python: json.dumps(["é 😀 \"q\".txt", "/d/é 😀 \"q\".txt"])
        let json = #"["\u00e9 \ud83d\ude00 \"q\".txt", "/d/\u00e9 \ud83d\ude00 \"q\".txt"]"#
        #expect(image.dockerfile == "FROM alpine\nCOPY \(json)\n")
    }

    @Test(arguments: [
        ("../outside/shared.txt", "outside/shared.txt"),
        ("..", ""),
        ("../proj/../outside/shared.txt", "outside/shared.txt"),
    ])
    func pathsAboveTheFolderGetTheirAbsoluteArchivePath(path: String, absoluteTail: String) throws {
        // D6 (the Python SDK's archive path would start with "../").
        let folder = try TestFolder()
        try folder.file("outside/shared.txt")
        try folder.folder("proj")
        let root = String(folder.path.dropFirst())
        let expected = absoluteTail.isEmpty ? root : root + "/" + absoluteTail
        let base = folder.base(in: "proj")
        let image =
            path == ".." ? try base.addLocalDir(path, remotePath: "/r") : try base.addLocalFile(path, remotePath: "/r")
        #expect(pairs(image) == [[path, expected]])
        #expect(image.dockerfile == "FROM alpine\nCOPY [\"\(expected)\", \"/r\"]\n")
    }

    @Test func requirementsAboveTheFolderGetTheirAbsoluteArchivePath() throws {
        // D6
        let folder = try TestFolder()
        try folder.file("outside/requirements.txt")
        try folder.folder("proj")
        let image = try folder.base(in: "proj").pipInstallFromRequirements("../outside/requirements.txt")
        let archive = String(folder.path.dropFirst()) + "/outside/requirements.txt"
        #expect(pairs(image) == [["../outside/requirements.txt", archive]])
        #expect(image.dockerfile.contains("COPY \(archive) /.requirements.txt\n"))
    }

    @Test func pathThatClimbsAndComesBackStaysRelative() throws {
        let folder = try TestFolder()
        try folder.file("proj/a.txt")
        try folder.folder("proj/x")
        let image = try folder.base(in: "proj").addLocalFile("../proj/a.txt", remotePath: "/a")
        // normpath("../proj/a.txt") starts with "..", so D6 applies.
        #expect(pairs(image) == [["../proj/a.txt", String(folder.path.dropFirst()) + "/proj/a.txt"]])
        let inside = try folder.base(in: "proj").addLocalFile("x/../a.txt", remotePath: "/a")
        #expect(pairs(inside) == [["x/../a.txt", "a.txt"]])
    }

    @Test func directoriesAreNormalised() throws {
        let folder = try TestFolder()
        try folder.file("src/sub/b.py")
        let image = try folder.base().addLocalDir("src/", remotePath: "/app/src").addLocalDir(
            "./src//sub/",
            remotePath: "/s"
        )
        #expect(image.dockerfile == "FROM alpine\nCOPY [\"src\", \"/app/src\"]\nCOPY [\"src/sub\", \"/s\"]\n")
        #expect(pairs(image) == [["src/", "src"], ["./src//sub/", "src/sub"]])
    }

    @Test func missingPathsAreNotFound() throws {
        let folder = try TestFolder()
        #expect(
            failure(DaytonaNotFoundError.self) { try folder.base().addLocalFile("missing.txt", remotePath: "/a/") }
                == "Local file missing.txt does not exist"
        )
        #expect(
            failure(DaytonaNotFoundError.self) { try folder.base().addLocalDir("missing", remotePath: "/a") }
                == "Local directory missing does not exist"
        )
    }

    @Test func wrongKindsAreBadRequests() throws {
        let folder = try TestFolder()
        try folder.file("package.json")
        try folder.folder("src")
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.base().addLocalFile("src", remotePath: "/a/") }
                == "Local path src exists but is not a file"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.base().addLocalDir("package.json", remotePath: "/a") }
                == "Local path package.json exists but is not a directory"
        )
    }

    @Test func linksAreFollowedToDecideTheKindAndDanglingOnesAreMissing() throws {
        let folder = try TestFolder()
        try folder.file("real.txt")
        try folder.folder("realdir")
        try folder.link("tofile", to: "real.txt")
        try folder.link("todir", to: "realdir")
        try folder.link("dangling", to: "nowhere")
        #expect(pairs(try folder.base().addLocalFile("tofile", remotePath: "/f")) == [["tofile", "tofile"]])
        #expect(pairs(try folder.base().addLocalDir("todir", remotePath: "/d")) == [["todir", "todir"]])
        #expect(
            failure(DaytonaNotFoundError.self) { try folder.base().addLocalFile("dangling", remotePath: "/f") }
                == "Local file dangling does not exist"
        )
    }
}
