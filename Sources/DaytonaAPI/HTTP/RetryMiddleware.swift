import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

/// Sends a request again when the answer says it is worth it (see ``RetryPolicy``).
///
/// It sits outside ``ResponseErrorMiddleware``, so it sees the `DaytonaError` each attempt ended
/// with. A body that can be read only once (a streamed upload) is never sent twice.
struct RetryMiddleware: ClientMiddleware {
    let policy: RetryPolicy
    let logger: Logger

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        try await run(
            method: request.method,
            path: request.path ?? "",
            operationID: operationID,
            replayable: body.map { $0.iterationBehavior == .multiple } ?? true
        ) {
            try await next(request, body, baseURL)
        }
    }

    /// Runs `attempt` until it succeeds, or until the policy or the failure says to stop; the
    /// middleware and the direct JSON requests (``HTTPStack/sendJSON(_:to:body:timeout:operation:)``)
    /// share it.
    func run<T>(
        method: HTTPRequest.Method,
        path: String,
        operationID: String,
        replayable: Bool,
        _ attempt: () async throws -> T
    ) async throws -> T {
        var attemptNumber = 1
        var waited = Duration.zero
        while true {
            do {
                return try await attempt()
            } catch {
                let failure = Self.unwrap(error)
                guard replayable, attemptNumber < policy.maximumAttempts,
                    let wait = delay(after: failure, method: method, attempt: attemptNumber),
                    waited + wait <= policy.maximumTotalWait
                else { throw failure }
                logger.notice(
                    "Retrying after a failed request",
                    metadata: [
                        "operation": "\(operationID)",
                        "method": "\(method.rawValue)",
                        "path": "\(path)",
                        "reason": "\(Self.summary(of: failure))",
                        "wait": "\(Self.seconds(wait))",
                        "attempt": "\(attemptNumber + 1) of \(policy.maximumAttempts)",
                    ]
                )
                try await Task.sleep(for: wait)
                waited += wait
                attemptNumber += 1
            }
        }
    }

    /// How long to wait before the next attempt, or `nil` when this failure is final.
    func delay(after failure: any Error, method: HTTPRequest.Method, attempt: Int) -> Duration? {
        let idempotent = [.get, .head, .delete, .options].contains(method)
        switch failure {
        case let limited as DaytonaRateLimitError:
            // The server did not act on the request, so any method may go again.
            let seconds = limited.retryAfter()?.delay() ?? Self.seconds(backoff(attempt))
            let wait = Duration.milliseconds(Int64((seconds * 1000).rounded(.up)))
            return wait <= policy.maximumWait ? wait : nil
        case let error as DaytonaError where idempotent && [502, 503, 504].contains(error.statusCode ?? 0):
            return backoff(attempt)
        case is DaytonaConnectionError where idempotent:
            return backoff(attempt)
        default:
            return nil
        }
    }

    /// Exponential back-off from the policy's first wait, never above its longest single wait.
    func backoff(_ attempt: Int) -> Duration {
        let factor = 1 << min(attempt - 1, 16)
        return min(policy.initialBackoff * factor, policy.maximumWait)
    }

    /// The error an attempt really ended with, from inside the runtime's wrapping.
    static func unwrap(_ error: any Error) -> any Error {
        var current = error
        while let client = current as? ClientError { current = client.underlyingError }
        return current
    }

    static func summary(of failure: any Error) -> String {
        guard let error = failure as? DaytonaError else { return "\(type(of: failure))" }
        return error.statusCode.map { "HTTP \($0)" } ?? error.kindName
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
