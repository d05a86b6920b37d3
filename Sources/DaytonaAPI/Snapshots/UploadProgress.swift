/// How far the upload of one build context has come.
public struct UploadProgress: Sendable, Hashable {
    /// The context's archive path in the build (its local path for a Dockerfile's COPY sources).
    public var context: String
    /// The context's hash: the object key is `ORGANIZATION/HASH/context.tar`.
    public var hash: String
    /// Bytes sent so far.
    public var bytesSent: UInt64
    /// The archive's size, when known.
    public var bytesTotal: UInt64?
    /// Whether the context was already in object storage, so nothing was sent.
    public var alreadyUploaded: Bool

    /// Creates a progress report.
    public init(context: String, hash: String, bytesSent: UInt64, bytesTotal: UInt64?, alreadyUploaded: Bool) {
        self.context = context
        self.hash = hash
        self.bytesSent = bytesSent
        self.bytesTotal = bytesTotal
        self.alreadyUploaded = alreadyUploaded
    }
}
