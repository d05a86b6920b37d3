import DaytonaJSON
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

extension HTTPStack {
    /// The connections for ``sendJSON(_:to:body:timeout:operation:)``, shared by every client in
    /// the process as ``sharedHTTPClient`` is, with the same limits.
    static let sharedConnections = HTTP1ConnectionPool(limit: 64, idleTimeout: .seconds(60))

    /// The longest answer a direct JSON request takes: a command's whole output comes in it.
    static let maximumJSONResponseSize = 512 << 20

    /// Sends a small JSON request over ``sharedConnections`` and returns the answer's JSON.
    ///
    /// The toolbox calls a command loop makes (`exec`, `codeRun`) go this way instead of through
    /// the generated client and AsyncHTTPClient, which together cost several times the CPU per
    /// request (`Benchmarks/client/RESULTS.md`). Everything else stays the same as there: the
    /// identity headers, the ``RetryPolicy`` (a 429 retried for any method, 502–504 and dropped
    /// connections only for GET and DELETE), the error family for any answer of 300 or more, and
    /// failures named after `operation`.
    func sendJSON(
        _ method: HTTPRequest.Method,
        to target: JSONTarget,
        body: [UInt8],
        timeout: Duration?,
        operation: String
    ) async throws -> JSONValue {
        try await perform(operation) {
            var head = HTTPRequestHead(
                version: .http1_1,
                method: HTTPMethod(rawValue: method.rawValue),
                uri: target.uri
            )
            head.headers.reserveCapacity(9)
            head.headers.add(name: "Host", value: target.hostHeader)
            for (name, value) in identityFields { head.headers.add(name: name, value: value) }
            head.headers.add(name: "Accept", value: "application/json")
            head.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            head.headers.add(name: "Content-Length", value: String(body.count))
            let payload = ByteBuffer(bytes: body)
            let response = try await retry.run(
                method: method,
                path: target.uri,
                operationID: operation,
                replayable: true
            ) {
                try await exchange(head, body: payload, target: target, timeout: timeout)
            }
            do {
                return try JSONValue(jsonBytes: response.readableBytesView)
            } catch let error as DaytonaError {
                throw DaytonaError(message: "unexpected response: \(error.message)")
            }
        }
    }

    /// One attempt: a connection from the pool, the request, the answer or the family's error.
    private func exchange(
        _ head: HTTPRequestHead,
        body: ByteBuffer,
        target: JSONTarget,
        timeout: Duration?
    ) async throws -> ByteBuffer {
        let deadline = NIODeadline.now() + Self.timeAmount(timeout)
        func send() async throws -> HTTP1Response {
            try await Self.sharedConnections.withConnection(to: target.origin, deadline: deadline) { connection in
                let response = try await connection.send(
                    head,
                    body: body,
                    deadline: deadline,
                    maximumBodySize: Self.maximumJSONResponseSize
                )
                return (response, response.keepAlive)
            }
        }
        let response: HTTP1Response
        do {
            do {
                response = try await send()
            } catch HTTP1ConnectionError.closedBeforeSending {
                // A kept-alive connection that closed while idle fails before anything is written;
                // that request goes again, once, over another connection.
                response = try await send()
            }
        } catch {
            throw ResponseErrorMiddleware.transportError(error, host: target.origin.host)
        }
        if let encoding = response.headers.first(name: "Content-Encoding"), encoding.lowercased() != "identity" {
            // Nothing asked for a compressed answer; reading one as JSON would only confuse.
            throw DaytonaError(message: "unexpected response: a body in the '\(encoding)' encoding")
        }
        guard response.status.code < 300 else {
            throw ResponseErrorMiddleware.error(
                statusCode: Int(response.status.code),
                headers: response.headers.lazy.map { ($0.name, $0.value) },
                body: Data(response.body.readableBytesView.prefix(ResponseErrorMiddleware.maximumErrorBodySize))
            )
        }
        return response.body
    }
}

/// Where a direct JSON request goes: the pool's origin, the request line's target and the
/// `Host` field.
struct JSONTarget: Sendable {
    var origin: HTTP1ConnectionPool.Origin
    var uri: String
    var hostHeader: String

    init(url: URL) throws {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            throw DaytonaError(message: "unusable address '\(url.absoluteString)'")
        }
        let secure = scheme == "https"
        let port = components.port ?? (secure ? 443 : 80)
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        origin = HTTP1ConnectionPool.Origin(secure: secure, host: bare, port: port)
        let named = bare.contains(":") ? "[\(bare)]" : bare
        hostHeader = components.port == nil ? named : "\(named):\(port)"
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        uri = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
    }

    /// The same origin, `path` appended to the target (which has no query).
    func appending(_ path: String) -> JSONTarget {
        var target = self
        target.uri = uri.hasSuffix("/") ? uri + path : uri + "/" + path
        return target
    }
}
