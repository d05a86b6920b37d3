import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import OpenAPIRuntime

/// Turns what went wrong on the wire into the `DaytonaError` family, before anything else sees it.
///
/// A non-2xx answer becomes ``DaytonaError/from(statusCode:headers:body:)`` of its status, headers
/// and (at most 1 MiB of) body; a refused or dropped connection a ``DaytonaNetworkError``; a
/// request that ran out of time a ``DaytonaConnectionTimeoutError``. The generated client then only
/// ever decodes successful answers.
struct ResponseErrorMiddleware: ClientMiddleware {
    /// Error bodies are small JSON envelopes; anything longer is cut here.
    static let maximumErrorBodySize = 1 << 20

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let response: HTTPResponse
        let responseBody: HTTPBody?
        do {
            (response, responseBody) = try await next(request, body, baseURL)
        } catch {
            throw Self.transportError(error, host: baseURL.host ?? baseURL.absoluteString)
        }
        // Redirects are not followed (see HTTPStack.sharedHTTPClient), so a 3xx is a failure too.
        guard response.status.code >= 300 else { return (response, responseBody) }
        var data = Data()
        if let responseBody {
            for try await chunk in responseBody {
                data.append(contentsOf: chunk.prefix(Self.maximumErrorBodySize - data.count))
                if data.count >= Self.maximumErrorBodySize { break }
            }
        }
        throw Self.error(
            statusCode: response.status.code,
            headers: response.headerFields.lazy.map { ($0.name.canonicalName, $0.value) },
            body: data
        )
    }

    /// The family's error for an answer, its repeated headers joined as HTTP joins them.
    static func error<Headers: Sequence<(String, String)>>(
        statusCode: Int,
        headers fields: Headers,
        body: Data
    ) -> DaytonaError {
        var headers: [String: String] = [:]
        for (name, value) in fields {
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return DaytonaError.from(statusCode: statusCode, headers: headers, body: body)
    }

    /// The family's error for a failure below HTTP, from AsyncHTTPClient or from the direct
    /// connections (``HTTP1ConnectionError``); cancellation stays cancellation.
    static func transportError(_ error: any Error, host: String) -> any Error {
        let cause = (error as? ClientError)?.underlyingError ?? error
        if cause is CancellationError || cause is DaytonaError { return cause }
        switch cause {
        case HTTP1ConnectionError.timedOut, ChannelError.connectTimeout:
            return DaytonaConnectionTimeoutError(message: "The request to \(host) timed out")
        case HTTP1ConnectionError.bodyTooLarge:
            return DaytonaError(message: "unexpected response: \(cause)")
        default:
            break
        }
        if let client = cause as? HTTPClientError {
            switch client {
            case .cancelled:
                return CancellationError()
            case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .tlsHandshakeTimeout:
                return DaytonaConnectionTimeoutError(message: "The request to \(host) timed out (\(client))")
            default:
                break
            }
        }
        if Task.isCancelled { return CancellationError() }
        return DaytonaNetworkError(message: "Could not reach \(host): \(cause)")
    }
}
