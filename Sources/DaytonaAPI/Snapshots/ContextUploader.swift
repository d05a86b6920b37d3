import Foundation

/// Uploads an image's build contexts to the organization's object storage.
struct ContextUploader: Sendable {
    let client: DaytonaClient
    let scheme: ContextHashScheme

    /// The hash of each context, in order, once every one is in object storage.
    func upload(_ contexts: [Context], progress: (@Sendable (UploadProgress) -> Void)?) async throws -> [String] {
        if contexts.isEmpty { return [] }
        throw DaytonaError(message: "uploading build contexts: not wired yet")
    }
}
