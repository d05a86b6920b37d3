import ArgumentParser
import Foundation
import Testing

@testable import Daytona
@testable import DaytonaCLI

/// `daytona-swift image dockerfile|contexts`, parsed from real argument lists.
@Suite struct ImageCommandTests {
    final class Fixture: @unchecked Sendable {
        let root: String

        init() throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("daytona-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            root = url.resolvingSymlinksInPath().path
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        @discardableResult
        func write(_ relative: String, _ text: String) throws -> String {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    static let recipe = """
        steps:
          - base: alpine
          - add_local_file: "data dir/é.txt"
            remote_path: /d/
          - add_local_dir: src
            remote_path: /src
          - env: {B: "x y", A: "1"}
          - cmd: [sh, "say \\"hi\\""]
        """

    func fixture() throws -> (Fixture, String) {
        let fixture = try Fixture()
        try fixture.write("proj/data dir/é.txt", "x")
        try fixture.write("proj/src/main.py", "print(1)\n")
        let recipe = try fixture.write("proj/image.recipe.yaml", Self.recipe)
        return (fixture, recipe)
    }

    @Test func dockerfileCommandRendersTheRecipe() throws {
        let (fixture, recipe) = try fixture()
        _ = fixture
        let command = try DaytonaCommand.parseAsRoot(["image", "dockerfile", recipe])
        let dockerfile = try #require(command as? ImageCommand.Dockerfile)
        #expect(dockerfile.recipe == recipe)
        // Python SDK for the same calls, except the CMD line (D1).
        #expect(
            try dockerfile.render()
                == "FROM alpine\nCOPY [\"data dir/\\u00e9.txt\", \"/d/\\u00e9.txt\"]\nCOPY [\"src\", \"/src\"]\n"
                + "ENV B='x y'\nENV A=1\nCMD [\"sh\", \"say \\\"hi\\\"\"]\n"
        )
    }

    @Test func contextsCommandRendersJSON() throws {
        let (fixture, recipe) = try fixture()
        _ = fixture
        let command = try DaytonaCommand.parseAsRoot(["image", "contexts", recipe])
        let contexts = try #require(command as? ImageCommand.Contexts)
        let text = try contexts.render()
        #expect(text.hasSuffix("\n"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
        #expect(
            parsed == [
                ["source_path": "data dir/é.txt", "archive_path": "data dir/é.txt"],
                ["source_path": "src", "archive_path": "src"],
            ]
        )
        #expect(parsed.allSatisfy { Set($0.keys) == ["source_path", "archive_path"] })
    }

    @Test func contextsOfARecipeWithoutContextsIsAnEmptyArray() throws {
        let fixture = try Fixture()
        let recipe = try fixture.write("r.yaml", "steps:\n- base: alpine\n")
        let command = try #require(
            try DaytonaCommand.parseAsRoot(["image", "contexts", recipe]) as? ImageCommand.Contexts
        )
        #expect(try command.render() == "[]\n")
    }

    @Test func contextListJSONEscapesAndIncludesHashes() {
        let entry = ContextListJSON.Entry(
            context: Context(sourcePath: "a \"q\"\n", archivePath: nil, workingDirectory: "/"),
            hash: "00ff"
        )
        #expect(
            ContextListJSON.render([entry])
                == "[\n  {\"source_path\": \"a \\\"q\\\"\\n\", \"archive_path\": null, \"hash\": \"00ff\"}\n]\n"
        )
    }

    @Test func contextListJSONCarriesTheArchiveAfterTheHash() {
        let entry = ContextListJSON.Entry(
            context: Context(sourcePath: "src", archivePath: "app", workingDirectory: "/"),
            hash: "00ff",
            archive: "out/00ff/context.tar"
        )
        #expect(
            ContextListJSON.render([entry])
                == "[\n  {\"source_path\": \"src\", \"archive_path\": \"app\", \"hash\": \"00ff\", "
                + "\"archive\": \"out/00ff/context.tar\"}\n]\n"
        )
    }

    @Test func renderFailsWithTheLibraryError() throws {
        let fixture = try Fixture()
        let recipe = try fixture.write("bad.yaml", "steps:\n- base: alpine\n- workdir: 5\n")
        let command = try #require(
            try DaytonaCommand.parseAsRoot(["image", "dockerfile", recipe]) as? ImageCommand.Dockerfile
        )
        #expect(throws: DaytonaBadRequestError.self) { try command.render() }
        let missing = try #require(
            try DaytonaCommand.parseAsRoot(["image", "contexts", fixture.root + "/nope.yaml"]) as? ImageCommand.Contexts
        )
        #expect(throws: DaytonaNotFoundError.self) { try missing.render() }
    }

    @Test func helpMentionsTheRecipeArgument() {
        let dockerfileHelp = DaytonaCommand.helpMessage(for: ImageCommand.Dockerfile.self)
        #expect(dockerfileHelp.contains("<recipe>"))
        #expect(dockerfileHelp.contains("A YAML or JSON recipe file."))
        #expect(dockerfileHelp.contains("Print the Dockerfile of an image recipe."))
        let contextsHelp = DaytonaCommand.helpMessage(for: ImageCommand.Contexts.self)
        #expect(contextsHelp.contains("<recipe>"))
        let imageHelp = DaytonaCommand.helpMessage(for: ImageCommand.self)
        #expect(imageHelp.contains("dockerfile") && imageHelp.contains("contexts"))
    }

    @Test(arguments: [
        ["image", "dockerfile"],
        ["image", "contexts"],
        ["image", "dockerfile", "a.yaml", "b.yaml"],
        ["image", "dockerfile", "--bogus", "a.yaml"],
        ["image", "nope", "a.yaml"],
    ])
    func usageErrorsAreRejected(arguments: [String]) {
        #expect(throws: (any Error).self) { try DaytonaCommand.parseAsRoot(arguments) }
        do {
            _ = try DaytonaCommand.parseAsRoot(arguments)
        } catch {
            #expect(DaytonaCommand.exitCode(for: error) != .success)
            #expect(!DaytonaCommand.fullMessage(for: error).isEmpty)
        }
    }

    @Test func helpFlagIsNotAFailure() {
        do {
            // ArgumentParser hands back its help command instead of throwing.
            let command = try DaytonaCommand.parseAsRoot(["image", "dockerfile", "--help"])
            #expect(!(command is ImageCommand.Dockerfile))
        } catch {
            #expect(DaytonaCommand.exitCode(for: error) == .success)
            #expect(DaytonaCommand.fullMessage(for: error).contains("<recipe>"))
        }
    }
}
