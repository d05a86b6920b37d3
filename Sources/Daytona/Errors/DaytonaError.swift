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
    public let message: String
    /// The HTTP status code, for errors translated from an HTTP response; `nil` for client-side errors.
    public let statusCode: Int?
    /// The response headers (empty for client-side errors); lookups ignore case, as HTTP requires.
    public let headers: HTTPHeaders
    /// The machine-readable error code from the server's envelope, if any.
    public let code: String?
    /// The service the error came from (``DaytonaError/Source``), if the response said.
    public let source: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - statusCode: The HTTP status code, if the error came from a response.
    ///   - headers: The response headers, if any.
    ///   - code: The machine-readable code from the response body.
    ///   - source: The originating service from the response body.
    public required init(
        message: String,
        statusCode: Int? = nil,
        headers: HTTPHeaders = [:],
        code: String? = nil,
        source: String? = nil
    ) {
        self.message = message
        self.statusCode = statusCode
        self.headers = headers
        self.code = code
        self.source = source
    }

    /// Creates an error whose message is the given text.
    public convenience init(_ message: String) {
        self.init(message: message)
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
