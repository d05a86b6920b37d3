import Daytona
import DaytonaTestSupport
import Foundation
import Logging
import Testing

/// `exec` and `codeRun` go over the direct HTTP/1.1 connections, not the generated client: the
/// same requests on the wire, kept-alive connections reused, and the same retry rules, errors,
/// time-outs and cancellation as every other call.
@Suite struct DirectToolboxRequestTests {
    let server: DaytonaTestServer

    init() async throws { server = try await DaytonaTestServer() }

    private func toolboxRequests(_ suffix: String) async throws -> [DaytonaTestServer.Request] {
        try await server.requests().filter { $0.path.hasSuffix(suffix) }
    }

    @Test func anExecSendsTheRequestTheGeneratedClientSent() async throws {
        let sandbox = try await server.client().create()
        _ = try await sandbox.process.exec("mkdir -p work")
        _ = try await sandbox.process.exec("echo hi", cwd: "work", env: ["B": "2", "A": "1"], timeout: .seconds(5))
        let sent = try #require(try await toolboxRequests("/process/execute").last)
        #expect(sent.method == "POST")
        #expect(sent.path == "/toolbox/\(sandbox.id)/process/execute")
        #expect(sent.headers["authorization"] == "Bearer \(server.apiKey)")
        #expect(sent.headers["x-daytona-source"] == "sdk-swift")
        #expect(sent.headers["x-daytona-sdk-version"] != nil)
        #expect(sent.headers["content-type"] == "application/json; charset=utf-8")
        #expect(sent.headers["accept"] == "application/json")
        #expect(sent.headers["host"] == "\(server.baseURL.host ?? ""):\(server.baseURL.port ?? 0)")
        guard case .object(let fields)? = sent.json else {
            Issue.record("no JSON body")
            return
        }
        // The server's log keeps no key order, so the order is checked on the body itself below.
        #expect(Set(fields.dictionary.keys) == ["command", "cwd", "envs", "timeout"])
        #expect(fields["command"] == "echo hi" && fields["cwd"] == "work" && fields["timeout"] == 5)
        guard case .object(let envs)? = fields["envs"] else {
            Issue.record("no envs")
            return
        }
        #expect(envs.dictionary == ["A": "1", "B": "2"])
        #expect(sent.bodySize == #"{"command":"echo hi","cwd":"work","envs":{"A":"1","B":"2"},"timeout":5}"#.utf8.count)
    }

    @Test func aCodeRunSendsItsFieldsAndReadsItsResult() async throws {
        let sandbox = try await server.client().create()
        let ran = try await sandbox.process.codeRun("print(6 * 7)", arguments: ["x"], env: ["K": "v"])
        #expect(ran.exitCode == 0)
        #expect(ran.result == "42\n")
        let sent = try #require(try await toolboxRequests("/process/code-run").first)
        guard case .object(let fields)? = sent.json else {
            Issue.record("no JSON body")
            return
        }
        #expect(fields.dictionary == ["argv": ["x"], "code": "print(6 * 7)", "envs": ["K": "v"], "language": "python"])
    }

    @Test func sequentialCallsShareOneConnection() async throws {
        let sandbox = try await server.client().create()
        for index in 0..<20 {
            #expect(try await sandbox.process.exec("echo \(index)").result == "\(index)\n")
        }
        let peers = Set(try await toolboxRequests("/process/execute").compactMap(\.peer))
        #expect(peers.count == 1)
    }

    @Test func concurrentCallsOpenConnectionsAndReuseThem() async throws {
        let sandbox = try await server.client().create()
        for _ in 0..<3 {
            let outputs = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<8 {
                    group.addTask { try await sandbox.process.exec("sleep 0.2; echo \(index)").result }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(outputs == Set((0..<8).map { "\($0)\n" }))
        }
        let peers = Set(try await toolboxRequests("/process/execute").compactMap(\.peer))
        #expect(peers.count >= 2)
        #expect(peers.count <= 8)
    }

    @Test func aRateLimitedExecIsSentAgainAndLogged() async throws {
        let lines = LogLines()
        let client = try DaytonaClient(
            configuration: DaytonaConfiguration(
                apiKey: server.apiKey,
                apiURL: server.apiURL,
                retryPolicy: RetryPolicy(initialBackoff: .milliseconds(20))
            ),
            environment: [:],
            logger: lines.logger
        )
        let sandbox = try await client.create()
        try await server.faults(
            #"{"method": "POST", "path": "/process/execute$", "status": 429, "headers": {"Retry-After": "1"}}"#
        )
        let began = ContinuousClock.now
        #expect(try await sandbox.process.exec("echo again").result == "again\n")
        #expect(ContinuousClock.now - began >= .seconds(1))
        #expect(try await toolboxRequests("/process/execute").count == 2)
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("HTTP 429") == true)
        #expect(!lines.all.joined().contains(server.apiKey))
    }

    @Test func aServiceUnavailableExecIsNotRepeated() async throws {
        let sandbox = try await server.client().create()
        try await server.faults(#"{"method": "POST", "path": "/process/execute$", "status": 503}"#)
        let error = try await #require(throws: DaytonaError.self) { _ = try await sandbox.process.exec("echo once") }
        #expect(error.statusCode == 503)
        #expect(error.message.hasPrefix("Failed to execute command: "))
        #expect(try await toolboxRequests("/process/execute").count == 1)
    }

    @Test func aDroppedConnectionIsANetworkErrorAndTheNextCallWorks() async throws {
        let sandbox = try await server.client().create()
        _ = try await sandbox.process.exec("true")  // a kept-alive connection to drop
        try await server.faults(#"{"method": "POST", "path": "/process/execute$", "action": "drop"}"#)
        let error = try await #require(throws: DaytonaNetworkError.self) { _ = try await sandbox.process.exec("true") }
        #expect(error.message.hasPrefix("Failed to execute command: Could not reach "))
        #expect(try await toolboxRequests("/process/execute").count == 2)
        #expect(try await sandbox.process.exec("echo after").result == "after\n")
    }

    @Test func cancellingARunningExecStopsWaitingAtOnce() async throws {
        let sandbox = try await server.client().create()
        let running = Task { try await sandbox.process.exec("sleep 20") }
        try await Task.sleep(for: .milliseconds(300))
        let began = ContinuousClock.now
        running.cancel()
        await #expect(throws: CancellationError.self) { _ = try await running.value }
        #expect(ContinuousClock.now - began < .seconds(5))
        #expect(try await sandbox.process.exec("echo next").result == "next\n")
    }

    @Test func aMalformedAnswerNamesTheOperation() async throws {
        let sandbox = try await server.client().create()
        try await server.faults(#"{"method": "POST", "path": "/process/execute$", "status": 200, "body": "not json"}"#)
        let error = try await #require(throws: DaytonaError.self) { _ = try await sandbox.process.exec("true") }
        #expect(error.message.hasPrefix("Failed to execute command: unexpected response: "))
        try await server.faults(
            #"{"method": "POST", "path": "/process/execute$", "status": 200, "body": {"result": 7, "exitCode": 0}}"#
        )
        let field = try await #require(throws: DaytonaError.self) { _ = try await sandbox.process.exec("true") }
        #expect(field.message == "Failed to execute command: unexpected response: field 'result': expected a string")
        try await server.faults(
            #"{"method": "POST", "path": "/process/code-run$", "status": 200, "body": {"artifacts": {"charts": [{"type": "bar", "elements": 3}]}}}"#
        )
        let chart = try await #require(throws: DaytonaError.self) { _ = try await sandbox.process.codeRun("1") }
        #expect(chart.message.hasPrefix("Failed to run code: chart 1 of the result: invalid chart: elements: "))
        #expect(chart.location.operation == "Failed to run code: chart 1 of the result")
        #expect(chart.location.jsonPath == "elements")
    }
}
