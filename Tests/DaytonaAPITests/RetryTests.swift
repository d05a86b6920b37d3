import Daytona
import DaytonaTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The retry rules: a 429 after the server's `Retry-After` whatever the method; 502/503/504 and
/// dropped connections only for requests safe to repeat; bounded; each wait logged.
@Suite struct RetryTests {
    let server: DaytonaTestServer

    init() async throws { server = try await DaytonaTestServer() }

    /// A client with the default ``RetryPolicy`` whose log lines go to `lines`.
    private func client(loggingTo lines: LogLines) throws -> DaytonaClient {
        try DaytonaClient(
            configuration: DaytonaConfiguration(apiKey: server.apiKey, apiURL: server.apiURL),
            environment: [:],
            logger: lines.logger
        )
    }

    private func count(_ method: String, _ path: String) async throws -> Int {
        try await server.requests().filter { $0.method == method && $0.path == path }.count
    }

    @Test func aRateLimitedPostIsSentAgainAfterTheLongestRetryAfter() async throws {
        let lines = LogLines()
        let client = try client(loggingTo: lines)
        try await server.faults(
            #"{"method": "POST", "path": "^/api/sandbox$", "status": 429, "headers": {"Retry-After": "0", "Retry-After-sandbox": "1"}}"#
        )
        let began = ContinuousClock.now
        let sandbox = try await client.create(CreateSandboxParameters(name: "limited"))
        #expect(ContinuousClock.now - began >= .seconds(1))
        #expect(sandbox.name == "limited")
        #expect(try await count("POST", "/api/sandbox") == 2)
        let logged = lines.all
        #expect(logged.count == 1)
        #expect(logged.first?.contains("HTTP 429") == true && logged.first?.contains("wait=1") == true)
        #expect(!logged.joined().contains(server.apiKey))
    }

    @Test func aServiceUnavailableGetIsRetriedButAPostIsNot() async throws {
        let client = try server.client()
        try await server.faults(#"[{"method": "GET", "path": "^/api/sandbox/base-check$", "status": 503, "times": 2}]"#)
        await #expect(throws: DaytonaNotFoundError.self) { _ = try await client.get("base-check") }
        #expect(try await count("GET", "/api/sandbox/base-check") == 3)

        try await server.faults(#"{"method": "POST", "path": "^/api/sandbox$", "status": 503}"#)
        await #expect(throws: DaytonaServiceUnavailableError.self) { _ = try await client.create() }
        #expect(try await count("POST", "/api/sandbox") == 1)
    }

    @Test(arguments: [502, 504])
    func gatewayErrorsAreRetriedForSafeMethodsOnly(status: Int) async throws {
        let client = try server.client()
        let sandbox = try await client.create(CreateSandboxParameters(name: "gateway"))
        try await server.faults(#"{"method": "GET", "path": "^/api/sandbox/gateway$", "status": \#(status)}"#)
        #expect(try await client.get("gateway").id == sandbox.id)
        #expect(try await count("GET", "/api/sandbox/gateway") == 2)

        try await server.faults(#"{"method": "POST", "path": "/start$", "status": \#(status)}"#)
        await #expect(throws: DaytonaError.self) { try await sandbox.start() }
        #expect(try await count("POST", "/api/sandbox/\(sandbox.id)/start") == 1)

        try await server.faults(#"{"method": "DELETE", "path": "^/api/sandbox/", "status": \#(status)}"#)
        try await sandbox.delete()
        #expect(try await count("DELETE", "/api/sandbox/\(sandbox.id)") == 2)
    }

    @Test func aDroppedGetIsRetried() async throws {
        let client = try server.client()
        let sandbox = try await client.create(CreateSandboxParameters(name: "drop"))
        try await server.faults(#"{"method": "GET", "path": "^/api/sandbox/drop$", "action": "drop"}"#)
        let again = try await client.get("drop")
        #expect(again.id == sandbox.id)
        #expect(try await count("GET", "/api/sandbox/drop") == 2)
    }

    @Test func attemptsAreBoundedAndTheLastAnswerIsThrown() async throws {
        let client = try server.client(retryPolicy: RetryPolicy(maximumAttempts: 3, initialBackoff: .milliseconds(10)))
        try await server.faults(
            #"{"method": "GET", "path": "^/api/sandbox/x$", "status": 429, "times": -1, "headers": {"Retry-After": "0", "X-RateLimit-Remaining-sandbox": "0"}}"#
        )
        let error = try await #require(throws: DaytonaRateLimitError.self) { _ = try await client.get("x") }
        #expect(error.limits.first?.remaining == 0)
        #expect(try await count("GET", "/api/sandbox/x") == 3)
    }

    @Test func aRateLimitedUploadIsSentAgainWholeWhenItsSourceCanBeReadAgain() async throws {
        let lines = LogLines()
        let client = try client(loggingTo: lines)
        let sandbox = try await client.create()
        let local = FileManager.default.temporaryDirectory.appendingPathComponent("retry-\(UUID().uuidString).bin")
        // Larger than the reader's four buffers together, so the second attempt reads the file anew.
        let bytes = Data((0..<(1_300_000)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 10) })
        try bytes.write(to: local)
        defer { try? FileManager.default.removeItem(at: local) }
        let upload = "/toolbox/\(sandbox.id)/files/upload-v2"
        let rule = #"{"method": "POST", "path": "/files/upload-v2$", "status": 429, "headers": {"Retry-After": "0"}}"#

        try await server.faults(rule)
        try await sandbox.fs.uploadFile(atPath: local.path, to: "up/file.bin")
        #expect(try await sandbox.fs.downloadFile("up/file.bin") == bytes)
        #expect(try await count("POST", upload) == 2)

        try await server.faults(rule)
        try await sandbox.fs.uploadFile(Data("small".utf8), to: "up/small.txt")
        #expect(try await sandbox.fs.downloadFile("up/small.txt") == Data("small".utf8))
        #expect(try await count("POST", upload) == 4)
        #expect(lines.all.filter { $0.contains("HTTP 429") && $0.contains("upload file up/") }.count == 2)

        // What a pipe gave cannot be read again: the 429 is the answer.
        let pipe = Pipe()
        try pipe.fileHandleForWriting.write(contentsOf: Data("piped".utf8))
        try pipe.fileHandleForWriting.close()
        try await server.faults(rule)
        let error = try await #require(throws: DaytonaRateLimitError.self) {
            try await sandbox.fs.uploadFile(from: pipe.fileHandleForReading, to: "up/piped.txt")
        }
        #expect(error.message.hasPrefix("Failed to upload file up/piped.txt: "))
        #expect(try await count("POST", upload) == 5)
    }

    @Test func aWaitLongerThanThePolicyAllowsIsNotWaited() async throws {
        let client = try server.client(retryPolicy: RetryPolicy(maximumWait: .seconds(2)))
        try await server.faults(#"{"path": "^/api/sandbox/x$", "status": 429, "headers": {"Retry-After": "3600"}}"#)
        let error = try await #require(throws: DaytonaRateLimitError.self) { _ = try await client.get("x") }
        #expect(error.retryAfter()?.delay() ?? 0 > 3000)
        #expect(try await count("GET", "/api/sandbox/x") == 1)
    }
}

/// Collects the messages and metadata a logger receives.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(sink: self) }
    }

    func add(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let sink: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            sink.add("\(event.message) " + fields.joined(separator: " "))
        }
    }
}
