import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Adds the credentials and the SDK's identification to every request.
///
/// The values live only in this middleware and in the request; nothing here logs them.
struct IdentityMiddleware: ClientMiddleware {
    /// The bearer token: the API key, else the JWT.
    let bearerToken: String
    /// Sent as `X-Daytona-Organization-ID` when authenticating with a JWT.
    let organizationID: String?

    /// The `X-Daytona-Source` value, as the Python SDK sends `sdk-python`.
    static let source = "sdk-swift"
    /// The `X-Daytona-SDK-Version` value.
    static let version = "0.2.0"

    static let sourceField = HTTPField.Name("X-Daytona-Source")!
    static let versionField = HTTPField.Name("X-Daytona-SDK-Version")!
    static let organizationField = HTTPField.Name("X-Daytona-Organization-ID")!

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        for (name, value) in headers {
            request.headerFields[name] = value
        }
        return try await next(request, body, baseURL)
    }

    /// The fields this middleware sets; the log-stream requests that bypass the generated client
    /// send the same ones.
    var headers: [(HTTPField.Name, String)] {
        var fields: [(HTTPField.Name, String)] = [
            (.authorization, "Bearer \(bearerToken)"),
            (Self.sourceField, Self.source),
            (Self.versionField, Self.version),
            (.userAgent, "\(Self.source)/\(Self.version)"),
        ]
        if let organizationID { fields.append((Self.organizationField, organizationID)) }
        return fields
    }
}
