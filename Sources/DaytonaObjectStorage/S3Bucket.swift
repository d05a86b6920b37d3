import DaytonaErrors
import Foundation

/// Where a bucket lives: the store's endpoint, the bucket's name, its region and how requests
/// name the bucket.
///
/// ```swift
/// // Daytona's push access: storageUrl, bucket, region.
/// let bucket = S3Bucket(endpoint: URL(string: access.storageUrl)!, name: access.bucket, region: access.region ?? "us-east-1")
/// ```
public struct S3Bucket: Sendable, Hashable {
    /// How a request names its bucket.
    public enum Addressing: Sendable, Hashable {
        /// The bucket is the first path segment: `https://storage.example.com/bucket/key`.
        ///
        /// Works with every S3-compatible store (MinIO, moto, Ceph) and with any bucket name.
        case path
        /// The bucket is a subdomain of the endpoint: `https://bucket.s3.eu-central-1.amazonaws.com/key`.
        ///
        /// AWS's preferred form; the endpoint's host must accept (and resolve) the subdomain.
        case virtualHosted
    }

    /// The store's base URL, such as `https://s3.eu-central-1.amazonaws.com` or
    /// `http://127.0.0.1:9000`; a path in it is kept as a prefix of every request's path.
    public var endpoint: URL
    /// The bucket's name.
    public var name: String
    /// The region that requests are signed for (`us-east-1` when the store has no regions).
    public var region: String
    /// How requests name the bucket.
    public var addressing: Addressing

    /// Describes a bucket; path-style addressing unless told otherwise.
    public init(endpoint: URL, name: String, region: String, addressing: Addressing = .path) {
        self.endpoint = endpoint
        self.name = name
        self.region = region
        self.addressing = addressing
    }

    /// The pieces of one request's address: what to connect to, what the `Host` header says, and
    /// the path and query exactly as they go on the wire (and into the signature).
    package struct Target: Sendable, Hashable {
        /// `http` or `https`.
        package var scheme: String
        /// The `Host` header's value: the host, and the port when it is not the scheme's default.
        package var host: String
        /// The URI-encoded path, `/` kept.
        package var path: String
        /// The canonical query string (sorted, encoded), empty when there is none.
        package var query: String

        /// The full URL.
        package var url: String { "\(scheme)://\(host)\(path)" + (query.isEmpty ? "" : "?\(query)") }
    }

    /// The address of `key` in this bucket with the given query parameters; an empty key
    /// addresses the bucket itself.
    package func target(key: String, query: [(name: String, value: String)] = []) throws -> Target {
        guard let components = URLComponents(url: endpoint, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.host, !host.isEmpty
        else {
            throw DaytonaBadRequestError(
                message: "Object storage endpoint '\(endpoint.absoluteString)' is not an http(s) URL with a host"
            )
        }
        guard !name.isEmpty else {
            throw DaytonaBadRequestError(message: "The object storage bucket name is empty")
        }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }  // an IPv6 literal
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = components.port, port != defaultPort { host += ":\(port)" }

        var prefix = components.percentEncodedPath
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let encodedKey = key.isEmpty ? "" : "/" + S3Encoding.path(key)
        let path: String
        switch addressing {
        case .path:
            path = prefix + "/" + S3Encoding.component(name) + encodedKey
        case .virtualHosted:
            host = name + "." + host
            path = prefix + (encodedKey.isEmpty ? "/" : encodedKey)
        }
        return Target(scheme: scheme, host: host, path: path, query: S3Encoding.canonicalQuery(query))
    }
}

/// The URI encoding that SigV4 and S3 use: every byte of the UTF-8 form is percent-encoded
/// (upper-case hex) except the unreserved `A-Z a-z 0-9 - _ . ~`.
enum S3Encoding {
    /// One query name or value, or a path segment: `/` is encoded too.
    static func component(_ text: String) -> String { encode(text, keepingSlash: false) }

    /// An object key as a path: each segment encoded, `/` kept (so `a//b` and `./` stay as written).
    static func path(_ text: String) -> String { encode(text, keepingSlash: true) }

    /// Query parameters as SigV4's canonical query string: each name and value encoded, the
    /// pairs sorted by encoded name and then by encoded value, `name=value` joined by `&` (a
    /// parameter without a value is `name=`).
    static func canonicalQuery(_ parameters: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = parameters.map { (component($0.name), component($0.value)) }
        // The encoded texts are ASCII, so code-point order is byte order.
        let sorted = encoded.sorted { (a, b) -> Bool in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Whether a byte stands for itself: `A-Z a-z 0-9 - _ . ~`.
    private static let unreserved: [Bool] = (0...255).map { (byte: Int) -> Bool in
        let scalar = Unicode.Scalar(UInt8(byte))
        let letterOrDigit = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        return letterOrDigit || "-_.~".unicodeScalars.contains(scalar)
    }

    private static func encode(_ text: String, keepingSlash: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if unreserved[Int(byte)] || (keepingSlash && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
