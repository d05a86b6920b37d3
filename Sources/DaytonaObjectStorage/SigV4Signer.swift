import Crypto
import Foundation

/// AWS Signature Version 4 for S3, in header form.
///
/// The canonical request is S3's: the path exactly as sent (S3 neither normalizes nor
/// double-encodes it), the canonical query string, the signed headers (lower-cased, values
/// trimmed and inner runs of spaces folded), and the payload hash that the request also carries
/// in `x-amz-content-sha256`.
package struct SigV4Signer: Sendable {
    /// What stands for the body in the signature.
    package enum Payload: Sendable, Hashable {
        /// The hex SHA-256 of the body, which the store checks against the bytes it receives.
        case sha256(String)
        /// `UNSIGNED-PAYLOAD`: the body is not covered by the signature (for bodies that are
        /// streamed rather than held in memory; over TLS the transport protects them).
        case unsigned

        /// The SHA-256 payload of these bytes.
        package static func hashing(_ bytes: some Collection<UInt8>) -> Payload {
            let digest =
                bytes.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
                ?? SHA256.hash(data: Array(bytes))
            return .sha256(hex(digest))
        }

        /// The payload of an empty body.
        package static let empty = Payload.sha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

        /// The value of `x-amz-content-sha256` and the canonical request's last line.
        package var headerValue: String {
            switch self {
            case .sha256(let hex): hex
            case .unsigned: "UNSIGNED-PAYLOAD"
            }
        }

        static func hex(_ digest: some Sequence<UInt8>) -> String {
            let digits = Array("0123456789abcdef".utf8)
            var bytes: [UInt8] = []
            for byte in digest { bytes += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The signature of one request and the intermediate texts, kept so that tests can compare
    /// each with botocore's.
    package struct Signature: Sendable {
        /// The headers to send: the caller's, plus `x-amz-date`, `x-amz-content-sha256`,
        /// `x-amz-security-token` (with a session token), `host` and `Authorization`.
        package var headers: [(name: String, value: String)]
        /// The canonical request.
        package var canonicalRequest: String
        /// The string to sign.
        package var stringToSign: String
        /// The `Authorization` header's value.
        package var authorization: String
    }

    /// The keys.
    package var credentials: S3Credentials
    /// The region in the credential scope.
    package var region: String
    /// The service in the credential scope.
    package var service: String

    /// A signer for S3 in `region`.
    package init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Signs a request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method, upper case.
    ///   - target: Where the request goes; its path and query are used as they are.
    ///   - headers: Headers to sign besides the ones the signer adds (`Content-Type`, …).
    ///   - payload: What stands for the body.
    ///   - date: The signing time; the store rejects signatures more than 15 minutes off.
    package func sign(
        method: String,
        target: S3Bucket.Target,
        headers: [(name: String, value: String)] = [],
        payload: Payload,
        date: Date
    ) -> Signature {
        let timestamp = Self.timestamp(date)
        let day = String(timestamp.prefix(8))
        var sent = headers
        sent.append(("x-amz-date", timestamp))
        sent.append(("x-amz-content-sha256", payload.headerValue))
        if let token = credentials.sessionToken { sent.append(("x-amz-security-token", token)) }

        // Lower-cased names, sorted; repeated names' values joined by commas in the order given.
        var canonical: [String: [String]] = ["host": [target.host]]
        for (name, value) in sent {
            canonical[name.lowercased(), default: []].append(Self.trimmed(value))
        }
        let names = canonical.keys.sorted()
        let signedHeaders = names.joined(separator: ";")
        let canonicalHeaders = names.map { "\($0):\(canonical[$0]!.joined(separator: ","))\n" }.joined()
        let canonicalRequest = [
            method.uppercased(), target.path, target.query, canonicalHeaders, signedHeaders, payload.headerValue,
        ].joined(separator: "\n")

        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", timestamp, scope, Payload.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        let signature = Payload.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"

        sent.append(("host", target.host))
        sent.append(("Authorization", authorization))
        return Signature(
            headers: sent,
            canonicalRequest: canonicalRequest,
            stringToSign: stringToSign,
            authorization: authorization
        )
    }

    /// `20250314T150926Z`: the date and time in UTC, to the second.
    package static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(parts.year ?? 1970)\(two(parts.month))\(two(parts.day))T"
            + "\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
    }

    /// A header value as SigV4 wants it: no spaces around it, inner runs of spaces as one.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
