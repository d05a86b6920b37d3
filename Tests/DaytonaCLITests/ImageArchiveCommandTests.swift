import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaCLI

@Suite struct ImageArchiveCommandTests {
    static func project() throws -> String {
        let root = try TestTools.temporaryFolder("cli-archive")
        try TestTools.write(root + "/src/main.py", "print('hi')\n")
        try TestTools.write(root + "/src/pkg/mod.py", "x = 1\n")
        try TestTools.write(root + "/setup.cfg", "[metadata]\n")
        try TestTools.write(
            root + "/recipe.yaml",
            """
            steps:
              - base: python:3.12
              - add_local_dir: src
                remote_path: /app/src
              - add_local_file: setup.cfg
                remote_path: /app/
            """
        )
        try TestTools.write(
            root + "/one.yaml",
            """
            steps:
              - base: python:3.12
              - add_local_file: setup.cfg
                remote_path: /app/setup.cfg
            """
        )
        return root
    }

    @Test func contextsWithHashAddsA32HexDigitHashToEachObject() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for scheme in ["python", "stable"] {
            let parsed = try DaytonaCommand.parseAsRoot(["image", "contexts", root + "/recipe.yaml", "--hash", scheme])
            let command = try #require(parsed as? ImageCommand.Contexts)
            let objects = try #require(
                try JSONSerialization.jsonObject(with: Data(command.render().utf8)) as? [[String: String]]
            )
            #expect(objects.count == 2)
            for object in objects {
                #expect(Set(object.keys) == ["source_path", "archive_path", "hash"])
                #expect(object["hash"]?.count == 32)
            }
        }
        let pythonFile = try #require(
            DaytonaCommand.parseAsRoot(["image", "contexts", root + "/one.yaml", "--hash", "python"])
                as? ImageCommand.Contexts
        )
        // hashlib.md5(b"setup.cfg[metadata]\n").hexdigest()
        #expect(try pythonFile.render().contains("\"hash\": \"dde02e36a0d5232cfd8fd742a477568f\""))
    }

    @Test func anUnknownHashSchemeIsAUsageError() {
        #expect(throws: (any Error).self) {
            try DaytonaCommand.parseAsRoot(["image", "contexts", "r.yaml", "--hash", "sha1"])
        }
    }

    @Test func archiveWritesHashNamedTarsAndPrintsTheManifest() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let parsed = try DaytonaCommand.parseAsRoot(["image", "archive", root + "/recipe.yaml", root + "/out"])
        let command = try #require(parsed as? ImageCommand.Archive)
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(command.render().utf8)) as? [[String: String]]
        )
        #expect(manifest.count == 2)
        for entry in manifest {
            let hash = try #require(entry["hash"])
            #expect(entry["archive"] == root + "/out/\(hash)/context.tar")
            #expect(FileManager.default.fileExists(atPath: root + "/out/\(hash)/context.tar"))
        }
        guard let tar = TestTools.find("tar"), let path = manifest.first?["archive"] else { return }
        let listing = try TestTools.run(tar, ["-tf", path]).output
        #expect(listing == "src/\nsrc/main.py\nsrc/pkg/\nsrc/pkg/mod.py\n")
    }

    @Test func archiveNeedsEitherAFolderOrStdout() {
        #expect(throws: (any Error).self) { try DaytonaCommand.parseAsRoot(["image", "archive", "r.yaml"]) }
        #expect(throws: (any Error).self) {
            try DaytonaCommand.parseAsRoot(["image", "archive", "r.yaml", "out", "--stdout"])
        }
    }

    @Test func exportWritesTheDockerfileAndTheContexts() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let parsed = try DaytonaCommand.parseAsRoot(["image", "export", root + "/recipe.yaml", root + "/build"])
        let command = try #require(parsed as? ImageCommand.Export)
        #expect(try command.render() == root + "/build\n")
        let dockerfile = try String(contentsOfFile: root + "/build/Dockerfile", encoding: .utf8)
        #expect(dockerfile.hasPrefix("FROM python:3.12\n"))
        #expect(FileManager.default.contents(atPath: root + "/build/src/pkg/mod.py") == Data("x = 1\n".utf8))
        #expect(FileManager.default.contents(atPath: root + "/build/setup.cfg") == Data("[metadata]\n".utf8))
    }

    @Test func theArchiveManifestIsTheContextListWithHashesAndArchives() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let archive = try #require(
            DaytonaCommand.parseAsRoot(["image", "archive", root + "/recipe.yaml", root + "/out"])
                as? ImageCommand.Archive
        )
        let contexts = try #require(
            DaytonaCommand.parseAsRoot(["image", "contexts", root + "/recipe.yaml", "--hash", "stable"])
                as? ImageCommand.Contexts
        )
        let manifest = try archive.render()
        let listed = try contexts.render()
        // The manifest is the hashed context list, each object with "archive" added at its end.
        let manifestLines = manifest.split(separator: "\n")
        let listedLines = listed.split(separator: "\n")
        #expect(manifestLines.count == listedLines.count)
        for (withArchive, plain) in zip(manifestLines, listedLines) where plain.hasSuffix("}") || plain.hasSuffix("},")
        {
            let head = plain.hasSuffix(",") ? plain.dropLast(2) : plain.dropLast()
            #expect(withArchive.hasPrefix(head + ", \"archive\": \"" + root + "/out/"))
        }
    }

    @Test func exportRefusesAContextThatBringsItsOwnDockerfileAndLeavesNothing() throws {
        let root = try TestTools.temporaryFolder("cli-export-dockerfile")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try TestTools.write(root + "/project/Dockerfile", "FROM mine\n")
        try TestTools.write(root + "/project/app.py", "print(1)\n")
        try TestTools.write(
            root + "/project/recipe.yaml",
            "steps:\n  - base: python:3.12\n  - add_local_dir: .\n    remote_path: /app\n"
        )
        let command = try #require(
            DaytonaCommand.parseAsRoot(["image", "export", root + "/project/recipe.yaml", root + "/build"])
                as? ImageCommand.Export
        )
        let error = try #require(throws: (any Error).self) { try command.render() }
        #expect("\(error)".contains("Dockerfile"))
        #expect(!FileManager.default.fileExists(atPath: root + "/build"))
    }

    @Test func buildParsesItsOptions() throws {
        let parsed = try DaytonaCommand.parseAsRoot([
            "image", "build", "r.yaml", "--tag", "x:1", "--builder", "buildah", "--builder-arg", "--layers",
            "--builder-arg=--pull=never",
        ])
        let command = try #require(parsed as? ImageCommand.Build)
        #expect(command.tag == "x:1")
        #expect(command.builder == .buildah)
        #expect(command.builderArg == ["--layers", "--pull=never"])
        #expect(
            LocalImageBuilder.buildah.arguments(tag: "x:1", extra: ["--layers"], folder: "/b")
                == ["bud", "--tag", "x:1", "--layers", "/b"]
        )
    }

    @Test func buildWithoutABuilderSaysHowToGetOne() {
        let error = #expect(throws: CLIError.self) {
            try LocalImageBuilder.find(nil, environment: ["PATH": "/nonexistent"])
        }
        #expect(error?.message.contains("apt-get install buildah") == true)
    }
}
