import Daytona
import DaytonaTestSupport
import Foundation
import Testing

/// `daytona-swift sandbox …` through the real binary, against the test server, as
/// `shared/docs/sandbox-cli.md` states it.
@Suite struct SandboxCommandTests {
    let server: DaytonaTestServer

    init() async throws { server = try await DaytonaTestServer() }

    /// The built tool, beside the test bundle (`swift build --build-tests` and `swift test` build it).
    static var tool: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = beside.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("daytona-swift").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return DaytonaTestServer.repositoryRoot.appendingPathComponent(".build/debug/daytona-swift").path
    }

    private func run(
        _ arguments: [String],
        key: String? = nil,
        standardInput: String? = nil
    ) throws -> (status: Int32, output: String, error: String) {
        try TestTools.run(
            Self.tool,
            arguments,
            environment: [
                "DAYTONA_API_KEY": key ?? server.apiKey, "DAYTONA_API_URL": server.apiURL.absoluteString,
                "DAYTONA_JWT_TOKEN": "", "DAYTONA_TARGET": "",
                // Tests leave the user's context-hash cache alone.
                "DAYTONA_CONTEXT_HASH_CACHE": "off",
            ],
            standardInput: standardInput
        )
    }

    @Test func createListGetExecAndDelete() throws {
        let created = try run([
            "sandbox", "create", "--snapshot", "base", "--name", "cli", "--label", "team=core", "--env", "A=1",
        ])
        #expect(created.status == 0, "\(created.error)")
        let id = created.output.trimmingCharacters(in: .newlines)
        #expect(!id.isEmpty && !id.contains("\t"))

        let listed = try run(["sandbox", "list", "--label", "team=core"])
        #expect(listed.output == "\(id)\tcli\tstarted\n")
        let json = try run(["sandbox", "get", "cli", "--json"])
        let object = try JSONValue(jsonBytes: Array(json.output.utf8))
        #expect(object["id"] == .string(id) && object["labels"]?["team"] == "core")
        #expect(object["toolboxProxyUrl"] != nil)

        let exec = try run(["sandbox", "exec", "cli", "--env", "B=2", "--", "echo", "$A$B;", "exit", "4"])
        #expect(exec.status == 4 && exec.output == "12\n")
        let execJSON = try run(["sandbox", "exec", "cli", "--json", "--", "echo hi"])
        #expect(execJSON.status == 0)
        #expect(try JSONValue(jsonBytes: Array(execJSON.output.utf8)) == ["exit_code": 0, "result": "hi\n"])

        #expect(try run(["sandbox", "stop", "cli"]).status == 0)
        #expect(try run(["sandbox", "get", "cli"]).output == "\(id)\tcli\tstopped\n")
        #expect(try run(["sandbox", "start", "cli"]).status == 0)
        #expect(try run(["sandbox", "delete", "cli"]).status == 0)
        // `delete` returns once the API accepted it (sandbox-cli.md); the sandbox is destroying
        // until the server removes it, so `get` finds it a little longer.
        var missing = try run(["sandbox", "get", "cli"])
        for _ in 0..<100 where missing.status == 0 {
            #expect(missing.output == "\(id)\tcli\tdestroying\n")
            usleep(100_000)
            missing = try run(["sandbox", "get", "cli"])
        }
        #expect(missing.status != 0 && missing.output.isEmpty)
    }

    @Test func failuresAreOneErrorLineNamingTheOperation() throws {
        #expect(try run(["sandbox", "create", "--name", "twice"]).status == 0)
        let clash = try run(["sandbox", "create", "--name", "twice"])
        #expect(clash.status != 0 && clash.output.isEmpty)
        #expect(clash.error.hasPrefix("error: Failed to create sandbox: "))
        #expect(clash.error.hasSuffix("(409)\n"))
        let unauthorized = try run(["sandbox", "list"], key: "not-the-key")
        #expect(
            unauthorized.error.hasPrefix("error: Failed to list sandboxes: ")
                && !unauthorized.error.contains("not-the-key")
        )
        let none = try TestTools.run(
            Self.tool,
            ["sandbox", "list"],
            environment: [
                "DAYTONA_API_KEY": "", "DAYTONA_JWT_TOKEN": "", "DAYTONA_API_URL": server.apiURL.absoluteString,
            ]
        )
        #expect(none.status != 0 && none.error.contains("DAYTONA_API_KEY"))
    }

    @Test func eachRetryWaitIsSaidOnStandardError() async throws {
        try await server.faults(
            #"{"method": "GET", "path": "^/api/sandbox$", "status": 429, "headers": {"Retry-After": "0"}}"#
        )
        let listed = try run(["sandbox", "list"])
        #expect(listed.status == 0)
        #expect(listed.error.contains("HTTP 429") && listed.error.contains("retrying in"))
    }

    @Test func runWritesEachChartsJSONSVGAndPNG() async throws {
        #expect(try run(["sandbox", "create", "--name", "plots"]).status == 0)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).base64EncodedString()
        try await server.control(
            "POST",
            "code-run-charts",
            json:
                #"{"sandbox": "plots", "charts": [{"type": "bar", "title": "B", "png": "\#(png)", "elements": [{"label": "a", "group": "g", "value": 3}]}, {"type": "line", "elements": [{"label": "s", "points": [[0, 1], [1, 2]]}]}]}"#
        )
        let folder = try TestTools.temporaryFolder("charts")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let program = folder + "/plot.py"
        try TestTools.write(program, "print('drew two')\nraise SystemExit(2)\n")
        let ran = try run(["sandbox", "run", "plots", program, "--charts", folder + "/out"])
        #expect(ran.status == 2 && ran.output == "drew two\n", "\(ran.error)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted()
        #expect(written == ["chart-1.json", "chart-1.png", "chart-1.svg", "chart-2.json", "chart-2.svg"])
        let first = try JSONValue(
            jsonBytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/out/chart-1.json")))
        )
        #expect(first["type"] == "bar" && first["title"] == "B")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/out/chart-1.png")).starts(with: [0x89, 0x50]))
        let svg = try String(contentsOfFile: folder + "/out/chart-2.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))

        let json = try run(["sandbox", "run", "plots", program, "--json"])
        #expect(json.status == 0)
        let object = try JSONValue(jsonBytes: Array(json.output.utf8))
        #expect(object["exit_code"] == 2 && object["result"] == "drew two\n" && object["charts"] == [])
    }

    @Test func uploadAndDownloadThroughFilesAndPipes() throws {
        #expect(try run(["sandbox", "create", "--name", "files"]).status == 0)
        let folder = try TestTools.temporaryFolder("transfer")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestTools.write(folder + "/in.txt", "payload\n")
        #expect(try run(["sandbox", "upload", "files", folder + "/in.txt", "docs/in.txt"]).status == 0)
        #expect(try run(["sandbox", "download", "files", "docs/in.txt", folder + "/out.txt"]).status == 0)
        #expect(try String(contentsOfFile: folder + "/out.txt", encoding: .utf8) == "payload\n")
        let piped = try run(["sandbox", "download", "files", "docs/in.txt", "-"])
        #expect(piped.output == "payload\n")
        try TestTools.write(folder + "/stdin.txt", "from standard input\n")
        let fromStandardInput = try run(
            ["sandbox", "upload", "files", "-", "docs/stdin.txt"],
            standardInput: folder + "/stdin.txt"
        )
        #expect(fromStandardInput.status == 0, "\(fromStandardInput.error)")
        #expect(try run(["sandbox", "download", "files", "docs/stdin.txt", "-"]).output == "from standard input\n")
        let missing = try run(["sandbox", "download", "files", "docs/none.txt", folder + "/none.txt"])
        #expect(missing.status != 0 && !FileManager.default.fileExists(atPath: folder + "/none.txt"))
    }
}
