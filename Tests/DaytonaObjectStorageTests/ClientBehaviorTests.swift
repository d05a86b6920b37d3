import AsyncHTTPClient
import DaytonaErrors
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import DaytonaObjectStorage

/// The client over a scripted store (no network): retries, error mapping, part cutting,
/// concurrency and clean-up.
@Suite struct ClientBehaviorTests {
    static let mebibyte = 1 << 20

    /// A store that answers from a script and records what it was sent.
    final class ScriptedStore: Sendable {
        struct Sent: Sendable {
            var method: HTTPMethod
            var url: String
            var headers: HTTPHeaders
        }

        let sent = Locked<[Sent]>([])
        let inFlight = Locked((now: 0, most: 0))
        let answer: @Sendable (Sent) async throws -> (Int, HTTPHeaders, String)

        init(answer: @escaping @Sendable (Sent) async throws -> (Int, HTTPHeaders, String)) {
            self.answer = answer
        }

        func client(
            _ configuration: ObjectStorageClient.Configuration = .init(retryDelay: .milliseconds(1))
        )
            -> ObjectStorageClient
        {
            var client = ObjectStorageClient(
                bucket: S3Bucket(endpoint: URL(string: "http://store.test:9000")!, name: "bkt", region: "eu-west-1"),
                credentials: S3Credentials(accessKeyID: "AKIA", secretAccessKey: "secret", sessionToken: "token"),
                configuration: configuration
            )
            client.transport = .init { request, _ in
                let sent = Sent(method: request.method, url: request.url, headers: request.headers)
                self.sent.withLock { $0.append(sent) }
                self.inFlight.withLock { state in
                    state.now += 1
                    state.most = max(state.most, state.now)
                }
                defer { self.inFlight.withLock { $0.now -= 1 } }
                let (status, headers, body) = try await self.answer(sent)
                return HTTPClientResponse(
                    version: .http1_1,
                    status: .init(statusCode: status),
                    headers: headers,
                    body: .bytes(ByteBuffer(string: body)),
                    history: []
                )
            }
            return client
        }

        func count(_ method: HTTPMethod, containing text: String = "") -> Int {
            sent.current.filter { $0.method == method && (text.isEmpty || $0.url.contains(text)) }.count
        }
    }

    /// A store that runs multipart uploads well: ETags by part number, `complete` as given.
    static func multipartStore(
        complete: @escaping @Sendable () -> (Int, String) = {
            (200, "<CompleteMultipartUploadResult><ETag>\"joined-3\"</ETag></CompleteMultipartUploadResult>")
        },
        partDelay: Duration = .zero
    ) -> ScriptedStore {
        ScriptedStore { sent in
            switch sent.method {
            case .POST where sent.url.hasSuffix("?uploads="):
                return (
                    200, [:],
                    "<InitiateMultipartUploadResult><UploadId>up/1+&amp;2</UploadId></InitiateMultipartUploadResult>"
                )
            case .PUT where sent.url.contains("partNumber="):
                try await Task.sleep(for: partDelay)
                let number = sent.url.split(separator: "partNumber=")[1].prefix { $0 != "&" }
                return (200, ["ETag": "\"etag-\(number)\""], "")
            case .POST:
                let (status, body) = complete()
                return (status, [:], body)
            case .DELETE:
                return (204, [:], "")
            default:
                return (200, ["ETag": "\"single\""], "")
            }
        }
    }

    @Test func signsEveryRequestWithTheTokenAndTheBodyHash() async throws {
        let store = ScriptedStore { _ in (200, ["ETag": "\"e\""], "") }
        try await store.client().putObject(key: "a b.txt", data: Array("hello".utf8), contentType: "text/plain")
        let sent = try #require(store.sent.current.first)
        #expect(sent.url == "http://store.test:9000/bkt/a%20b.txt")
        #expect(sent.headers["host"] == ["store.test:9000"])
        #expect(sent.headers["x-amz-security-token"] == ["token"])
        #expect(
            sent.headers["x-amz-content-sha256"] == ["2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"]
        )
        let authorization = try #require(sent.headers["Authorization"].first)
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIA/"))
        #expect(
            authorization.contains(
                "/eu-west-1/s3/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature="
            )
        )
    }

    @Test func headIsFalseOnlyFor404() async throws {
        #expect(try await ScriptedStore { _ in (200, [:], "") }.client().objectExists(key: "k"))
        #expect(try await !ScriptedStore { _ in (404, [:], "") }.client().objectExists(key: "k"))
        await #expect {
            try await ScriptedStore { _ in (403, [:], "") }.client().objectExists(key: "dir/k")
        } throws: { error in
            guard let error = error as? DaytonaForbiddenError else { return false }
            return error.message == "Failed to check object 'dir/k' in bucket 'bkt': HTTP 403 Forbidden"
        }
    }

    @Test func mapsS3ErrorDocumentsToTheFamily() async throws {
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>AccessDenied</Code><Message>Access &amp; more &lt;denied&gt; &#233;</Message>\
            <RequestId>R1</RequestId></Error>
            """
        let store = ScriptedStore { _ in (403, ["x-amz-request-id": "R1"], document) }
        await #expect {
            try await store.client().putObject(key: "org/ctx.tar", data: [1, 2, 3])
        } throws: { error in
            guard let error = error as? DaytonaForbiddenError else { return false }
            return error.code == "AccessDenied" && error.statusCode == 403 && error.headers["X-Amz-Request-Id"] == "R1"
                && error.message
                    == "Failed to upload 'org/ctx.tar' to bucket 'bkt': Access & more <denied> é (AccessDenied)"
        }
        #expect(store.sent.current.count == 1)  // a refusal is not retried

        let missing = ScriptedStore { _ in (404, [:], "<Error><Code>NoSuchBucket</Code><Message>gone</Message></Error>")
        }
        await #expect(throws: DaytonaNotFoundError.self) { try await missing.client().putObject(key: "k", data: [1]) }
    }

    @Test func retriesPassingFailuresAWhile() async throws {
        let answers = Locked([503, 500, 200])
        let store = ScriptedStore { _ in
            let status = answers.withLock { $0.removeFirst() }
            return (status, [:], status == 503 ? "<Error><Code>SlowDown</Code><Message>Reduce</Message></Error>" : "")
        }
        try await store.client().putObject(key: "k", data: [1])
        #expect(store.sent.current.count == 3)
        // Each attempt is signed afresh.
        #expect(Set(store.sent.current.compactMap { $0.headers["Authorization"].first }).count >= 1)

        let busy = ScriptedStore { _ in (503, [:], "") }
        await #expect(throws: DaytonaServiceUnavailableError.self) { try await busy.client().objectExists(key: "k") }
        #expect(busy.sent.current.count == 3)

        let once = ScriptedStore { _ in (500, [:], "") }
        await #expect(throws: DaytonaInternalServerError.self) {
            try await once.client(.init(maxAttempts: 1)).objectExists(key: "k")
        }
        #expect(once.sent.current.count == 1)
    }

    @Test func aDroppedConnectionIsRetriedOnlyWhenTheRequestMayBeRepeated() async throws {
        let drops = ScriptedStore { _ in throw HTTPClientError.remoteConnectionClosed }
        await #expect(throws: DaytonaNetworkError.self) { try await drops.client().objectExists(key: "k") }
        #expect(drops.count(.HEAD) == 3)

        // CreateMultipartUpload is not repeated after a lost answer (it could leave an upload behind).
        let createDrops = ScriptedStore { sent in
            if sent.method == .POST { throw HTTPClientError.remoteConnectionClosed }
            return (200, [:], "")
        }
        await #expect(throws: DaytonaNetworkError.self) {
            try await createDrops.client(.init(partSize: 5 * Self.mebibyte, retryDelay: .milliseconds(1))).upload(
                key: "k",
                from: ChunkStream(data: testBytes(6 * Self.mebibyte))
            )
        }
        #expect(createDrops.count(.POST) == 1)

        let timesOut = ScriptedStore { _ in throw HTTPClientError.deadlineExceeded }
        await #expect(throws: DaytonaConnectionTimeoutError.self) {
            try await timesOut.client(.init(maxAttempts: 1)).objectExists(key: "k")
        }
    }

    @Test func cutsTheStreamIntoFullPartsAndCompletesInOrder() async throws {
        let store = Self.multipartStore(partDelay: .milliseconds(100))
        let configuration = ObjectStorageClient.Configuration(
            partSize: 5 * Self.mebibyte,
            maxConcurrentParts: 2,
            retryDelay: .milliseconds(1)
        )
        let data = testBytes(21 * Self.mebibyte + 3)
        let progress = Locked<[UInt64]>([])
        let result = try await store.client(configuration).upload(
            key: "org/ctx.tar",
            from: ChunkStream(data: data, sizes: [1, 3 * Self.mebibyte + 1, 0, 12_345]),
            expectedSize: Int64(data.count)
        ) { sent, total in
            #expect(total == UInt64(data.count))
            progress.withLock { $0.append(sent) }
        }
        #expect(
            result
                == .init(
                    key: "org/ctx.tar",
                    size: UInt64(data.count),
                    partCount: 5,
                    isMultipart: true,
                    eTag: "\"joined-3\""
                )
        )
        #expect(store.count(.PUT) == 5)
        #expect(store.inFlight.current.most == 2)  // never more parts at once than configured
        #expect(progress.current.last == UInt64(data.count))
        #expect(progress.current == progress.current.sorted())
        // The upload ID is sent back encoded.
        #expect(store.count(.PUT, containing: "uploadId=up%2F1%2B%262") == 5)
        #expect(store.count(.DELETE) == 0)
        // The part hashes are real: each PUT signs a different payload.
        let hashes = store.sent.current.filter { $0.method == .PUT }.compactMap {
            $0.headers["x-amz-content-sha256"].first
        }
        #expect(Set(hashes).count == 5 && !hashes.contains("UNSIGNED-PAYLOAD"))
    }

    @Test func theCompletionDocumentListsThePartsInOrder() {
        let parts = [3, 1, 2].map { ObjectStorageClient.CompletedPart(number: $0, eTag: "\"e\($0)\"", size: 1) }
        #expect(
            ObjectStorageClient.completionDocument(parts)
                == #"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
                + "<Part><ETag>&quot;e1&quot;</ETag><PartNumber>1</PartNumber></Part>"
                + "<Part><ETag>&quot;e2&quot;</ETag><PartNumber>2</PartNumber></Part>"
                + "<Part><ETag>&quot;e3&quot;</ETag><PartNumber>3</PartNumber></Part>"
                + "</CompleteMultipartUpload>"
        )
    }

    @Test func anErrorDocumentSentWith200FailsTheCompletionAndAbortsTheUpload() async throws {
        let store = Self.multipartStore(complete: {
            (200, "<?xml version=\"1.0\"?><Error><Code>InternalError</Code><Message>Try again</Message></Error>")
        })
        await #expect {
            try await store.client().upload(key: "big.tar", from: ChunkStream(data: testBytes(9 * Self.mebibyte)))
        } throws: { error in
            (error as? DaytonaInternalServerError)?.code == "InternalError"
        }
        #expect(store.count(.POST, containing: "?uploadId=") == 3)  // retried, as a 500 would be
        #expect(store.count(.DELETE) == 1)
    }

    @Test func aStreamOfTheWrongSizeFailsAndAborts() async throws {
        let longer = Self.multipartStore()
        await #expect {
            try await longer.client(.init(partSize: 5 * Self.mebibyte, retryDelay: .milliseconds(1))).upload(
                key: "k",
                from: ChunkStream(data: testBytes(11 * Self.mebibyte)),
                expectedSize: Int64(10 * Self.mebibyte)
            )
        } throws: { error in
            (error as? DaytonaBadRequestError)?.message.contains("longer than the expected") == true
        }
        #expect(longer.count(.DELETE) == 1)

        let shorter = ScriptedStore { _ in (200, [:], "") }
        await #expect(throws: DaytonaBadRequestError.self) {
            try await shorter.client().upload(key: "k", from: ChunkStream(data: [1, 2, 3]), expectedSize: 4)
        }
        #expect(shorter.sent.current.isEmpty)
    }

    @Test func refusesBadInputBeforeSendingAnything() async throws {
        let store = ScriptedStore { _ in (200, [:], "") }
        await #expect(throws: DaytonaBadRequestError.self) { try await store.client().putObject(key: "", data: [1]) }
        await #expect(throws: DaytonaBadRequestError.self) {
            try await store.client().objectExists(key: String(repeating: "k", count: 1025))
        }
        await #expect(throws: DaytonaBadRequestError.self) {
            try await store.client(.init(partSize: 1 << 20)).upload(key: "k", from: ChunkStream(data: [1]))
        }
        #expect(store.sent.current.isEmpty)
    }

    @Test func raisesThePartSizeForHugeObjects() {
        let configured = 5 * Self.mebibyte
        #expect(ObjectStorageClient.partSize(configured, expectedSize: nil) == configured)
        #expect(ObjectStorageClient.partSize(configured, expectedSize: 1 << 30) == configured)
        let huge: UInt64 = 200 << 30  // 200 GiB needs parts of at least 20.48 MiB
        let raised = ObjectStorageClient.partSize(configured, expectedSize: huge)
        #expect(raised == 21 * Self.mebibyte)
        #expect(UInt64(raised) * 10_000 >= huge)
    }

    @Test func readsAnXMLElementOnlyByItsExactName() {
        let document = "<R><UploadIdMarker>x</UploadIdMarker><UploadId>id&amp;1</UploadId><Empty/></R>"
        #expect(S3XML.first("UploadId", in: document) == "id&1")
        #expect(S3XML.first("Empty", in: document) == "")
        #expect(S3XML.first("Missing", in: document) == nil)
        #expect(S3XML.decode("&#x41;&#66;&bogus;&") == "AB&bogus;&")
    }
}

extension ClientBehaviorTests {
    @Test func anUploadCancelledWhileItIsCreatedIsStillAborted() async throws {
        let (created, creating) = AsyncStream.makeStream(of: Void.self)
        let store = ScriptedStore { sent in
            switch sent.method {
            case .POST:
                creating.yield()
                try? await Task.sleep(for: .milliseconds(200))  // the store takes its time, then answers
                return (
                    200, [:], "<InitiateMultipartUploadResult><UploadId>u-1</UploadId></InitiateMultipartUploadResult>"
                )
            case .DELETE:
                return (204, [:], "")
            default:
                return (200, ["ETag": "\"e\""], "")
            }
        }
        let client = store.client(.init(partSize: 5 * Self.mebibyte, retryDelay: .milliseconds(1)))
        let upload = Task { try await client.upload(key: "k", from: ChunkStream(data: testBytes(6 * Self.mebibyte))) }
        for await _ in created { break }
        upload.cancel()
        await #expect(throws: CancellationError.self) { try await upload.value }
        #expect(store.count(.DELETE, containing: "uploadId=u-1") == 1)
    }
}
