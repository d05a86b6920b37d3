import AsyncHTTPClient
import DaytonaErrors
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A client for one bucket of an S3-compatible object store, as the SDK uses it to upload
/// build contexts: ask whether an object exists, put a small object, stream a large one.
///
/// Every request is signed with AWS Signature Version 4. Bodies held in memory (a whole small
/// object, each part of a multipart upload) are signed with their SHA-256, so the store checks
/// the bytes it received.
///
/// ```swift
/// let storage = ObjectStorageClient(
///     bucket: S3Bucket(endpoint: URL(string: access.storageUrl)!, name: access.bucket, region: "us-east-1"),
///     credentials: S3Credentials(accessKeyID: access.accessKey, secretAccessKey: access.secret, sessionToken: access.sessionToken)
/// )
/// let key = "\(access.organizationId)/\(hash)/context.tar"
/// if try await !storage.objectExists(key: key) {
///     try await storage.upload(key: key, from: archiveChunks, expectedSize: size) { sent, total in print(sent, total ?? 0) }
/// }
/// ```
///
/// Failures are `DaytonaError`s whose message names the object: an S3 error document's
/// `<Code>` becomes ``DaytonaError/code`` and its status the type (403 ``DaytonaForbiddenError``,
/// 404 ``DaytonaNotFoundError``, 503 ``DaytonaServiceUnavailableError``, …); a connection that
/// fails is a ``DaytonaNetworkError``, one that times out a ``DaytonaConnectionTimeoutError``.
/// Cancelling the calling task cancels the requests in flight and throws `CancellationError`.
public struct ObjectStorageClient: Sendable {
    /// How uploads are cut and how hard requests are tried.
    public struct Configuration: Sendable, Hashable {
        /// The smallest part S3 accepts for any part but the last: 5 MiB.
        public static let minimumPartSize = 5 * 1024 * 1024
        /// The largest part S3 accepts: 5 GiB.
        public static let maximumPartSize: Int64 = 5 << 30
        /// The most parts one multipart upload may have.
        public static let maximumPartCount = 10_000

        /// The size of each part of a multipart upload (the last may be smaller).
        ///
        /// A stream that ends within the first part is sent with one PUT instead. At least
        /// ``minimumPartSize``; raised when ``ObjectStorageClient/upload(key:from:expectedSize:contentType:progress:)``
        /// is told a size that would need more than ``maximumPartCount`` parts. 8 MiB by default.
        public var partSize: Int
        /// How many parts are sent at once.
        ///
        /// An upload holds at most this many parts in memory (`maxConcurrentParts × partSize`
        /// bytes, plus one chunk of the input). 4 by default.
        public var maxConcurrentParts: Int
        /// How many times a request is tried before its failure stands.
        ///
        /// Only failures that may pass are tried again: 429, 500, 502, 503, 504, S3's
        /// `RequestTimeout`, and a dropped connection on a request that is safe to repeat.
        /// 3 by default; 1 turns retries off.
        public var maxAttempts: Int
        /// The wait before the second attempt; each later wait doubles it.
        ///
        /// 200 ms by default.
        public var retryDelay: Duration
        /// How long one request may take, body included.
        ///
        /// 5 minutes by default.
        public var requestTimeout: Duration

        /// A configuration; every parameter has its default.
        public init(
            partSize: Int = 8 * 1024 * 1024,
            maxConcurrentParts: Int = 4,
            maxAttempts: Int = 3,
            retryDelay: Duration = .milliseconds(200),
            requestTimeout: Duration = .seconds(300)
        ) {
            self.partSize = partSize
            self.maxConcurrentParts = maxConcurrentParts
            self.maxAttempts = maxAttempts
            self.retryDelay = retryDelay
            self.requestTimeout = requestTimeout
        }

        func validated() throws -> Configuration {
            guard partSize >= Self.minimumPartSize, Int64(partSize) <= Self.maximumPartSize else {
                throw DaytonaBadRequestError(
                    message: "The part size \(partSize) is outside S3's limits (5 MiB to 5 GiB)"
                )
            }
            guard maxConcurrentParts >= 1, maxAttempts >= 1 else {
                throw DaytonaBadRequestError(message: "maxConcurrentParts and maxAttempts must be at least 1")
            }
            return self
        }
    }

    /// What an upload stored.
    public struct UploadResult: Sendable, Hashable {
        /// The object's key.
        public var key: String
        /// The number of bytes stored.
        public var size: UInt64
        /// The number of parts: 1 for a single PUT.
        public var partCount: Int
        /// Whether the object was sent as a multipart upload.
        public var isMultipart: Bool
        /// The object's entity tag as the store returned it (quotes included), if it did.
        public var eTag: String?
    }

    /// The bucket that every request goes to.
    public let bucket: S3Bucket
    /// How uploads are cut and how hard requests are tried.
    public let configuration: Configuration
    let credentials: S3Credentials
    let logger: Logger
    /// What sends a request; tests put a faulty network in front of the real one here.
    package var transport: Transport

    /// The connection pool clients use unless given one: `HTTPClient.shared`'s settings, but
    /// redirects are not followed.
    ///
    /// A signed request re-sent to another host would carry its session token there, and its
    /// signature would not hold anyway; S3 answers a wrong region or endpoint with a redirect,
    /// which is better reported (as an error naming the key) than chased.
    public static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Creates a client for a bucket.
    ///
    /// - Parameters:
    ///   - bucket: The store, bucket, region and addressing.
    ///   - credentials: The keys that sign every request.
    ///   - configuration: Part size, parallelism, retries and time-outs.
    ///   - httpClient: The connection pool to use; by default ``defaultHTTPClient``, which does
    ///     not follow redirects. The client does not shut it down.
    ///   - logger: Where retries and failed clean-ups are reported.
    public init(
        bucket: S3Bucket,
        credentials: S3Credentials,
        configuration: Configuration = Configuration(),
        httpClient: HTTPClient = ObjectStorageClient.defaultHTTPClient,
        logger: Logger = Logger(label: "daytona.object-storage")
    ) {
        self.bucket = bucket
        self.credentials = credentials
        self.configuration = configuration
        self.logger = logger
        self.transport = Transport(httpClient)
    }

    /// Whether an object exists (a `HEAD` request); `false` when the store answers 404.
    ///
    /// Any other failure throws: with credentials that may not read the bucket, a
    /// ``DaytonaForbiddenError``.
    public func objectExists(key: String) async throws -> Bool {
        let prefix = "Failed to check object '\(key)' in bucket '\(bucket.name)': "
        try Self.validate(key: key, prefix: prefix)
        let response = try await send(
            .HEAD,
            key: key,
            idempotent: true,
            prefix: prefix,
            accepting: [404]
        )
        return response.status != 404
    }

    /// Stores an object with one `PUT`, signed with the body's SHA-256.
    ///
    /// S3 takes up to 5 GiB in one PUT; for large or streamed data use
    /// ``upload(key:from:expectedSize:contentType:progress:)``, which sends parts.
    ///
    /// - Parameters:
    ///   - key: The object's key.
    ///   - data: The object's bytes.
    ///   - contentType: The `Content-Type` to store with the object, if any.
    @discardableResult
    public func putObject(
        key: String,
        data: some Collection<UInt8>,
        contentType: String? = nil
    ) async throws -> UploadResult {
        let prefix = uploadPrefix(key)
        try Self.validate(key: key, prefix: prefix)
        var buffer = ByteBufferAllocator().buffer(capacity: data.count)
        buffer.writeBytes(data)
        return try await putObject(key: key, buffer: buffer, contentType: contentType, prefix: prefix)
    }

    func putObject(key: String, buffer: ByteBuffer, contentType: String?, prefix: String) async throws -> UploadResult {
        let response = try await send(
            .PUT,
            key: key,
            headers: contentType.map { [("Content-Type", $0)] } ?? [],
            body: buffer,
            idempotent: true,
            prefix: prefix
        )
        return UploadResult(
            key: key,
            size: UInt64(buffer.readableBytes),
            partCount: 1,
            isMultipart: false,
            eTag: response.headers.first(name: "ETag")
        )
    }

    func uploadPrefix(_ key: String) -> String { "Failed to upload '\(key)' to bucket '\(bucket.name)': " }

    static func validate(key: String, prefix: String) throws {
        guard !key.isEmpty else { throw DaytonaBadRequestError(message: prefix + "the object key is empty") }
        guard key.utf8.count <= 1024 else {
            throw DaytonaBadRequestError(message: prefix + "the object key is longer than S3's 1024 bytes")
        }
    }
}

// MARK: - Requests

extension ObjectStorageClient {
    /// Sends requests; by default through an `HTTPClient`.
    package struct Transport: Sendable {
        /// Sends one request and returns the response head (the body may still be arriving).
        package var execute: @Sendable (HTTPClientRequest, TimeAmount) async throws -> HTTPClientResponse

        /// A transport over `client`.
        package init(_ client: HTTPClient) {
            execute = { request, timeout in try await client.execute(request, timeout: timeout) }
        }

        /// A transport that runs `execute`.
        package init(execute: @escaping @Sendable (HTTPClientRequest, TimeAmount) async throws -> HTTPClientResponse) {
            self.execute = execute
        }
    }

    /// A response with its whole (small) body.
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    /// The most of a response body that is read: S3's answers here are small XML documents.
    static let maximumResponseBodySize = 1 << 20

    /// Sends a signed request, retrying failures that may pass, and returns a 2xx response or
    /// one whose status is in `accepting`; any other answer throws its `DaytonaError`, as does
    /// a response for which `failure` returns one.
    ///
    /// Each attempt is signed afresh (with the current time); a body's hash is computed once.
    func send(
        _ method: HTTPMethod,
        key: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [],
        body: ByteBuffer? = nil,
        idempotent: Bool,
        prefix: String,
        accepting: Set<Int> = [],
        failure: (@Sendable (Response) -> DaytonaError?)? = nil
    ) async throws -> Response {
        let target: S3Bucket.Target
        do {
            target = try bucket.target(key: key, query: query)
        } catch let error as DaytonaError {
            throw error.prefixed(prefix)
        }
        // PUT and POST always carry a body, if an empty one, so that Content-Length is sent.
        let body = body ?? ([.PUT, .POST].contains(method) ? ByteBuffer() : nil)
        let payload = body.map { SigV4Signer.Payload.hashing($0.readableBytesView) } ?? .empty
        let signer = SigV4Signer(credentials: credentials, region: bucket.region)
        let timeout = TimeAmount.nanoseconds(Self.nanoseconds(configuration.requestTimeout))
        var attempt = 1
        while true {
            try Task.checkCancellation()
            do {
                let signature = signer.sign(
                    method: method.rawValue,
                    target: target,
                    headers: headers,
                    payload: payload,
                    date: Date()
                )
                var request = HTTPClientRequest(url: target.url)
                request.method = method
                for (name, value) in signature.headers { request.headers.add(name: name, value: value) }
                if let body { request.body = .bytes(body) }
                let response: Response
                do {
                    let head = try await transport.execute(request, timeout)
                    let data = try await head.body.collect(upTo: Self.maximumResponseBodySize)
                    response = Response(status: Int(head.status.code), headers: head.headers, body: data)
                } catch {
                    throw S3Failure.transport(error, host: target.host, prefix: prefix)
                }
                if (200..<300).contains(response.status) || accepting.contains(response.status) {
                    if let failure = failure?(response) { throw failure }
                    return response
                }
                throw S3Failure.error(
                    status: response.status,
                    headers: response.headers,
                    body: response.body,
                    prefix: prefix
                )
            } catch {
                guard attempt < configuration.maxAttempts, !Task.isCancelled,
                    S3Failure.isRetryable(error, idempotent: idempotent)
                else { throw error }
                let delay = configuration.retryDelay * (1 << (attempt - 1))
                logger.debug(
                    "Retrying an object storage request",
                    metadata: [
                        "method": "\(method.rawValue)", "key": "\(key)", "attempt": "\(attempt + 1)",
                        "error": "\(error)",
                    ]
                )
                try await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

// MARK: - Multipart primitives

extension ObjectStorageClient {
    /// One stored part of a multipart upload.
    struct CompletedPart: Sendable, Hashable {
        var number: Int
        var eTag: String
        var size: Int
    }

    /// Starts a multipart upload and returns its upload ID.
    func createMultipartUpload(key: String, contentType: String?, prefix: String) async throws -> String {
        let response = try await send(
            .POST,
            key: key,
            query: [("uploads", "")],
            headers: contentType.map { [("Content-Type", $0)] } ?? [],
            idempotent: false,
            prefix: prefix
        )
        guard let uploadID = S3XML.first("UploadId", in: String(buffer: response.body)), !uploadID.isEmpty else {
            throw DaytonaError(message: prefix + "the store's answer to CreateMultipartUpload has no UploadId")
        }
        return uploadID
    }

    /// Sends one part (numbered from 1), signed with its SHA-256, and returns its entity tag.
    func uploadPart(
        key: String,
        uploadID: String,
        number: Int,
        body: ByteBuffer,
        prefix: String
    ) async throws -> CompletedPart {
        let response = try await send(
            .PUT,
            key: key,
            query: [("partNumber", String(number)), ("uploadId", uploadID)],
            body: body,
            idempotent: true,
            prefix: prefix + "part \(number): "
        )
        guard let eTag = response.headers.first(name: "ETag") else {
            throw DaytonaError(message: prefix + "part \(number): the store's answer has no ETag")
        }
        return CompletedPart(number: number, eTag: eTag, size: body.readableBytes)
    }

    /// Joins the parts into the object and returns its entity tag.
    ///
    /// S3 may fail this request after sending `200 OK`, with an error document as the body; that
    /// counts as a failure too.
    func completeMultipartUpload(
        key: String,
        uploadID: String,
        parts: [CompletedPart],
        prefix: String
    ) async throws -> String? {
        let response = try await send(
            .POST,
            key: key,
            query: [("uploadId", uploadID)],
            headers: [("Content-Type", "application/xml")],
            body: ByteBuffer(string: Self.completionDocument(parts)),
            idempotent: false,
            prefix: prefix,
            failure: { response in
                let text = String(buffer: response.body)
                guard text.contains("<Error>"), let code = S3XML.first("Code", in: text) else { return nil }
                return S3Failure.error(
                    status: S3Failure.statusCode(forCode: code),
                    headers: response.headers,
                    body: response.body,
                    prefix: prefix
                )
            }
        )
        return S3XML.first("ETag", in: String(buffer: response.body))
    }

    /// The body of CompleteMultipartUpload: the parts in ascending order with their entity tags.
    static func completionDocument(_ parts: [CompletedPart]) -> String {
        var document = #"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
        for part in parts.sorted(by: { $0.number < $1.number }) {
            document += "<Part><ETag>\(S3XML.escape(part.eTag))</ETag><PartNumber>\(part.number)</PartNumber></Part>"
        }
        return document + "</CompleteMultipartUpload>"
    }

    /// Aborts a multipart upload, so that its parts are freed; an upload that is already gone
    /// (404) counts as aborted.
    func abortMultipartUpload(key: String, uploadID: String, prefix: String) async throws {
        _ = try await send(
            .DELETE,
            key: key,
            query: [("uploadId", uploadID)],
            idempotent: true,
            prefix: prefix,
            accepting: [404]
        )
    }
}
