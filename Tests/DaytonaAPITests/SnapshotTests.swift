import Daytona
import DaytonaTestSupport
import Foundation
import Synchronization
import Testing

/// Snapshots built from an `Image` or an image name, their build logs, list, get and delete.
@Suite struct SnapshotTests {
    let server: DaytonaTestServer
    let daytona: DaytonaClient

    init() async throws {
        server = try await DaytonaTestServer(arguments: ["--state-delay", "0.1"])
        daytona = try server.client()
    }

    @Test func anImageWithoutLocalFilesBuildsAndItsLogArrives() async throws {
        let image = try Image.debianSlim("3.12").pipInstall("requests").env(["A": "b"])
        let lines = Lines()
        let snapshot = try await daytona.snapshot.create(
            CreateSnapshotParameters(
                name: "py312",
                image: image,
                resources: Resources(cpu: 2, memory: 4, disk: 8),
                entrypoint: ["sleep", "infinity"]
            ),
            timeout: .seconds(60),
            onLogs: { lines.add($0) }
        )
        #expect(snapshot.name == "py312" && snapshot.state == .active)
        #expect(!image.dockerfile.contains("ENTRYPOINT"))
        let create = try #require(try await server.requests().first { $0.method == "POST" })
        #expect(create.path == "/api/snapshots")
        let body = try #require(create.json)
        #expect(body["buildInfo"]?["dockerfileContent"] == .string(image.entrypoint(["sleep", "infinity"]).dockerfile))
        #expect(body["buildInfo"]?["contextHashes"] == [])
        #expect(body["cpu"] == 2 && body["memory"] == 4 && body["disk"] == 8)
        #expect(body["entrypoint"] == nil)
        #expect(lines.all.contains { $0.contains("FROM python:3.12") })

        var followed: [String] = []
        for try await line in daytona.snapshot.buildLogs(of: snapshot) { followed.append(line) }
        #expect(followed == lines.all)
    }

    @Test func aSlowReaderOfALongLogLosesNoLine() async throws {
        // Its own server, which writes the build's 12,000 lines without pausing between them.
        let server = try await DaytonaTestServer(arguments: ["--state-delay", "0.1", "--build-line-delay", "0"])
        let daytona = try server.client()
        let steps = (0..<3000).map { "echo step \($0)" }
        let image = try Image.base("alpine").runCommands(steps.map { .shell($0) })
        let snapshot = try await daytona.snapshot.create(CreateSnapshotParameters(name: "long-log", image: image))
        var iterator = daytona.snapshot.buildLogs(of: snapshot).makeAsyncIterator()
        var lines = [try #require(try await iterator.next())]
        // The whole log is on the server and arriving; a reader that pauses must still get all of it.
        try await Task.sleep(for: .milliseconds(500))
        while let line = try await iterator.next() { lines.append(line) }
        #expect(lines.count > 6000)
        for (index, step) in steps.enumerated() where index % 500 == 0 {
            #expect(lines.contains { $0.contains(step) }, "a line of step \(index)")
        }
        #expect(lines.last?.hasPrefix("Successfully tagged") == true)
    }

    @Test func aFailedBuildSaysWhichSnapshotAndWhy() async throws {
        let image = Image.base("alpine").runCommands("exit 1")
        let error = try await #require(throws: DaytonaError.self) {
            _ = try await daytona.snapshot.create(CreateSnapshotParameters(name: "broken", image: image))
        }
        #expect(error.message.hasPrefix("Failed to create snapshot broken, reason: "))
        #expect(try await daytona.snapshot.get("broken").state == .buildFailed)
    }

    @Test func aBuildThatTakesTooLongIsATimeout() async throws {
        let slow = try await DaytonaTestServer(arguments: ["--state-delay", "5"])
        let error = try await #require(throws: DaytonaTimeoutError.self) {
            _ = try await slow.client().snapshot.create(
                CreateSnapshotParameters(name: "slow", image: Image.base("alpine")),
                timeout: .milliseconds(400)
            )
        }
        #expect(error.message.contains("Snapshot slow did not become active within 0.4 s"))
    }

    @Test func anImageNameIsSentAsItIs() async throws {
        let snapshot = try await daytona.snapshot.create(
            CreateSnapshotParameters(name: "named", imageName: "python:3.12-slim", entrypoint: ["sleep", "infinity"])
        )
        #expect(snapshot.state == .active && snapshot.imageName == "python:3.12-slim")
        let body = try #require(try await server.requests().first { $0.method == "POST" }?.json)
        #expect(body["imageName"] == "python:3.12-slim" && body["entrypoint"] == ["sleep", "infinity"])
        #expect(body["buildInfo"] == nil)
    }

    @Test func listGetAndDelete() async throws {
        for index in 0..<3 {
            _ = try await daytona.snapshot.create(
                CreateSnapshotParameters(name: "s\(index)", imageName: "alpine:3.\(index)")
            )
        }
        let names = Set(try await daytona.snapshot.list().map(\.name))
        #expect(names.isSuperset(of: ["base", "s0", "s1", "s2"]))
        let again = try await daytona.snapshot.get("s1")
        try await daytona.snapshot.delete(again)
        await #expect(throws: DaytonaNotFoundError.self) {
            for _ in 0..<50 {
                _ = try await daytona.snapshot.get("s1")
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    @Test func aSandboxFromAnImageStreamsItsBuildLog() async throws {
        let lines = Lines()
        let sandbox = try await daytona.create(
            CreateSandboxParameters(
                image: Image.base("alpine").runCommands("echo built"),
                resources: Resources(cpu: 1, memory: 1, disk: 3)
            ),
            timeout: .seconds(60),
            onSnapshotLogs: { lines.add($0) }
        )
        #expect(sandbox.state == .started)
        #expect(lines.all.contains { $0.contains("echo built") })
        let body = try #require(try await server.requests().first { $0.method == "POST" }?.json)
        #expect(body["buildInfo"]?["contextHashes"] == [] && body["cpu"] == 1)
    }
}

/// Lines collected from a `@Sendable` callback.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
