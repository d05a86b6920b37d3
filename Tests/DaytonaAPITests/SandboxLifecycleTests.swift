import Daytona
import DaytonaTestSupport
import Foundation
import Testing

/// Waiting for states: time-outs name what was awaited, error states carry the server's reason,
/// cancellation stops at once; and the requests sent are the API's.
@Suite struct SandboxLifecycleTests {
    @Test func createSendsTheAPIsFieldsAndHeaders() async throws {
        let server = try await DaytonaTestServer()
        let daytona = try server.client()
        _ = try await daytona.create(
            CreateSandboxParameters(
                snapshot: "base",
                name: "shape",
                envVars: ["A": "1"],
                labels: ["team": "core"],
                autoStopInterval: 15,
                target: "eu"
            )
        )
        let requests = try await server.requests()
        let create = try #require(requests.first)
        #expect(create.method == "POST" && create.path == "/api/sandbox")
        #expect(create.headers["authorization"] == "Bearer \(server.apiKey)")
        #expect(create.headers["x-daytona-source"] == "sdk-swift")
        #expect(create.headers["x-daytona-sdk-version"]?.isEmpty == false)
        #expect(create.headers["x-daytona-organization-id"] == nil)
        let body = try #require(create.json)
        #expect(body["name"] == "shape" && body["snapshot"] == "base" && body["target"] == "eu")
        #expect(body["env"] == ["A": "1"])
        #expect(body["labels"]?["team"] == "core" && body["labels"]?["code-toolbox-language"] == "python")
        #expect(body["autoStopInterval"]?.numericValue == 15)
        #expect(body["volumes"] == [])
        #expect(body["cpu"] == nil && body["buildInfo"] == nil)
        // The rest are polls of the new sandbox, by id.
        let id = try await daytona.get("shape").id
        #expect(requests.dropFirst().allSatisfy { $0.method == "GET" && $0.path == "/api/sandbox/\(id)" })
    }

    @Test func aJWTSendsTheOrganization() async throws {
        let server = try await DaytonaTestServer(arguments: ["--jwt-token", "jwt-1", "--organization-id", "org-7"])
        let daytona = try DaytonaClient(
            environment: [
                "DAYTONA_JWT_TOKEN": "jwt-1", "DAYTONA_ORGANIZATION_ID": "org-7",
                "DAYTONA_API_URL": server.apiURL.absoluteString,
            ]
        )
        _ = try await daytona.list()
        let request = try #require(try await server.requests().first)
        #expect(request.headers["authorization"] == "Bearer jwt-1")
        #expect(request.headers["x-daytona-organization-id"] == "org-7")
    }

    @Test func anImageNameBecomesAOneLineDockerfile() async throws {
        let server = try await DaytonaTestServer()
        let daytona = try server.client()
        let sandbox = try await daytona.create(
            CreateSandboxParameters(imageName: "python:3.12-slim", resources: Resources(cpu: 2, memory: 4))
        )
        #expect(sandbox.state == .started)
        let body = try #require(try await server.requests().first?.json)
        #expect(body["buildInfo"]?["dockerfileContent"] == "FROM python:3.12-slim\n")
        #expect(body["cpu"]?.numericValue == 2 && body["memory"]?.numericValue == 4)
        #expect(body["snapshot"] == nil)
    }

    @Test func listReadsEveryPageWithTheLabelFilter() async throws {
        let server = try await DaytonaTestServer(arguments: ["--state-delay", "0"])
        let daytona = try server.client()
        for index in 0..<105 {
            _ = try await daytona.create(CreateSandboxParameters(name: "many-\(index)", labels: ["batch": "b"]))
        }
        _ = try await daytona.create(CreateSandboxParameters(name: "other"))
        let listed = try await daytona.list(labels: ["batch": "b"])
        #expect(listed.count == 105)
        #expect(Set(listed.map(\.name)).count == 105)
        let pages = try await server.requests().filter { $0.method == "GET" && $0.path == "/api/sandbox" }
        #expect(pages.count == 2)
        #expect(pages.first?.query?["labels"]?.first == #"{"batch":"b"}"#)
        #expect(pages.last?.query?["cursor"] != nil)
        #expect(try await daytona.list().count == 106)
    }

    @Test func aWaitThatRunsOutNamesWhatWasAwaited() async throws {
        let server = try await DaytonaTestServer(arguments: ["--state-delay", "2"])
        let daytona = try server.client()
        let error = try await #require(throws: DaytonaTimeoutError.self) {
            _ = try await daytona.create(CreateSandboxParameters(name: "slow"), timeout: .milliseconds(500))
        }
        #expect(error.message.contains("Sandbox slow did not become started within 0.5 s"))
    }

    @Test func anErrorStateEndsTheWaitWithTheServersReason() async throws {
        let server = try await DaytonaTestServer()
        let daytona = try server.client()
        let sandbox = try await daytona.create(CreateSandboxParameters(name: "broken"))
        try await sandbox.stop()
        try await server.control(
            "POST",
            "sandboxes/broken/state",
            json: #"{"state": "error", "errorReason": "disk on fire"}"#
        )
        try await sandbox.refresh()
        #expect(sandbox.state == .error && sandbox.errorReason == "disk on fire")
        let error = try await #require(throws: DaytonaError.self) { try await sandbox.start() }
        #expect(error.message.contains("disk on fire"))
    }

    @Test func cancellationStopsAWaitAtOnce() async throws {
        let server = try await DaytonaTestServer(arguments: ["--state-delay", "60"])
        let daytona = try server.client()
        let task = Task { try await daytona.create(CreateSandboxParameters(name: "cancelled"), timeout: .zero) }
        try await Task.sleep(for: .milliseconds(400))
        let began = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        // The sandbox needs 60 s to start; ending well before that means the wait stopped when
        // cancelled (on an idle machine it takes milliseconds; the bound allows for a machine
        // loaded twenty times over, where 5.6 s was seen).
        #expect(ContinuousClock.now - began < .seconds(20))
    }

    @Test func oneClientServesManyTasksAtOnce() async throws {
        let server = try await DaytonaTestServer()
        let daytona = try server.client()
        let sandbox = try await daytona.create()
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<40 {
                group.addTask { try await sandbox.process.exec("echo \(index)").result }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(outputs == Set((0..<40).map { "\($0)\n" }))
    }

    @Test func stopThenStartRoundTripsTheState() async throws {
        let server = try await DaytonaTestServer()
        let daytona = try server.client()
        let sandbox = try await daytona.create(CreateSandboxParameters(name: "cycle"))
        try await sandbox.stop()
        #expect(sandbox.state == .stopped)
        let viaName = try await daytona.get("cycle")
        #expect(viaName.state == .stopped)
        await #expect(throws: DaytonaConflictError.self) { _ = try await sandbox.process.exec("true") }
        try await viaName.start()
        try await sandbox.refresh()
        #expect(sandbox.state == .started)
        try await sandbox.delete()
        await #expect(throws: DaytonaNotFoundError.self) {
            for _ in 0..<50 {
                try await sandbox.refresh()
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    @Test func aPipeUploadsUntilItsEndAndStaysOpenForItsOwner() async throws {
        let server = try await DaytonaTestServer()
        let sandbox = try await server.client().create()
        var bytes = [UInt8](repeating: 0, count: 2 << 20 + 5)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 7 &+ index >> 11) }
        let pipe = Pipe()
        let written = bytes
        // Written from a plain thread: more than a pipe holds, so the upload must be reading
        // while the writer writes.
        Thread.detachNewThread {
            pipe.fileHandleForWriting.write(Data(written))
            try? pipe.fileHandleForWriting.close()
        }
        try await sandbox.fs.uploadFile(from: pipe.fileHandleForReading, to: "piped.bin")
        #expect(try await sandbox.fs.downloadFile("piped.bin") == Data(bytes))
        // The descriptor the caller gave is still open (the upload read and closed a duplicate).
        #expect(fcntl(pipe.fileHandleForReading.fileDescriptor, F_GETFD) != -1)
        let paths = try await server.requests().map(\.path)
        #expect(paths.filter { $0.contains("/files/upload") }.count == 1, "\(paths)")
    }

    @Test func aRemotePathWithSpacesPlusAndQuotesArrivesAsWritten() async throws {
        let server = try await DaytonaTestServer()
        let sandbox = try await server.client().create()
        let path = "odd dir/a+b \"c\" & d=e.txt"
        try await sandbox.fs.uploadFile(Data("odd\n".utf8), to: path)
        #expect(try await sandbox.fs.downloadFile(path) == Data("odd\n".utf8))
        let upload = try #require(try await server.requests().first { $0.path.contains("/files/upload") })
        #expect(upload.query?["path"] == .one(path))
    }

    @Test func largeFilesStreamBothWays() async throws {
        let server = try await DaytonaTestServer()
        let sandbox = try await server.client().create()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transfer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = [UInt8](repeating: 0, count: 3 << 20 + 17)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 9) }
        let local = folder.appendingPathComponent("up.bin")
        try Data(bytes).write(to: local)
        try await sandbox.fs.uploadFile(atPath: local.path, to: "data/big.bin")
        let size = try await sandbox.process.exec("wc -c < data/big.bin").result
        #expect(size.trimmingCharacters(in: .whitespacesAndNewlines) == "\(bytes.count)")
        let downloaded = folder.appendingPathComponent("down.bin")
        try await sandbox.fs.downloadFile("data/big.bin", toPath: downloaded.path)
        #expect(try Data(contentsOf: downloaded) == Data(bytes))
        await #expect(throws: DaytonaNotFoundError.self) {
            try await sandbox.fs.downloadFile("data/none.bin", toPath: folder.appendingPathComponent("x").path)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))
    }
}
