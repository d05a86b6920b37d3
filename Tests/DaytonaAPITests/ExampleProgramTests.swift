import Daytona
import DaytonaTestSupport
import Foundation
import Testing

/// The program of the client issue, as written, against the test server (the client reads its
/// settings from the environment, here given explicitly instead of the process's).
@Suite struct ExampleProgramTests {
    @Test func theIssuesProgramRunsAsWritten() async throws {
        let server = try await DaytonaTestServer()
        let environment = ["DAYTONA_API_KEY": server.apiKey, "DAYTONA_API_URL": server.apiURL.absoluteString]
        let daytona = try DaytonaClient(environment: environment)
        let explicit = try DaytonaClient(
            configuration: DaytonaConfiguration(
                apiKey: "key",
                apiURL: URL(string: "http://127.0.0.1:8080/api")!,
                target: "us"
            ),
            environment: [:]
        )
        #expect(explicit.configuration.target == "us")

        let sandbox = try await daytona.create(
            CreateSandboxParameters(
                snapshot: "base",
                name: "demo",
                envVars: ["A": "1"],
                labels: ["team": "core"],
                autoStopInterval: 15
            ),
            timeout: .seconds(60)
        )
        #expect(sandbox.name == "demo" && sandbox.state == .started)
        #expect(sandbox.labels["team"] == "core")
        let same = try await daytona.get("demo")
        #expect(same.id == sandbox.id)
        let mine = try await daytona.list(labels: ["team": "core"])
        #expect(mine.map(\.id) == [sandbox.id])

        let ran = try await sandbox.process.exec(
            "mkdir -p work && cd work && echo hi; exit 3",
            env: ["X": "1"],
            timeout: .seconds(10)
        )
        #expect(ran.exitCode == 3 && ran.result == "hi\n")
        let inWork = try await sandbox.process.exec("echo $X $A; pwd", cwd: "work", env: ["X": "1"])
        #expect(inWork.result.hasPrefix("1 1\n") && inWork.result.hasSuffix("/work\n"))

        let barJSON = #"{"type": "bar", "title": "t", "elements": [{"label": "a", "group": "g", "value": 3}]}"#
        let lineJSON = #"{"type": "line", "elements": [{"label": "s", "points": [[0, 1], [1, 2]]}]}"#
        try await server.control(
            "POST",
            "code-run-charts",
            json: #"{"sandbox": "demo", "charts": [\#(barJSON), \#(lineJSON)]}"#
        )
        let code = try await sandbox.process.codeRun("print('plotted')", timeout: .seconds(30))
        #expect(code.result == "plotted\n")
        #expect(code.artifacts.charts.map(\.type) == [.bar, .line])
        for chart in code.artifacts.charts {
            #expect(chart.svg(width: 640, height: 400).count > 100)
        }
        if case .bar(let bars) = code.artifacts.charts[0] {
            #expect(bars.elements.first?.value?.numericValue == 3)
        } else {
            Issue.record("the first chart is not a bar chart")
        }

        try await sandbox.fs.uploadFile(Data([0, 1, 2]), to: "work/blob.bin")
        let back = try await sandbox.fs.downloadFile("work/blob.bin")
        #expect(back == Data([0, 1, 2]))

        try await sandbox.stop()
        #expect(sandbox.state == .stopped)
        try await sandbox.start(timeout: .seconds(60))
        #expect(sandbox.state == .started)
        try await sandbox.refresh()
        #expect(sandbox.state == .started)
        try await sandbox.delete()

        do {
            _ = try await daytona.get("missing")
            Issue.record("getting a missing sandbox succeeded")
        } catch let error as DaytonaNotFoundError {
            #expect(error.statusCode == 404)
            #expect(error.message == "Failed to get sandbox: Sandbox with ID or name missing not found")
        }
    }
}
