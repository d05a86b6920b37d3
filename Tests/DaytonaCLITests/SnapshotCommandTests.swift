import Daytona
import DaytonaTestSupport
import Foundation
import Testing

/// `daytona-swift snapshot …` and `sandbox create --recipe` through the real binary.
@Suite struct SnapshotCommandTests {
    let server: DaytonaTestServer

    init() async throws { server = try await DaytonaTestServer() }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try TestTools.run(
            SandboxCommandTests.tool,
            arguments,
            environment: [
                "DAYTONA_API_KEY": server.apiKey, "DAYTONA_API_URL": server.apiURL.absoluteString,
                "DAYTONA_JWT_TOKEN": "", "DAYTONA_TARGET": "",
                // Tests leave the user's context-hash cache alone.
                "DAYTONA_CONTEXT_HASH_CACHE": "off",
            ]
        )
    }

    @Test func createPrintsTheNameOnceActiveWithTheLogOnStandardError() throws {
        let folder = try TestTools.temporaryFolder("snapshot-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestTools.write(
            folder + "/recipe.yaml",
            "steps:\n  - base: alpine\n  - run_commands: ['echo from-the-recipe']\n"
        )
        let created = try run([
            "snapshot", "create", "cli-snap", folder + "/recipe.yaml", "--entrypoint", "sleep", "--entrypoint",
            "infinity",
        ])
        #expect(created.status == 0, "\(created.error)")
        #expect(created.output == "cli-snap\n")
        #expect(created.error.contains("echo from-the-recipe"))

        let listed = try run(["snapshot", "list"])
        #expect(listed.output.contains("\tcli-snap\tactive\n"))
        let json = try JSONValue(jsonBytes: Array(try run(["snapshot", "get", "cli-snap", "--json"]).output.utf8))
        #expect(json["name"] == "cli-snap" && json["state"] == "active")
        #expect(try run(["snapshot", "delete", "cli-snap"]).status == 0)

        let sandbox = try run(["sandbox", "create", "--recipe", folder + "/recipe.yaml", "--name", "from-recipe"])
        #expect(sandbox.status == 0, "\(sandbox.error)")
        #expect(try run(["sandbox", "get", "from-recipe"]).output.hasSuffix("\tfrom-recipe\tstarted\n"))
    }

    @Test func aFailedBuildIsOneErrorLineAndNoName() throws {
        let folder = try TestTools.temporaryFolder("snapshot-fail")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestTools.write(folder + "/recipe.yaml", "steps:\n  - base: alpine\n  - run_commands: ['exit 1']\n")
        let failed = try run(["snapshot", "create", "bad-snap", folder + "/recipe.yaml"])
        #expect(failed.status != 0 && failed.output.isEmpty)
        #expect(failed.error.contains("error: Failed to create snapshot bad-snap, reason: "))
    }
}
