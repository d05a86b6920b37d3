import AsyncHTTPClient
import DaytonaErrors
import DaytonaTestSupport
import Foundation
import NIOCore
import Testing

@testable import DaytonaObjectStorage

/// The client against moto's S3 server with signature checking on.
///
/// Every request must carry a valid SigV4 signature from a key that IAM knows (see
/// `Support/MotoS3.swift`). Objects and multipart uploads are checked independently, with boto3.
@Suite struct MotoIntegrationTests {
    static let mebibyte = 1 << 20

    @Test func headTellsPresentFromAbsent() async throws {
        guard let moto = await MotoS3.shared() else { return }
        let client = moto.client()
        #expect(try await client.objectExists(key: moto.existingKey))
        #expect(try await !client.objectExists(key: MotoS3.uniqueKey("never written.txt")))
    }

    @Test func putStoresTheBytes() async throws {
        guard let moto = await MotoS3.shared() else { return }
        let key = MotoS3.uniqueKey("single.bin")
        let data = testBytes(300_001)
        let result = try await moto.client().putObject(key: key, data: data, contentType: "application/octet-stream")
        #expect(result.size == 300_001)
        #expect(!result.isMultipart)
        #expect(try await moto.object(key) == .init(size: data.count, sha256: sha256Hex(data)))
        #expect(try await moto.client().objectExists(key: key))
    }

    @Test func aStreamThatEndsWithinThePartIsOnePut() async throws {
        guard let moto = await MotoS3.shared() else { return }
        let key = MotoS3.uniqueKey("small stream.tar")
        let data = testBytes(3 * Self.mebibyte + 17)
        let calls = Locked<[UInt64]>([])
        let result = try await moto.client().upload(
            key: key,
            from: ChunkStream(data: data, sizes: [65_536, 1_000_003]),
            expectedSize: Int64(data.count)
        ) { sent, total in
            #expect(total == UInt64(data.count))
            calls.withLock { $0.append(sent) }
        }
        #expect(!result.isMultipart)
        #expect(calls.current == [UInt64(data.count)])
        #expect(try await moto.object(key) == .init(size: data.count, sha256: sha256Hex(data)))
    }

    @Test func aLargeStreamGoesInPartsAndArrivesWhole() async throws {
        guard let moto = await MotoS3.shared() else { return }
        // An unusual key on the multipart path: every request has a query and this path.
        let key = MotoS3.uniqueKey("ctx a+b=c (1) ü€😀.tar")
        let data = testBytes(12 * Self.mebibyte)
        let progress = Locked<[UInt64]>([])
        let result = try await moto.client(maxConcurrentParts: 2).upload(
            key: key,
            from: ChunkStream(data: data, sizes: [777_777, 3 * Self.mebibyte, 1]),
            expectedSize: Int64(data.count)
        ) { sent, _ in progress.withLock { $0.append(sent) } }
        #expect(result.isMultipart)
        #expect(result.partCount == 3)  // 5 + 5 + 2 MiB
        #expect(result.size == UInt64(data.count))
        #expect(progress.current.count == 3)
        #expect(progress.current == progress.current.sorted())
        #expect(progress.current.last == UInt64(data.count))
        #expect(try await moto.object(key) == .init(size: data.count, sha256: sha256Hex(data)))
        #expect(try await moto.pendingUploads(prefix: key).isEmpty)
    }

    @Test func aStreamThatFailsMidwayAbortsTheUpload() async throws {
        guard let moto = await MotoS3.shared() else { return }
        let key = MotoS3.uniqueKey("broken.tar")
        // The first part is stored and the multipart upload exists when the stream breaks.
        let stream = ChunkStream(data: testBytes(20 * Self.mebibyte), stopAfter: 11 * Self.mebibyte)
        await #expect {
            try await moto.client().upload(key: key, from: stream)
        } throws: { error in
            guard let error = error as? DaytonaError else { return false }
            return error.message.contains(key) && error.message.contains("the archive writer broke")
        }
        #expect(try await moto.pendingUploads(prefix: key).isEmpty)
        #expect(try await moto.object(key).missing == true)
    }

    @Test func aPartThatKeepsFailingIsRetriedThenTheUploadAborted() async throws {
        guard let moto = await MotoS3.shared() else { return }
        let key = MotoS3.uniqueKey("flaky part.tar")
        let attempts = Locked(0)
        var client = moto.client()
        let real = client.transport
        client.transport = .init { request, timeout in
            if request.method == .PUT, request.url.contains("partNumber=2&") {
                attempts.withLock { $0 += 1 }
                return Self.response(
                    500,
                    #"<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"#
                )
            }
            return try await real.execute(request, timeout)
        }
        await #expect {
            try await client.upload(key: key, from: ChunkStream(data: testBytes(11 * Self.mebibyte)))
        } throws: { error in
            guard let error = error as? DaytonaInternalServerError else { return false }
            return error.code == "InternalError" && error.message.contains(key) && error.message.contains("part 2")
        }
        #expect(attempts.current == 3)
        #expect(try await moto.pendingUploads(prefix: key).isEmpty)
    }

    @Test func aPartWhoseConnectionDropsOnceIsSentAgain() async throws {
        guard let moto = await MotoS3.shared() else { return }
        let key = MotoS3.uniqueKey("dropped once.tar")
        let dropped = Locked(false)
        var client = moto.client()
        let real = client.transport
        client.transport = .init { request, timeout in
            if request.method == .PUT, request.url.contains("partNumber=2&"),
                !dropped.withLock({ flag in
                    defer { flag = true }
                    return flag
                })
            {
                throw HTTPClientError.remoteConnectionClosed
            }
            return try await real.execute(request, timeout)
        }
        let data = testBytes(10 * Self.mebibyte + 5)
        let result = try await client.upload(key: key, from: ChunkStream(data: data))
        #expect(result.partCount == 3)
        #expect(dropped.current)
        #expect(try await moto.object(key) == .init(size: data.count, sha256: sha256Hex(data)))
    }

    @Test func cancellingAnUploadAbortsIt() async throws {
        guard let moto = await MotoS3.shared() else { return }
        let key = MotoS3.uniqueKey("cancelled.tar")
        let (hung, hang) = AsyncStream.makeStream(of: Void.self)
        let stream = ChunkStream(
            data: testBytes(20 * Self.mebibyte),
            stopAfter: 7 * Self.mebibyte,
            hangs: true,
            onHang: { hang.yield() }
        )
        let client = moto.client()
        let upload = Task { try await client.upload(key: key, from: stream) }
        for await _ in hung { break }  // the multipart upload exists and part 1 is on its way
        #expect(try await moto.pendingUploads(prefix: key).count == 1)
        upload.cancel()
        await #expect(throws: CancellationError.self) { try await upload.value }
        #expect(try await moto.pendingUploads(prefix: key).isEmpty)
    }

    @Test func aWrongSecretIsRefused() async throws {
        guard let moto = await MotoS3.shared() else { return }
        let wrongSecret = S3Credentials(accessKeyID: moto.user.accessKeyID, secretAccessKey: "not-the-secret")
        let client = moto.client(credentials: wrongSecret)
        await #expect(throws: DaytonaForbiddenError.self) { try await client.objectExists(key: moto.existingKey) }
        let key = MotoS3.uniqueKey("refused.txt")
        await #expect {
            try await client.putObject(key: key, data: Array("x".utf8))
        } throws: { error in
            guard let error = error as? DaytonaForbiddenError else { return false }
            return error.code == "SignatureDoesNotMatch" && error.statusCode == 403 && error.message.contains(key)
        }
        let unknownKey = moto.client(credentials: S3Credentials(accessKeyID: "AKIAUNKNOWN", secretAccessKey: "x"))
        await #expect {
            try await unknownKey.putObject(key: key, data: Array("x".utf8))
        } throws: { error in
            (error as? DaytonaForbiddenError)?.code == "InvalidAccessKeyId"
        }
        #expect(try await moto.object(key).missing == true)
    }

    @Test func temporaryCredentialsWithASessionTokenWork() async throws {
        guard let moto = await MotoS3.shared() else { return }
        #expect(moto.assumedRole.sessionToken != nil)
        let key = MotoS3.uniqueKey("assumed role.txt")
        let data = testBytes(1234)
        let client = moto.client(credentials: moto.assumedRole)
        try await client.putObject(key: key, data: data)
        #expect(try await client.objectExists(key: key))
        #expect(try await moto.object(key) == .init(size: data.count, sha256: sha256Hex(data)))

        // The same key without its token, or with another, is refused.
        var withoutToken = moto.assumedRole
        withoutToken.sessionToken = nil
        await #expect(throws: DaytonaError.self) {
            try await moto.client(credentials: withoutToken).objectExists(key: key)
        }
        var otherToken = moto.assumedRole
        otherToken.sessionToken = "not-the-token"
        await #expect(throws: DaytonaError.self) {
            try await moto.client(credentials: otherToken).putObject(key: key, data: data)
        }
    }

    @Test(arguments: [
        "with spaces/and more spaces.txt", "plus+sign+key", "ünïcödé/日本語/😀.tar", "e\u{301} combining",
        "reserved !$&'()*,;=:@[]#?%.txt", "tilde~under_score-dash.dot", "a//double/./slash",
    ])
    func unusualKeysRoundTrip(_ name: String) async throws {
        guard let moto = await MotoS3.shared() else { return }
        let key = MotoS3.uniqueKey(name)
        let data = testBytes(100 + name.utf8.count)
        let client = moto.client()
        #expect(try await !client.objectExists(key: key))
        try await client.putObject(key: key, data: data)
        #expect(try await client.objectExists(key: key))
        #expect(try await moto.object(key) == .init(size: data.count, sha256: sha256Hex(data)))
    }

    @Test func virtualHostedAddressingWorks() async throws {
        guard let moto = await MotoS3.shared() else { return }
        // The bucket is named in the Host header (daytona-push.storage.test); the CONNECT proxy
        // takes the connection to moto, so no DNS is needed for that name.
        var configuration = HTTPClient.Configuration()
        configuration.proxy = .server(host: "127.0.0.1", port: moto.tunnelPort)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let bucket = S3Bucket(
                endpoint: try #require(URL(string: "http://storage.test:9000")),
                name: moto.bucketName,
                region: moto.region,
                addressing: .virtualHosted
            )
            let client = ObjectStorageClient(bucket: bucket, credentials: moto.user, httpClient: httpClient)
            let key = MotoS3.uniqueKey("virtual host ü+.txt")
            let data = testBytes(4096)
            #expect(try await client.objectExists(key: moto.existingKey))
            try await client.putObject(key: key, data: data)
            #expect(try await client.objectExists(key: key))
            #expect(try await moto.object(key) == .init(size: data.count, sha256: sha256Hex(data)))
        } catch {
            try await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    static func response(_ status: Int, _ body: String) -> HTTPClientResponse {
        HTTPClientResponse(
            version: .http1_1,
            status: .init(statusCode: status),
            headers: ["Content-Type": "application/xml"],
            body: .bytes(ByteBuffer(string: body)),
            history: []
        )
    }
}
