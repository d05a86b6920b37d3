import Foundation

/// Where the client finds Daytona and how it proves who it is.
///
/// Every value may be given here or left `nil`, in which case ``DaytonaClient`` reads it from the
/// process environment: `DAYTONA_API_KEY`, `DAYTONA_JWT_TOKEN`, `DAYTONA_ORGANIZATION_ID`,
/// `DAYTONA_API_URL` and `DAYTONA_TARGET`. An explicit value wins.
///
/// ```swift
/// let configuration = DaytonaConfiguration(
///     apiKey: "key", apiURL: URL(string: "http://127.0.0.1:8080/api")!, target: "us")
/// let daytona = try DaytonaClient(configuration: configuration)
/// ```
///
/// The description never shows a credential.
public struct DaytonaConfiguration: Sendable, CustomStringConvertible {
    /// The API key, sent as `Authorization: Bearer KEY`.
    public var apiKey: String?
    /// A JWT, the alternative to a key; it needs ``organizationID``.
    public var jwtToken: String?
    /// The organization a JWT acts for, sent as `X-Daytona-Organization-ID`.
    public var organizationID: String?
    /// The API's base URL, such as `https://app.daytona.io/api`.
    public var apiURL: URL?
    /// The region new sandboxes and snapshots go to; `nil` is the organization's default.
    public var target: String?
    /// When and how often failed requests are tried again.
    public var retryPolicy: RetryPolicy
    /// How long one API request may take, from sending to the last byte of the answer.
    ///
    /// Commands and code runs with a time-out of their own get that time-out plus this margin;
    /// file transfers have no limit.
    public var requestTimeout: Duration

    /// The API's address when neither the configuration nor `DAYTONA_API_URL` gives one.
    public static let defaultAPIURL = URL(string: "https://app.daytona.io/api")!

    /// Creates a configuration; `nil` values come from the environment when the client is made.
    ///
    /// - Parameters:
    ///   - apiKey: The API key.
    ///   - jwtToken: A JWT, used when there is no API key.
    ///   - organizationID: The organization a JWT acts for.
    ///   - apiURL: The API's base URL.
    ///   - target: The default region for new sandboxes and snapshots.
    ///   - retryPolicy: When failed requests are tried again.
    ///   - requestTimeout: How long one API request may take.
    public init(
        apiKey: String? = nil,
        jwtToken: String? = nil,
        organizationID: String? = nil,
        apiURL: URL? = nil,
        target: String? = nil,
        retryPolicy: RetryPolicy = RetryPolicy(),
        requestTimeout: Duration = .seconds(120)
    ) {
        self.apiKey = apiKey
        self.jwtToken = jwtToken
        self.organizationID = organizationID
        self.apiURL = apiURL
        self.target = target
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
    }

    /// The configuration with every missing value taken from `environment`.
    ///
    /// - Throws: ``DaytonaAuthenticationError`` naming the variables when there is no API key
    ///   and no JWT with an organization; ``DaytonaBadRequestError`` when `DAYTONA_API_URL` is
    ///   not an `http` or `https` URL.
    public func resolved(
        from environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> DaytonaConfiguration {
        func value(_ explicit: String?, _ name: String) -> String? {
            if let explicit, !explicit.isEmpty { return explicit }
            if let fromEnvironment = environment[name], !fromEnvironment.isEmpty { return fromEnvironment }
            return nil
        }
        var resolved = self
        resolved.apiKey = value(apiKey, "DAYTONA_API_KEY")
        resolved.jwtToken = value(jwtToken, "DAYTONA_JWT_TOKEN")
        resolved.organizationID = value(organizationID, "DAYTONA_ORGANIZATION_ID")
        resolved.target = value(target, "DAYTONA_TARGET")
        if apiURL == nil, let text = value(nil, "DAYTONA_API_URL") {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host != nil
            else {
                throw DaytonaBadRequestError(
                    message:
                        "DAYTONA_API_URL must be an http or https URL such as https://app.daytona.io/api, not '\(text)'"
                )
            }
            resolved.apiURL = url
        }
        resolved.apiURL = resolved.apiURL ?? Self.defaultAPIURL
        if resolved.apiKey == nil {
            guard resolved.jwtToken != nil else {
                throw DaytonaAuthenticationError(
                    message:
                        "No Daytona credentials: set DAYTONA_API_KEY, or DAYTONA_JWT_TOKEN and DAYTONA_ORGANIZATION_ID"
                )
            }
            guard resolved.organizationID != nil else {
                throw DaytonaAuthenticationError(
                    message: "DAYTONA_ORGANIZATION_ID is required when authenticating with DAYTONA_JWT_TOKEN"
                )
            }
        }
        return resolved
    }

    /// The URL, target and which credential is set; never the credential itself.
    public var description: String {
        let credential =
            apiKey != nil ? "API key" : jwtToken != nil ? "JWT for organization \(organizationID ?? "?")" : "none"
        return
            "DaytonaConfiguration(apiURL: \(apiURL?.absoluteString ?? "default"), target: \(target ?? "default"), credential: \(credential))"
    }
}
