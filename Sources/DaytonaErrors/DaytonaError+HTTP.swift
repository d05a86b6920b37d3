import Foundation

extension DaytonaError {
    /// The error type for an HTTP status code; `DaytonaError` itself for codes without one.
    ///
    /// 408 and 504 are timeouts; a code below 400 is not an error at all, but still maps to the base.
    public static func errorType(forStatusCode statusCode: Int?) -> DaytonaError.Type {
        switch statusCode {
        case 400: DaytonaBadRequestError.self
        case 401: DaytonaAuthenticationError.self
        case 403: DaytonaForbiddenError.self
        case 404: DaytonaNotFoundError.self
        case 408, 504: DaytonaTimeoutError.self
        case 409: DaytonaConflictError.self
        case 410: DaytonaGoneError.self
        case 422: DaytonaUnprocessableEntityError.self
        case 429: DaytonaRateLimitError.self
        case 500: DaytonaInternalServerError.self
        case 502: DaytonaBadGatewayError.self
        case 503: DaytonaServiceUnavailableError.self
        default: DaytonaError.self
        }
    }

    /// Builds the error that an HTTP response stands for.
    ///
    /// The type follows the status code (see ``errorType(forStatusCode:)``). The message is the
    /// JSON body's `message`, else its `error`, else the body's text, else the `HTTP <status>`; `code` comes from `code` (else `error_code`) and `source` from `source`.
    ///
    /// ```swift
    /// let error = DaytonaError.from(statusCode: 404, headers: [:], body: Data(#"{"message":"no sandbox"}"#.utf8))
    /// error is DaytonaNotFoundError  // true
    /// ```
    public static func from(statusCode: Int, headers: [String: String] = [:], body: Data? = nil) -> DaytonaError {
        let envelope = ResponseEnvelope(body: body)
        let message = envelope.message ?? Self.fallbackMessage(statusCode: statusCode, body: body)
        return errorType(forStatusCode: statusCode).init(
            message: message,
            statusCode: statusCode,
            headers: ResponseHeaders(headers),
            code: envelope.code,
            source: envelope.source
        )
    }

    private static func fallbackMessage(statusCode: Int, body: Data?) -> String {
        if let body, let text = String(data: body, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !text.isEmpty
        {
            return text
        }
        return "HTTP \(statusCode)"
    }
}

/// The fields of Daytona's JSON error body that the SDK reads.
private struct ResponseEnvelope {
    var message: String?
    var code: String?
    var source: String?

    init(body: Data?) {
        guard let body, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return }
        func text(_ key: String) -> String? {
            switch object[key] {
            case let string as String: string
            case let number as NSNumber: number.stringValue
            case let list as [Any]: list.map { "\($0)" }.joined(separator: "; ")
            default: nil
            }
        }
        message = text("message") ?? text("error")
        code = text("code") ?? text("error_code")
        source = text("source")
    }
}
