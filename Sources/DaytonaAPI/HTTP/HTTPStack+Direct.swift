import AsyncHTTPClient
import Foundation
import NIOCore

extension HTTPStack {
    /// Sends a request straight through AsyncHTTPClient, for the streams the generated client
    /// would copy (file uploads) or buffer (build logs), with the identity headers the
    /// middlewares add to every other request.
    ///
    /// A transport failure becomes ``DaytonaNetworkError`` or ``DaytonaConnectionTimeoutError``,
    /// an answer of 300 or more the family's error for its status; both named after `operation`.
    /// It sends once: only the caller knows whether a body can be made again (uploads retry a
    /// 429 through ``RetryMiddleware/run(method:path:operationID:replayable:_:)`` when it can).
    func sendDirect(
        _ request: HTTPClientRequest,
        timeout: Duration?,
        operation: String
    ) async throws -> HTTPClientResponse {
        var request = request
        for (name, value) in identityFields { request.headers.replaceOrAdd(name: name, value: value) }
        let host = URL(string: request.url)?.host ?? request.url
        let amount = Self.timeAmount(timeout)
        let response: HTTPClientResponse
        do {
            response = try await Self.sharedHTTPClient.execute(request, timeout: amount)
        } catch {
            throw Self.failure(ResponseErrorMiddleware.transportError(error, host: host), operation: operation)
        }
        // Redirects are not followed, so a 3xx is an error here too.
        if response.status.code >= 300 {
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: ResponseErrorMiddleware.maximumErrorBodySize)
            } catch {
                throw Self.failure(ResponseErrorMiddleware.transportError(error, host: host), operation: operation)
            }
            throw ResponseErrorMiddleware.error(
                statusCode: Int(response.status.code),
                headers: response.headers.lazy.map { ($0.name, $0.value) },
                body: Data(body.readableBytesView)
            )
            .prefixed("Failed to \(operation): ")
        }
        return response
    }

    /// `value` percent-encoded for a query, every byte but unreserved ones and `/` encoded (a
    /// `+` left as it is reads as a space to many servers).
    static func queryEncoded(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
