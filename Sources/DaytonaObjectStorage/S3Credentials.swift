/// The keys that sign requests to an S3-compatible object store.
///
/// Daytona's push access hands out temporary credentials (an access key, a secret and a session
/// token) for the organization's bucket; long-lived IAM keys have no session token.
///
/// ```swift
/// let credentials = S3Credentials(accessKeyID: access.accessKey, secretAccessKey: access.secret, sessionToken: access.sessionToken)
/// ```
///
/// The description never shows the secret or the token, so the value is safe to log.
public struct S3Credentials: Sendable, Hashable, CustomStringConvertible {
    /// The access key ID; it appears in every request's `Authorization` header.
    public var accessKeyID: String
    /// The secret access key; it only ever feeds the signature.
    public var secretAccessKey: String
    /// The session token of temporary credentials, sent as `X-Amz-Security-Token`; `nil` for
    /// long-lived keys.
    public var sessionToken: String?

    /// Creates credentials; an empty `sessionToken` counts as none.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken?.isEmpty == true ? nil : sessionToken
    }

    /// `S3Credentials(accessKeyID: AKIA…, secretAccessKey: <redacted>, sessionToken: <redacted>)`.
    public var description: String {
        "S3Credentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>"
            + (sessionToken == nil ? ")" : ", sessionToken: <redacted>)")
    }
}
