import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// Where ignore rules come from: `addLocalDir(_:remotePath:ignoring:)` (recipe `ignore:`), and
/// the `.dockerignore` of the context folder of `fromDockerfile` and `dockerfileCommands`.
@Suite struct ImageIgnoreTests {
    func members(_ context: Context) throws -> [String] {
        var names: [String] = []
        try ContextWalk(fileSystem: LocalFileSystem()).visit(root: context.absoluteSourcePath, ignore: context.ignore) {
            names.append($0.relativePath)
        }
        return names
    }

    @Test func addLocalDirTakesExplicitPatternsOnly() throws {
        let folder = try TestFolder()
        try folder.file("app/main.py")
        try folder.file("app/.git/HEAD")
        try folder.file("app/cache/x.pyc")
        try folder.file("app/.dockerignore", "main.py\n")
        let image = try folder.base().addLocalDir("app", remotePath: "/app", ignoring: [".git", "**/*.pyc"])
        let plain = try folder.base().addLocalDir("app", remotePath: "/app")
        // The Dockerfile and the context list are those without rules.
        #expect(image.dockerfile == plain.dockerfile)
        #expect(pairs(image) == pairs(plain))
        #expect(image.contextList[0].ignore?.rules.lines == [".git", "**/*.pyc"])
        #expect(plain.contextList[0].ignore == nil)
        // The folder's own .dockerignore is an ordinary file.
        #expect(try members(image.contextList[0]) == ["", ".dockerignore", "cache", "main.py"])
        #expect(try image.contextList[0].hash() != plain.contextList[0].hash())
        // No pattern at all (only comments): no rule.
        let commented = try folder.base().addLocalDir("app", remotePath: "/app", ignoring: ["# nothing"])
        #expect(commented.contextList[0].ignore == nil)
        #expect(commented == plain)
    }

    @Test func aMalformedPatternIsRefusedBeforeAnythingIsAdded() throws {
        let folder = try TestFolder()
        try folder.file("app/main.py")
        let message = failure(DaytonaBadRequestError.self) {
            try folder.base().addLocalDir("app", remotePath: "/app", ignoring: ["ok", "["])
        }
        #expect(message == "ignore[1]: invalid pattern '[': a character class is not closed with ']'")
    }

    @Test func recipesTakeIgnoreOnAddLocalDir() throws {
        let folder = try TestFolder()
        try folder.file("app/main.py")
        try folder.file("app/secret.env")
        let recipe =
            "steps:\n- base: alpine\n- add_local_dir: app\n  remote_path: /app\n  ignore: ['*.env', '!keep.env']\n"
        let image = try Image(recipeText: recipe, workingDirectory: folder.path, homeDirectory: folder.url("home"))
        #expect(image == (try folder.base().addLocalDir("app", remotePath: "/app", ignoring: ["*.env", "!keep.env"])))
        #expect(try members(image.contextList[0]) == ["", "main.py"])
        let wrongType = failure(DaytonaBadRequestError.self) {
            try Image(
                recipeText: "steps:\n- base: a\n- add_local_dir: app\n  remote_path: /a\n  ignore: '*.env'\n",
                workingDirectory: folder.path
            )
        }
        #expect(wrongType == "steps[1] (add_local_dir): 'ignore' must be a list of strings, not the string '*.env'")
        let bad = try #require(throws: DaytonaBadRequestError.self) {
            try Image(
                recipeText: "steps:\n- base: a\n- add_local_dir: app\n  remote_path: /a\n  ignore: [x, '!']\n",
                workingDirectory: folder.path
            )
        }
        #expect(bad.message == "steps[1] (add_local_dir): ignore[1]: invalid pattern '!': '!' needs a pattern after it")
        #expect(bad.location.stepIndex == 1 && bad.location.key == "ignore[1]")
        let unknown = failure(DaytonaBadRequestError.self) {
            try Image(
                recipeText: "steps:\n- base: a\n- add_local_file: f\n  remote_path: /a\n  ignore: [x]\n",
                workingDirectory: folder.path
            )
        }
        #expect(unknown == "steps[1] (add_local_file): unknown key 'ignore' (expected one of remote_path)")
    }

    @Test func fromDockerfileHonoursTheContextFoldersDockerignore() throws {
        let folder = try TestFolder()
        try folder.file("proj/Dockerfile", "FROM a\nCOPY . /app\nCOPY *.txt /txt/\nCOPY lib /lib\n")
        try folder.file("proj/.dockerignore", "# leave out\nsecret.txt\n**/*.pyc\nnode_modules\n!node_modules/keep\n")
        try folder.file("proj/a.txt")
        try folder.file("proj/secret.txt")
        try folder.file("proj/lib/util.py")
        try folder.file("proj/lib/util.pyc")
        try folder.file("proj/node_modules/x/index.js")
        try folder.file("proj/node_modules/keep/index.js")
        let image = try folder.fromDockerfile("proj/Dockerfile")
        // The context list is the Python SDK's (each glob match, kept as a context)…
        #expect(
            sortedPairs(image) == [
                ["proj/.", "."], ["proj/a.txt", "a.txt"], ["proj/lib", "lib"], ["proj/secret.txt", "secret.txt"],
            ]
        )
        let byArchive = Dictionary(uniqueKeysWithValues: image.contextList.map { ($0.archivePath ?? "", $0) })
        // …and each holds only what the rules keep, judged from the context folder.
        #expect(
            try members(try #require(byArchive["."]))
                == [
                    "", ".dockerignore", "Dockerfile", "a.txt", "lib", "lib/util.py", "node_modules",
                    "node_modules/keep", "node_modules/keep/index.js",
                ]
        )
        #expect(try members(try #require(byArchive["secret.txt"])) == [])
        #expect(try members(try #require(byArchive["lib"])) == ["", "util.py"])
        #expect(byArchive["lib"]?.ignore?.rootPath == "lib")
        #expect(byArchive["lib"]?.ignore?.file == "proj/.dockerignore")
    }

    @Test func aDockerfileSpecificIgnoreFileTakesPrecedence() throws {
        let folder = try TestFolder()
        try folder.file("d/build.Dockerfile", "FROM a\nCOPY . /app\n")
        try folder.file("d/build.Dockerfile.dockerignore", "b.txt\n")
        try folder.file("d/.dockerignore", "a.txt\n")
        try folder.file("d/a.txt")
        try folder.file("d/b.txt")
        let image = try folder.fromDockerfile("d/build.Dockerfile")
        let names = try members(image.contextList[0])
        #expect(names.contains("a.txt") && !names.contains("b.txt"))
        #expect(image.contextList[0].ignore?.file == "d/build.Dockerfile.dockerignore")
        // The Dockerfile itself and the ignore files are sent unless a rule says otherwise.
        #expect(names.contains("build.Dockerfile") && names.contains(".dockerignore"))
    }

    @Test func dockerfileCommandsHonourTheContextDirsDockerignore() throws {
        let folder = try TestFolder()
        try folder.file("ctx/web/site.css")
        try folder.file("ctx/web/site.css.map")
        try folder.file("ctx/.dockerignore", "**/*.map\n")
        let image = try folder.base().dockerfileCommands(["COPY web /srv/www"], contextDir: "ctx")
        #expect(pairs(image) == [["ctx/web", "/web"]])
        #expect(try members(image.contextList[0]) == ["", "site.css"])
        // `Dockerfile.dockerignore` in the context folder wins, as for a Dockerfile named Dockerfile.
        try folder.file("ctx/Dockerfile.dockerignore", "web/site.css\n")
        let specific = try folder.base().dockerfileCommands(["COPY web /srv/www"], contextDir: "ctx")
        #expect(try members(specific.contextList[0]) == ["", "site.css.map"])
        // Without a context_dir the working folder is the context folder.
        try folder.file(".dockerignore", "ctx/web/*.css\n")
        let here = try folder.base().dockerfileCommands(["COPY ctx/web /srv/www"])
        #expect(try members(here.contextList[0]) == ["", "site.css.map"])
    }

    @Test func sourcesOutsideTheContextFolderAreNotJudgedByItsRules() throws {
        let folder = try TestFolder()
        try folder.file("ctx/.dockerignore", "*\n")
        try folder.file("shared/x.txt")
        let image = try folder.base().dockerfileCommands(["COPY ../shared /s"], contextDir: "ctx")
        #expect(image.contextList[0].ignore == nil)
        #expect(try members(image.contextList[0]) == ["", "x.txt"])
    }

    @Test func withoutAnIgnoreFileNothingChanges() throws {
        let folder = try TestFolder()
        try folder.file("ctx/a.txt")
        try folder.file("ctx/.dockerignore", "# only comments\n\n")
        let image = try folder.base().dockerfileCommands(["COPY a.txt /a"], contextDir: "ctx")
        #expect(image.contextList.allSatisfy { $0.ignore == nil })
        #expect(
            image.contextList == [
                Context(sourcePath: "ctx/a.txt", archivePath: "/a.txt", workingDirectory: folder.path)
            ]
        )
    }

    @Test func brokenIgnoreFilesAreBadRequests() throws {
        let folder = try TestFolder()
        try folder.file("bad/Dockerfile", "FROM a\nCOPY x /x\n")
        try folder.file("bad/.dockerignore", "ok\n[\n")
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.fromDockerfile("bad/Dockerfile") }
                == "bad/.dockerignore: line 2: invalid pattern '[': a character class is not closed with ']'"
        )
        try folder.file("dir/Dockerfile", "FROM a\nCOPY x /x\n")
        try folder.folder("dir/.dockerignore")
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.fromDockerfile("dir/Dockerfile") }
                == "Ignore file dir/.dockerignore exists but is not a file"
        )
        try folder.file("latin/Dockerfile", "FROM a\nCOPY x /x\n")
        try folder.bytes("latin/.dockerignore", [0xE9, 0x0A])
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.fromDockerfile("latin/Dockerfile") }
                == "Ignore file latin/.dockerignore is not UTF-8 text"
        )
    }
}
