import Crypto
import Daytona
import DaytonaTestSupport
import Foundation
import Synchronization
import Testing

/// Build contexts travel to object storage (moto's S3, signatures checked) before Daytona builds
/// the image: the object lands at ORGANIZATION/HASH/context.tar holding exactly the tar the
/// package writes, a second build skips the upload, and a failed upload creates nothing.
@Suite struct ContextUploadTests {
    /// A test server whose push access hands out moto's assumed-role credentials and which checks,
    /// when a build starts, that every context it is given is in the bucket.
    private func servers(secret: String? = nil) async throws -> (DaytonaTestServer, MotoS3)? {
        guard let moto = await MotoS3.shared() else { return nil }
        let role = moto.assumedRole
        let server = try await DaytonaTestServer(arguments: [
            "--s3-endpoint", moto.endpoint.absoluteString, "--s3-access-key", role.accessKeyID,
            "--s3-secret", secret ?? role.secretAccessKey, "--s3-session-token", role.sessionToken ?? "",
            "--s3-bucket", moto.bucketName, "--s3-region", moto.region, "--verify-contexts",
        ])
        return (server, moto)
    }

    private func tree() throws -> String {
        let folder = try TestTools.temporaryFolder("upload-\(UUID().uuidString)")
        try TestTools.write(folder + "/src/app.py", "print('hi')\n")
        try TestTools.write(folder + "/src/lib/util.py", String(repeating: "x = 1\n", count: 2000))
        try TestTools.write(folder + "/requirements.txt", "requests\n")
        return folder
    }

    @Test func contextsLandAtTheirKeysAndASecondBuildSkipsThem() async throws {
        guard let (server, moto) = try await servers() else { return }
        let folder = try tree()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let image = try Image.debianSlim("3.12")
            .pipInstallFromRequirements(folder + "/requirements.txt")
            .addLocalDir(folder + "/src", remotePath: "/home/daytona/src")
        let daytona = try server.client()
        let reports = Mutex<[UploadProgress]>([])
        // Older than the cache's two-second window for racy writes, so its hashes are stored.
        try await Task.sleep(for: .milliseconds(2100))
        let cacheFolder = folder + "-hash-cache"
        defer { try? FileManager.default.removeItem(atPath: cacheFolder) }
        let cache = ContextHashCache(directory: cacheFolder)
        let snapshot = try await daytona.snapshot.create(
            CreateSnapshotParameters(name: "uploaded", image: image, contextHashCache: cache),
            onUploadProgress: { report in reports.withLock { $0.append(report) } }
        )
        #expect(snapshot.state == .active)
        let body = try #require(try await server.requests().first { $0.method == "POST" }?.json)
        let hashes = try image.contextList.map { try $0.hash() }
        #expect(body["buildInfo"]?["contextHashes"] == .array(hashes.map(JSONValue.string)))
        let organization = try #require(try await daytona.get(try await daytona.create().id).organizationID)
        for (context, hash) in zip(image.contextList, hashes) {
            let archive = folder + "/expected-\(hash).tar"
            try ContextArchive().write([context], toFileAt: archive)
            let expected = SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: archive)))
                .map { String(format: "%02x", $0) }.joined()
            let stored = try await moto.object("\(organization)/\(hash)/context.tar")
            #expect(stored.sha256 == expected, "context \(context.archivePath ?? "")")
        }
        #expect(reports.withLock { $0 }.contains { !$0.alreadyUploaded && $0.bytesSent > 0 })
        // One cache entry per context: the second build finds the hashes without reading the files.
        let entries = try FileManager.default.contentsOfDirectory(atPath: cacheFolder)
        #expect(entries.count == image.contextList.count)

        reports.withLock { $0.removeAll() }
        _ = try await daytona.snapshot.create(
            CreateSnapshotParameters(name: "again", image: image, contextHashCache: cache),
            onUploadProgress: { report in reports.withLock { $0.append(report) } }
        )
        let second = reports.withLock { $0 }
        #expect(second.count == hashes.count && second.allSatisfy(\.alreadyUploaded))
        #expect(second.map(\.hash) == hashes)
    }

    @Test func thePythonSchemeNamesTheKeyAsThePythonSDKDoes() async throws {
        guard let (server, _) = try await servers() else { return }
        let folder = try tree()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let image = try Image.base("alpine").addLocalFile(folder + "/requirements.txt", remotePath: "/r.txt")
        let sandbox = try await server.client().create(
            CreateSandboxParameters(image: image, contextHashScheme: .python, contextHashCache: nil),
            timeout: .seconds(60)
        )
        #expect(sandbox.state == .started)
        let body = try #require(try await server.requests().first { $0.method == "POST" }?.json)
        #expect(body["buildInfo"]?["contextHashes"] == [.string(try image.contextList[0].hash(using: .python))])
    }

    @Test func aFailedUploadNamesTheContextAndCreatesNothing() async throws {
        guard let (server, _) = try await servers(secret: "not-the-secret") else { return }
        let folder = try tree()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let image = try Image.base("alpine").addLocalDir(folder + "/src", remotePath: "/src")
        let error = try await #require(throws: DaytonaError.self) {
            _ = try await server.client().snapshot.create(
                CreateSnapshotParameters(name: "never", image: image, contextHashCache: nil)
            )
        }
        #expect(error.message.contains("Failed to upload build context"))
        #expect(error.message.contains(image.contextList[0].archivePath ?? "?"))
        #expect(!error.message.contains("not-the-secret"))
        #expect(try await server.requests().allSatisfy { $0.method != "POST" })
    }
}
