import AsyncHTTPClient
import DaytonaErrors
import Foundation
import NIOCore
import NIOHTTP1

/// The little XML that S3 answers with: a few known elements in small documents, so a scan for
/// `<Name>text</Name>` is enough (no namespaces, attributes or nesting matter here).
enum S3XML {
    /// The text of the first `<name>` element, entities decoded; `nil` when there is none.
    static func first(_ name: String, in document: String) -> String? {
        all(name, in: document).first
    }

    /// The texts of every `<name>` element, in order.
    static func all(_ name: String, in document: String) -> [String] {
        var results: [String] = []
        var rest = document[...]
        while let open = rest.range(of: "<\(name)") {
            let afterName = rest[open.upperBound...]
            guard let next = afterName.first, next == ">" || next == " " || next == "/" else {
                rest = afterName
                continue
            }
            guard let tagEnd = afterName.firstIndex(of: ">") else { break }
            if afterName[..<tagEnd].hasSuffix("/") {  // <Name/>
                results.append("")
                rest = afterName[afterName.index(after: tagEnd)...]
                continue
            }
            let content = afterName[afterName.index(after: tagEnd)...]
            guard let close = content.range(of: "</\(name)>") else { break }
            results.append(decode(content[..<close.lowerBound]))
            rest = content[close.upperBound...]
        }
        return results
    }

    /// Text with the XML entities (`&amp;`, `&#34;`, `&#x22;`, …) replaced by what they stand for.
    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var output = ""
        var rest = text
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let entityStart = rest.index(after: ampersand)
            guard let semicolon = rest[entityStart...].firstIndex(of: ";"),
                rest.distance(from: entityStart, to: semicolon) <= 10
            else {
                output += "&"
                rest = rest[entityStart...]
                continue
            }
            let entity = rest[entityStart..<semicolon]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let value = named[String(entity)] {
                output += value
            } else if entity.hasPrefix("#x") || entity.hasPrefix("#X"),
                let code = UInt32(entity.dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                output.unicodeScalars.append(scalar)
            } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "&" + entity + ";"
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return output + rest
    }

    /// Text made safe for an XML element's content.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.append(character)
            }
        }
        return output
    }
}

/// How the store's failures become the `DaytonaError` family.
enum S3Failure {
    /// The status that an S3 error code means, for the error documents that arrive with a
    /// `200 OK` (CompleteMultipartUpload can fail after its headers went out).
    static func statusCode(forCode code: String) -> Int {
        switch code {
        case "SlowDown", "ServiceUnavailable": 503
        case "InternalError": 500
        case "AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidToken", "ExpiredToken": 403
        case "NoSuchKey", "NoSuchBucket", "NoSuchUpload": 404
        default: 400
        }
    }

    /// The error for an S3 answer: the type follows the status (403 ``DaytonaForbiddenError``,
    /// 404 ``DaytonaNotFoundError``, …); `code` is S3's `<Code>`; the reason is S3's `<Message>`
    /// (else the status's name) followed by the code.
    static func error(status: Int, headers: HTTPHeaders, body: ByteBuffer?, prefix: String) -> DaytonaError {
        let document = body.map { String(buffer: $0) } ?? ""
        let code = S3XML.first("Code", in: document).flatMap { $0.isEmpty ? nil : $0 }
        let message = S3XML.first("Message", in: document).flatMap { $0.isEmpty ? nil : $0 }
        var reason = message ?? "HTTP \(status) \(HTTPResponseStatus(statusCode: status).reasonPhrase)"
        if let code { reason += " (\(code))" }
        var responseHeaders = ResponseHeaders()
        for header in headers {
            responseHeaders[header.name] = responseHeaders[header.name].map { $0 + ", " + header.value } ?? header.value
        }
        return DaytonaError.errorType(forStatusCode: status).init(
            message: prefix + reason,
            statusCode: status,
            headers: responseHeaders,
            code: code
        )
    }

    /// The family's error for a failure below HTTP: a time-out is a ``DaytonaConnectionTimeoutError``,
    /// anything else a ``DaytonaNetworkError``; cancellation stays `CancellationError`, and a
    /// `DaytonaError` gets the prefix.
    static func transport(_ error: any Error, host: String, prefix: String) -> any Error {
        if error is CancellationError { return error }
        if let error = error as? DaytonaError { return error.prefixed(prefix) }
        if let client = error as? HTTPClientError {
            switch client {
            case .cancelled:
                return CancellationError()
            case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .tlsHandshakeTimeout:
                return DaytonaConnectionTimeoutError(message: prefix + "the request to \(host) timed out (\(client))")
            default:
                break
            }
        }
        if Task.isCancelled { return CancellationError() }
        return DaytonaNetworkError(message: prefix + "could not reach \(host): \(error)")
    }

    /// Whether a failed attempt may succeed when sent again: the store was busy or failed
    /// (429, 5xx, S3's `RequestTimeout`), or the connection failed on a request that is safe to repeat.
    static func isRetryable(_ error: any Error, idempotent: Bool) -> Bool {
        switch error {
        case is DaytonaConnectionError:
            return idempotent
        case let error as DaytonaError:
            guard let status = error.statusCode else { return false }
            return [429, 500, 502, 503, 504].contains(status) || error.code == "RequestTimeout"
        default:
            return false
        }
    }
}
