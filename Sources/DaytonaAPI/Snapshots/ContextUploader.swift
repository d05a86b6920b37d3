import DaytonaObjectStorage
import Foundation

/// Uploads an image's build contexts to the organization's object storage, as Daytona's build
/// expects them: one tar per context at `ORGANIZATION/HASH/context.tar`.
///
/// Each context is hashed (off the cooperative pool, through the hash cache when there is one, so
/// an unchanged context is only stated), looked up with `HEAD`, and only when absent
/// streamed: the tar writer feeds the upload directly, without a temporary file or the whole
/// archive in memory (one `PUT` up to 5 MiB, multipart above, a few parts in flight).
struct ContextUploader: Sendable {
    let client: DaytonaClient
    let scheme: ContextHashScheme
    /// Where hashes are remembered between uploads; `nil` reads every file every time.
    let cache: ContextHashCache?

    /// The hash of each context, in order, once every one is in object storage.
    ///
    /// - Throws: the first failure, naming the context; a failed multipart upload is aborted.
    func upload(_ contexts: [Context], progress: (@Sendable (UploadProgress) -> Void)?) async throws -> [String] {
        if contexts.isEmpty { return [] }
        let storage = try await pushAccess()
        var hashes: [String] = []
        for context in contexts {
            let name = context.archivePath ?? context.sourcePath
            do {
                let hasher = ContextHasher(scheme: scheme, cache: cache)
                let hash = try await OffPool.run { try hasher.hash(of: context) }
                let key = "\(storage.organization)/\(hash)/context.tar"
                if try await storage.client.objectExists(key: key) {
                    progress?(
                        UploadProgress(context: name, hash: hash, bytesSent: 0, bytesTotal: nil, alreadyUploaded: true)
                    )
                } else {
                    let chunks = ContextArchive().chunks(of: [context])
                    let result = try await storage.client.upload(key: key, from: chunks) { sent, total in
                        progress?(
                            UploadProgress(
                                context: name,
                                hash: hash,
                                bytesSent: sent,
                                bytesTotal: total,
                                alreadyUploaded: false
                            )
                        )
                    }
                    progress?(
                        UploadProgress(
                            context: name,
                            hash: hash,
                            bytesSent: result.size,
                            bytesTotal: result.size,
                            alreadyUploaded: false
                        )
                    )
                }
                hashes.append(hash)
            } catch let error as DaytonaError {
                throw error.prefixed("Failed to upload build context \(name): ")
            }
        }
        return hashes
    }

    /// The organization's storage, as push access describes it.
    private func pushAccess() async throws -> (client: ObjectStorageClient, organization: String) {
        let http = client.http
        let access = try await http.perform("get object storage access") {
            try await http.api.getPushAccess().ok.body.json
        }
        guard
            let endpoint = URL(
                string: access.storageUrl.hasPrefix("http") ? access.storageUrl : "https://" + access.storageUrl
            ),
            endpoint.host != nil
        else {
            throw DaytonaError(
                message: "Failed to get object storage access: unusable storage URL '\(access.storageUrl)'"
            )
        }
        let credentials = S3Credentials(
            accessKeyID: access.accessKey,
            secretAccessKey: access.secret,
            sessionToken: access.sessionToken.isEmpty ? nil : access.sessionToken
        )
        let bucket = S3Bucket(
            endpoint: endpoint,
            name: access.bucket,
            region: access.region.isEmpty ? "us-east-1" : access.region
        )
        return (
            ObjectStorageClient(
                bucket: bucket,
                credentials: credentials,
                httpClient: HTTPStack.sharedHTTPClient,
                logger: http.logger
            ), access.organizationId
        )
    }
}

/// Runs blocking work (file hashing) on a thread of its own, so a cooperative thread never waits on I/O.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
