import DaytonaJSON
import DaytonaTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import DaytonaAPI

/// The direct connections' pool on its own: the per-origin limit with waiters served in turn, a
/// cancelled waiter, idle connections closed, and TLS that checks the server's certificate.
@Suite struct HTTP1ConnectionPoolTests {
    let server: DaytonaTestServer

    init() async throws { server = try await DaytonaTestServer() }

    /// A command request for a new sandbox's toolbox.
    private func execute(_ command: String) async throws -> (JSONTarget, HTTPRequestHead, ByteBuffer) {
        let sandbox = try await server.client().create()
        let target = try await sandbox.toolboxTarget("process/execute")
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target.uri)
        let body = ByteBuffer(string: #"{"command": "\#(command)"}"#)
        head.headers.add(name: "Host", value: target.hostHeader)
        head.headers.add(name: "Authorization", value: "Bearer \(server.apiKey)")
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: "\(body.readableBytes)")
        return (target, head, body)
    }

    private func send(
        _ pool: HTTP1ConnectionPool,
        _ request: (JSONTarget, HTTPRequestHead, ByteBuffer)
    ) async throws -> HTTP1Response {
        let deadline = NIODeadline.now() + .seconds(30)
        return try await pool.withConnection(to: request.0.origin, deadline: deadline) { connection in
            let response = try await connection.send(
                request.1,
                body: request.2,
                deadline: deadline,
                maximumBodySize: 1 << 20
            )
            return (response, response.keepAlive)
        }
    }

    private func peers() async throws -> Set<String> {
        Set(try await server.requests().filter { $0.path.hasSuffix("/process/execute") }.compactMap(\.peer))
    }

    @Test func moreRequestsThanTheLimitWaitTheirTurn() async throws {
        let pool = HTTP1ConnectionPool(limit: 2, idleTimeout: .seconds(60))
        let request = try await execute("sleep 0.2; echo ok")
        let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
            for _ in 0..<6 { group.addTask { try await send(pool, request).status.code } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 6))
        #expect(try await peers().count == 2)
    }

    @Test func aCancelledWaiterLeavesAtOnceAndTheSlotStaysUsable() async throws {
        let pool = HTTP1ConnectionPool(limit: 1, idleTimeout: .seconds(60))
        let slow = try await execute("sleep 1.5; echo slow")
        let holder = Task { try await send(pool, slow) }
        try await Task.sleep(for: .milliseconds(300))
        let waiter = Task { try await send(pool, slow) }
        try await Task.sleep(for: .milliseconds(100))
        let began = ContinuousClock.now
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
        #expect(ContinuousClock.now - began < .seconds(1))
        #expect(try await holder.value.status == .ok)
        #expect(try await send(pool, slow).status == .ok)
        #expect(try await peers().count == 1)
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        let pool = HTTP1ConnectionPool(limit: 4, idleTimeout: .seconds(2))
        let request = try await execute("true")
        _ = try await send(pool, request)
        _ = try await send(pool, request)
        #expect(try await peers().count == 1)
        try await Task.sleep(for: .seconds(3))
        _ = try await send(pool, request)
        #expect(try await peers().count == 2)
    }

    @Test func aConnectionThatClosesWhileIdleLeavesThePoolAtOnce() async throws {
        let pool = HTTP1ConnectionPool(limit: 4, idleTimeout: .seconds(1))
        let request = try await execute("true")
        _ = try await send(pool, request)
        #expect(pool.count(for: request.0.origin) == (idle: 1, open: 1))
        // No lease comes after the idle time-out: the close alone must take it off the list.
        var counts = pool.count(for: request.0.origin)
        for _ in 0..<40 where counts != (idle: 0, open: 0) {
            try await Task.sleep(for: .milliseconds(100))
            counts = pool.count(for: request.0.origin)
        }
        #expect(counts == (idle: 0, open: 0))
    }

    @Test func aSlowAnswerIsAConnectionTimeoutNamingTheOperation() async throws {
        let sandbox = try await server.client().create()
        let target = try await sandbox.toolboxTarget("process/execute")
        try await server.faults(#"{"method": "POST", "path": "/process/execute$", "action": "delay", "seconds": 10}"#)
        let stack = HTTPStack(
            configuration: DaytonaConfiguration(apiKey: server.apiKey, retryPolicy: .never),
            logger: .init(label: "test")
        )
        let began = ContinuousClock.now
        let error = try await #require(throws: DaytonaConnectionTimeoutError.self) {
            _ = try await stack.sendJSON(
                .post,
                to: target,
                body: Array(#"{"command":"true"}"#.utf8),
                timeout: .milliseconds(500),
                operation: "execute command"
            )
        }
        #expect(ContinuousClock.now - began < .seconds(8))
        #expect(error.message == "Failed to execute command: The request to 127.0.0.1 timed out")
    }

    @Test func aServerCertificateNobodyTrustsIsRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try DaytonaTestServer.makeSelfSignedCertificate(in: folder)
        let tls = try await DaytonaTestServer(arguments: [
            "--tls-cert", files.certificate.path, "--tls-key", files.key.path,
        ])
        #expect(tls.baseURL.scheme == "https")
        let stack = HTTPStack(configuration: DaytonaConfiguration(apiKey: tls.apiKey), logger: .init(label: "test"))
        let target = try JSONTarget(url: tls.apiURL.appendingPathComponent("sandbox"))
        #expect(target.origin.secure)
        let error = try await #require(throws: DaytonaNetworkError.self) {
            _ = try await stack.sendJSON(
                .post,
                to: target,
                body: Array("{}".utf8),
                timeout: .seconds(10),
                operation: "create sandbox"
            )
        }
        #expect(error.message.hasPrefix("Failed to create sandbox: Could not reach 127.0.0.1: "))
        #expect(
            error.message.lowercased().contains("certificate") || error.message.contains("handshake"),
            "\(error.message)"
        )
    }

    @Test func targetsKeepTheirPercentEncodingAndBracketIPv6Hosts() throws {
        let target = try JSONTarget(url: try #require(URL(string: "http://[::1]:8080/toolbox/a%20b")))
        #expect(target.origin == .init(secure: false, host: "::1", port: 8080))
        #expect(target.hostHeader == "[::1]:8080")
        #expect(target.appending("process/execute").uri == "/toolbox/a%20b/process/execute")
        let secure = try JSONTarget(url: try #require(URL(string: "https://proxy.example/toolbox/")))
        #expect(secure.origin == .init(secure: true, host: "proxy.example", port: 443))
        #expect(secure.hostHeader == "proxy.example")
        #expect(secure.appending("process/code-run").uri == "/toolbox/process/code-run")
        #expect(throws: DaytonaError.self) { try JSONTarget(url: try #require(URL(string: "ftp://x/y"))) }
    }
}

/// The direct requests' bodies are the bytes the generated client sent: compact, keys in order.
@Suite struct DirectRequestBodyTests {
    @Test func bodiesAreCompactJSONInTheOrderBuilt() {
        let body: JSONObject = [
            "command": "echo \"hi\"", "envs": ["A": "1", "B": "2"], "timeout": 5, "argv": ["a", "b"],
        ]
        let text = String(decoding: SandboxProcess.compactJSON(body), as: UTF8.self)
        #expect(text == #"{"command":"echo \"hi\"","envs":{"A":"1","B":"2"},"timeout":5,"argv":["a","b"]}"#)
    }
}
