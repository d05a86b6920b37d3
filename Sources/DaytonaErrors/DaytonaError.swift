import Foundation

/// The base of every error the Daytona SDK throws.
///
/// Every member of the family is a subclass (or, for the two "trait" kinds
/// ``DaytonaTimeoutError`` and ``DaytonaConnectionError``, a subclass that also adopts a
/// protocol), so one clause catches them all while a narrower clause picks one kind:
///
/// ```swift
/// do {
///     _ = try Image.debianSlim("3.8")
/// } catch let error as DaytonaBadRequestError {
///     print("bad input:", error.message)
/// } catch let error as DaytonaError {
///     print(error.statusCode ?? 0, error.message)
/// }
/// ```
///
/// Instances are immutable, so they can cross task boundaries freely; the family is closed to
/// subclasses outside the package so that this stays true.
public class DaytonaError: Error, CustomStringConvertible, @unchecked Sendable {
    /// A human-readable explanation of what went wrong; it names the culprit (path, step, field).
    ///
    /// This is ``reason`` preceded by ``location`` as text: `steps[1] (pip_install): unknown key 'index-url' …`.
    public let message: String
    /// What went wrong, without where.
    public let reason: String
    /// Where in the caller's input the error was found (recipe step, key, JSON path); empty when
    /// the error is not about a place in an input.
    public let location: Location
    /// The HTTP status code, for errors translated from an HTTP response; `nil` for client-side errors.
    public let statusCode: Int?
    /// The response headers (empty for client-side errors); lookups ignore case, as HTTP requires.
    public let headers: ResponseHeaders
    /// The machine-readable error code from the server's envelope, if any.
    public let code: String?
    /// The service the error came from (``DaytonaError/Source``), if the response said.
    public let source: String?

    /// Creates an error whose message is given whole.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - statusCode: The HTTP status code, if the error came from a response.
    ///   - headers: The response headers, if any.
    ///   - code: The machine-readable code from the response body.
    ///   - source: The originating service from the response body.
    public required convenience init(
        message: String,
        statusCode: Int? = nil,
        headers: ResponseHeaders = [:],
        code: String? = nil,
        source: String? = nil
    ) {
        self.init(
            reason: message,
            location: Location(),
            statusCode: statusCode,
            headers: headers,
            code: code,
            source: source
        )
    }

    /// Creates an error about a place in the caller's input; ``message`` composes the two.
    ///
    ///     let error = DaytonaBadRequestError(reason: "missing required key 'path'", location: .init(stepIndex: 2, stepName: "add_local_file"))
    ///     error.message  // "steps[2] (add_local_file): missing required key 'path'"
    ///
    /// - Parameters:
    ///   - reason: What went wrong.
    ///   - location: Where.
    ///   - statusCode: The HTTP status code, if the error came from a response.
    ///   - headers: The response headers, if any.
    ///   - code: The machine-readable code from the response body.
    ///   - source: The originating service from the response body.
    public required init(
        reason: String,
        location: Location,
        statusCode: Int? = nil,
        headers: ResponseHeaders = [:],
        code: String? = nil,
        source: String? = nil
    ) {
        self.reason = reason
        self.location = location
        self.message = location.describing(reason)
        self.statusCode = statusCode
        self.headers = headers
        self.code = code
        self.source = source
    }

    /// Creates an error whose message is the given text.
    public convenience init(_ message: String) {
        self.init(message: message)
    }

    /// The same error (same type, status and headers) found at a place inside `outer`.
    ///
    /// Readers call this as an error unwinds through them, so the happy path builds no location:
    /// a recipe loader adds the step, a chart decoder the JSON path's outer components.
    public func located(in update: (inout Location) -> Void) -> DaytonaError {
        var location = self.location
        update(&location)
        return type(of: self).init(
            reason: reason,
            location: location,
            statusCode: statusCode,
            headers: headers,
            code: code,
            source: source
        )
    }

    /// The same error (same type, status and headers) with `prefix` before its message.
    ///
    /// The client names the operation that failed this way: `Failed to create sandbox: …`. An
    /// error with a location keeps it, the operation in ``Location/operation``.
    package func prefixed(_ prefix: String) -> DaytonaError {
        var location = self.location
        var reason = self.reason
        if location.isEmpty {
            reason = prefix + reason
        } else {
            // The operation leads the whole message, the location's parts after it.
            let lead = prefix.hasSuffix(": ") ? String(prefix.dropLast(2)) : prefix
            location.operation = location.operation.map { lead + ": " + $0 } ?? lead
        }
        return type(of: self).init(
            reason: reason,
            location: location,
            statusCode: statusCode,
            headers: headers,
            code: code,
            source: source
        )
    }

    /// The name of the concrete error type, as it appears in log lines.
    public var kindName: String { String(describing: type(of: self)) }

    /// A one-line summary for logs: the type, the message, and the HTTP details that exist.
    ///
    /// Secret header values (`Authorization`, cookies, API keys and tokens) are replaced by
    /// `<redacted>`, so the description is safe to log.
    public var description: String {
        var parts = ["\(kindName): \(message)"]
        if let statusCode { parts.append("status=\(statusCode)") }
        if let code { parts.append("code=\(code)") }
        if let source { parts.append("source=\(source)") }
        if !headers.isEmpty { parts.append("headers=\(headers.redactedDescription)") }
        return parts.joined(separator: " ")
    }
}

extension DaytonaError {
    /// Well-known values of ``DaytonaError/source``.
    public enum Source {
        /// The error came from the Daytona API.
        public static let api = "DAYTONA_API"
        /// The error came from the sandbox daemon (toolbox).
        public static let daemon = "DAYTONA_DAEMON"
        /// The error came from the Daytona proxy.
        public static let proxy = "DAYTONA_PROXY"
    }
}
