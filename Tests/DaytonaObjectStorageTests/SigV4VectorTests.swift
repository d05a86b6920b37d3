import DaytonaErrors
import Foundation
import Testing

@testable import DaytonaObjectStorage

/// botocore's own signatures (Fixtures/sigv4-vectors.json, written by make_sigv4_vectors.py
/// through a real boto3 S3 client with a fixed clock): the Swift signer must produce the same
/// URL, signed headers, canonical request, string to sign and `Authorization`, byte for byte.
@Suite struct SigV4VectorTests {
    struct Document: Decodable {
        var botocore: String
        var vectors: [Vector]
    }

    struct Vector: Decodable, CustomTestStringConvertible, Sendable {
        struct Input: Decodable, Sendable {
            var method: String
            var endpoint: String
            var region: String
            var addressing: String
            var bucket: String
            var key: String
            var query: [[String]]
            var headers: [String: String]
            var bodyBase64: String
            var payload: String
            var accessKeyID: String
            var secretAccessKey: String
            var sessionToken: String?
            var timestamp: String
        }

        struct Expected: Decodable, Sendable {
            var url: String
            var signedHeaders: [String: String]
            var canonicalRequest: String
            var stringToSign: String
            var authorization: String
        }

        var name: String
        var operation: String
        var input: Input
        var expected: Expected

        var testDescription: String { name }
    }

    static let vectors: [Vector] = {
        let url = Bundle.module.url(forResource: "sigv4-vectors", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Document.self, from: Data(contentsOf: url)).vectors
    }()

    @Test func theFixtureCoversEveryOperationTheClientSends() {
        let operations = Set(Self.vectors.map(\.operation))
        #expect(
            operations.isSuperset(of: [
                "head_object", "put_object", "create_multipart_upload", "upload_part", "complete_multipart_upload",
                "abort_multipart_upload",
            ])
        )
        #expect(Self.vectors.contains { $0.input.sessionToken != nil })
        #expect(Self.vectors.contains { $0.input.addressing == "virtual" })
        #expect(Self.vectors.contains { $0.input.payload == "unsigned" })
    }

    @Test(arguments: vectors)
    func signsAsBotocoreDoes(_ vector: Vector) throws {
        let input = vector.input
        let bucket = S3Bucket(
            endpoint: try #require(URL(string: input.endpoint)),
            name: input.bucket,
            region: input.region,
            addressing: input.addressing == "virtual" ? .virtualHosted : .path
        )
        let target = try bucket.target(key: input.key, query: input.query.map { ($0[0], $0[1]) })
        let body = try #require(Data(base64Encoded: input.bodyBase64))
        let signer = SigV4Signer(
            credentials: S3Credentials(
                accessKeyID: input.accessKeyID,
                secretAccessKey: input.secretAccessKey,
                sessionToken: input.sessionToken
            ),
            region: input.region
        )
        let signature = signer.sign(
            method: input.method,
            target: target,
            headers: input.headers.map { ($0.key, $0.value) },
            payload: input.payload == "unsigned" ? .unsigned : .hashing(body),
            date: try #require(Self.date(input.timestamp))
        )

        #expect(signature.canonicalRequest == vector.expected.canonicalRequest)
        #expect(signature.stringToSign == vector.expected.stringToSign)
        #expect(signature.authorization == vector.expected.authorization)

        // The same URL: scheme, host and path byte for byte; botocore orders the query as its
        // model lists the parameters, the client canonically, so the pairs are compared as a set.
        let (expectedBase, expectedQuery) = Self.split(vector.expected.url)
        let (base, query) = Self.split(target.url)
        #expect(base == expectedBase)
        #expect(query == expectedQuery)

        // Every header botocore signed is sent with the same value.
        let sent = Dictionary(signature.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        for (name, value) in vector.expected.signedHeaders {
            #expect(sent[name.lowercased()] == value, "header \(name)")
        }
        #expect(sent["authorization"] == vector.expected.authorization)
    }

    static func date(_ timestamp: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: timestamp)
    }

    /// The URL before `?`, and its query's `name=value` pairs as a sorted list (`uploads` and
    /// `uploads=` are the same parameter).
    static func split(_ url: String) -> (String, [String]) {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query =
            parts.count > 1 ? parts[1].split(separator: "&").map { $0.contains("=") ? String($0) : "\($0)=" } : []
        return (String(parts[0]), query.sorted())
    }
}

/// The pieces under the signer: S3's URI encoding, addresses, the timestamp.
@Suite struct SigV4PartsTests {
    @Test func encodesEverythingButTheUnreservedCharacters() {
        #expect(S3Encoding.component("aZ09-_.~") == "aZ09-_.~")
        #expect(S3Encoding.component("a b+c/d=e&f") == "a%20b%2Bc%2Fd%3De%26f")
        #expect(S3Encoding.component("ü€😀") == "%C3%BC%E2%82%AC%F0%9F%98%80")
        #expect(S3Encoding.path("dir/a b/c+d.tar") == "dir/a%20b/c%2Bd.tar")
        #expect(S3Encoding.path("a//b/./c/../d") == "a//b/./c/../d")
        #expect(S3Encoding.path("*'()!$,;:@") == "%2A%27%28%29%21%24%2C%3B%3A%40")
    }

    @Test func sortsTheQueryByEncodedNameThenValue() {
        let query = S3Encoding.canonicalQuery([
            ("uploadId", "x/y"), ("partNumber", "2"), ("b", "2"), ("b", "1"), ("uploads", ""),
        ])
        #expect(query == "b=1&b=2&partNumber=2&uploadId=x%2Fy&uploads=")
    }

    @Test func addressesPathStyleAndVirtualHosted() throws {
        let endpoint = try #require(URL(string: "https://storage.example.com:443/prefix/"))
        let path = try S3Bucket(endpoint: endpoint, name: "bkt", region: "r").target(key: "a b")
        #expect(path.url == "https://storage.example.com/prefix/bkt/a%20b")
        let virtual = try S3Bucket(endpoint: endpoint, name: "bkt", region: "r", addressing: .virtualHosted)
            .target(key: "a b", query: [("uploads", "")])
        #expect(virtual.url == "https://bkt.storage.example.com/prefix/a%20b?uploads=")
        let local = try S3Bucket(endpoint: try #require(URL(string: "http://127.0.0.1:9000")), name: "b", region: "r")
            .target(key: "")
        #expect(local.url == "http://127.0.0.1:9000/b")
        #expect(local.host == "127.0.0.1:9000")
        let ipv6 = try S3Bucket(endpoint: try #require(URL(string: "http://[::1]:9000")), name: "b", region: "r")
            .target(key: "k")
        #expect(ipv6.host == "[::1]:9000")
        #expect(throws: DaytonaBadRequestError.self) {
            try S3Bucket(endpoint: try #require(URL(string: "ftp://host")), name: "b", region: "r").target(key: "k")
        }
    }

    @Test func formatsTheTimestampInUTC() {
        #expect(SigV4Signer.timestamp(Date(timeIntervalSince1970: 1_741_964_966)) == "20250314T150926Z")
        #expect(SigV4Signer.timestamp(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
    }

    @Test func foldsHeaderValueWhitespace() {
        #expect(SigV4Signer.trimmed("  a   b \t c  ") == "a b c")
    }

    @Test func redactsTheSecretAndTheToken() {
        let credentials = S3Credentials(accessKeyID: "AKIA1", secretAccessKey: "s3cr3t", sessionToken: "t0k3n")
        #expect(!credentials.description.contains("s3cr3t"))
        #expect(!credentials.description.contains("t0k3n"))
        #expect(credentials.description.contains("AKIA1"))
        #expect(S3Credentials(accessKeyID: "a", secretAccessKey: "b", sessionToken: "").sessionToken == nil)
    }
}
