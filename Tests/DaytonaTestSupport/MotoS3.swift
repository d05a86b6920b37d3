import AsyncHTTPClient
import DaytonaObjectStorage
import Foundation
import NIOCore

/// moto's S3 server with signature checking on, started once per test process by
/// `moto_fixture.py` (beside this file), which also creates the bucket, an object, an IAM
/// user's key and an assumed role's temporary credentials, and serves boto3's view of the
/// bucket for the tests to check against.
///
/// Needs `python3` with `moto[server]` and `boto3`; without them the tests skip, unless
/// `DAYTONA_REQUIRE_MOTO=1` (CI), where a missing moto is a failure. The server lives as long
/// as the test process: it exits when its standard input, a pipe this process holds, closes.
public struct MotoS3: Sendable {
    /// Credentials the setup made.
    public struct Keys: Decodable, Sendable {
        var accessKeyID: String
        var secretAccessKey: String
        var sessionToken: String?

        public var credentials: S3Credentials {
            S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
        }
    }

    private struct Setup: Decodable {
        var endpoint: String?
        var region: String?
        var bucket: String?
        var existingKey: String?
        var existingSize: Int?
        var user: Keys?
        var assumedRole: Keys?
        var tunnelPort: Int?
        var checkPort: Int?
        var error: String?
    }

    /// What an object holds, as boto3 read it.
    public struct StoredObject: Decodable, Sendable, Equatable {
        public var size: Int?
        public var sha256: String?
        public var missing: Bool?

        /// Creates the expected view of an object.
        public init(size: Int? = nil, sha256: String? = nil, missing: Bool? = nil) {
            self.size = size
            self.sha256 = sha256
            self.missing = missing
        }
    }

    /// A multipart upload in progress, as boto3 listed it.
    public struct PendingUpload: Decodable, Sendable, Equatable {
        public var key: String
        public var uploadId: String

        /// Creates the expected view of an upload.
        public init(key: String, uploadId: String) {
            self.key = key
            self.uploadId = uploadId
        }
    }

    public let endpoint: URL
    public let region: String
    public let bucketName: String
    /// An object that the setup stored (13 bytes).
    public let existingKey: String
    public let existingSize: Int
    /// An IAM user's long-lived key, allowed `s3:*`.
    public let user: S3Credentials
    /// An assumed role's temporary credentials (with a session token), allowed `s3:*`.
    public let assumedRole: S3Credentials
    /// A CONNECT proxy on 127.0.0.1 that tunnels every connection to moto.
    public let tunnelPort: Int
    /// boto3's view of the bucket, on 127.0.0.1.
    public let checkPort: Int

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("moto_fixture.py").path
    public static let required = ProcessInfo.processInfo.environment["DAYTONA_REQUIRE_MOTO"] == "1"

    /// The bucket, path-style.
    public var bucket: S3Bucket { S3Bucket(endpoint: endpoint, name: bucketName, region: region) }

    /// A client for the bucket with the user's key (or `credentials`) and small parts.
    public func client(
        credentials: S3Credentials? = nil,
        partSize: Int = ObjectStorageClient.Configuration.minimumPartSize,
        maxConcurrentParts: Int = 4
    ) -> ObjectStorageClient {
        ObjectStorageClient(
            bucket: bucket,
            credentials: credentials ?? user,
            configuration: .init(
                partSize: partSize,
                maxConcurrentParts: maxConcurrentParts,
                retryDelay: .milliseconds(10),
                requestTimeout: .seconds(30)
            )
        )
    }

    /// The one server of this process, started on first use; the error says why it could not start.
    public static func launched() async throws -> MotoS3 {
        try await launch.value.get()
    }

    /// What boto3 reads back for `key`.
    public func object(_ key: String) async throws -> StoredObject {
        try JSONDecoder().decode(StoredObject.self, from: try await check("object?key=", key))
    }

    /// The multipart uploads in progress under `prefix`, as boto3 lists them.
    public func pendingUploads(prefix: String) async throws -> [PendingUpload] {
        try JSONDecoder().decode([PendingUpload].self, from: try await check("uploads?prefix=", prefix))
    }

    /// A key no other test uses.
    public static func uniqueKey(_ name: String) -> String { "tests/\(UUID().uuidString)/\(name)" }

    private func check(_ query: String, _ value: String) async throws -> Data {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
        )
        let encoded = value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(checkPort)/\(query)\(encoded)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else {
            throw FixtureError("moto_fixture.py's check \(query)\(value) failed: \(String(buffer: body))")
        }
        return Data(body.readableBytesView)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private static let python = TestTools.find("python3")

    /// The one server of this process: started on first use.
    private static let launch = Task<Result<MotoS3, any Error>, Never> {
        do { return .success(try await start()) } catch { return .failure(error) }
    }

    /// The pipe to the server's standard input; never closed, so the server lives as long as we do.
    private nonisolated(unsafe) static var serverInput: Pipe?

    private static func start() async throws -> MotoS3 {
        guard let python else { throw FixtureError("python3 is not on PATH") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script]
        let input = Pipe()
        let output = Pipe()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("daytona-moto-\(getpid()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        // The server keeps writing to the file it was given; the name goes once it has started (or failed).
        defer { try? FileManager.default.removeItem(at: log) }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        serverInput = input

        let line = try await offThread { () -> Data in
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return data
        }
        // The last line of the server's standard error: a Python traceback ends with the error.
        let errorLog = {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").last.map(String.init) ?? "(no output)"
        }
        guard !line.isEmpty else {
            throw FixtureError("moto_fixture.py exited without starting moto: \(errorLog())")
        }
        let setup = try JSONDecoder().decode(Setup.self, from: line)
        guard let endpoint = setup.endpoint.flatMap(URL.init(string:)), let region = setup.region,
            let bucket = setup.bucket, let existingKey = setup.existingKey, let existingSize = setup.existingSize,
            let user = setup.user, let assumedRole = setup.assumedRole, let tunnelPort = setup.tunnelPort,
            let checkPort = setup.checkPort
        else {
            throw FixtureError("moto's setup failed: \(setup.error ?? "incomplete answer") \(errorLog())")
        }
        return MotoS3(
            endpoint: endpoint,
            region: region,
            bucketName: bucket,
            existingKey: existingKey,
            existingSize: existingSize,
            user: user.credentials,
            assumedRole: assumedRole.credentials,
            tunnelPort: tunnelPort,
            checkPort: checkPort
        )
    }

    /// Runs blocking work (a child process, a pipe read) on a thread of its own, not on the
    /// concurrency pool's few threads.
    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
