import Foundation

/// Snapshots: built images that sandboxes start from; reach it as ``DaytonaClient/snapshot``.
///
/// ```swift
/// let snapshot = try await daytona.snapshot.create(
///     CreateSnapshotParameters(name: "py312-app", image: image), timeout: .seconds(600),
///     onLogs: { line in print("build:", line) })
/// let all = try await daytona.snapshot.list()
/// try await daytona.snapshot.delete(snapshot)
/// ```
public struct SnapshotService: Sendable {
    let client: DaytonaClient

    private var http: HTTPStack { client.http }

    /// Builds a snapshot and returns once it is active.
    ///
    /// For an ``CreateSnapshotParameters/image``, every build context is uploaded to the
    /// organization's object storage first (skipped when already there), then the API builds the
    /// Dockerfile with their hashes; the build's log lines go to `onLogs` as they are written.
    ///
    /// - Parameters:
    ///   - parameters: The name, image and resources.
    ///   - timeout: How long to wait for the build; `.zero` waits as long as it takes.
    ///   - onLogs: Receives each line of the build log.
    ///   - onUploadProgress: Receives the upload progress of each context.
    /// - Throws: `Failed to create snapshot NAME, reason: …` when the build fails;
    ///   ``DaytonaTimeoutError`` when it is not active in time; the error of a failed upload,
    ///   naming the context. Nothing is reported created that is not.
    public func create(
        _ parameters: CreateSnapshotParameters,
        timeout: Duration = .seconds(600),
        onLogs: (@Sendable (String) -> Void)? = nil,
        onUploadProgress: (@Sendable (UploadProgress) -> Void)? = nil
    ) async throws -> Snapshot {
        let deadline = try Deadline(timeout)
        do {
            try parameters.validate()
        } catch let error as DaytonaError {
            throw error.prefixed("Failed to create snapshot: ")
        }
        var body = Components.Schemas.CreateSnapshot(name: parameters.name)
        body.regionId = parameters.target ?? client.configuration.target
        body.cpu = parameters.resources?.cpu
        body.memory = parameters.resources?.memory
        body.disk = parameters.resources?.disk
        body.gpu = parameters.resources?.gpu
        if let image = parameters.image {
            let built = parameters.entrypoint.map { image.entrypoint($0) } ?? image
            let hashes = try await ContextUploader(
                client: client,
                scheme: parameters.contextHashScheme,
                cache: parameters.contextHashCache
            )
            .upload(built.contextList, progress: onUploadProgress)
            body.buildInfo = .init(dockerfileContent: built.dockerfile, contextHashes: hashes)
        } else {
            body.imageName = parameters.imageName
            body.entrypoint = parameters.entrypoint
        }
        let created = try await http.perform("create snapshot") {
            Snapshot(
                object: try APIObject(
                    wire: try await http.api.createSnapshot(body: .json(body)).ok.body.json,
                    kind: "snapshot"
                )
            )
        }
        return try await follow(created, deadline: deadline, onLogs: body.buildInfo == nil ? nil : onLogs)
    }

    /// Polls the snapshot until it is active, following its build log meanwhile.
    private func follow(
        _ created: Snapshot,
        deadline: Deadline,
        onLogs: (@Sendable (String) -> Void)?
    ) async throws -> Snapshot {
        let logs: Task<Void, any Error>? = onLogs.map { onLogs in
            let lines = buildLogs(of: created)
            return Task {
                for try await line in lines { onLogs(line) }
            }
        }
        defer { logs?.cancel() }
        var snapshot = created
        var poller = Poller(deadline: deadline)
        while true {
            switch snapshot.state {
            case .active:
                if let logs { await BuildLogs.drain(logs, upTo: .seconds(5)) }
                return snapshot
            case .error, .buildFailed:
                if let logs { await BuildLogs.drain(logs, upTo: .seconds(2)) }
                throw DaytonaError(
                    message:
                        "Failed to create snapshot \(snapshot.name), reason: \(snapshot.errorReason ?? "none given")"
                )
            default:
                break
            }
            try await poller.pause {
                DaytonaTimeoutError(
                    message:
                        "Snapshot \(snapshot.name) did not become active within \(deadline.text) (its state is \(snapshot.state))"
                )
            }
            snapshot = try await get(snapshot.id)
        }
    }

    /// Every snapshot of the organization, reading every page.
    public func list() async throws -> [Snapshot] {
        var snapshots: [Snapshot] = []
        var page = 1
        while true {
            let current = page
            let result = try await http.perform("list snapshots") {
                try await http.api.getAllSnapshots(query: .init(page: current, limit: 100)).ok.body.json
            }
            for item in result.items {
                snapshots.append(Snapshot(object: try APIObject(wire: item, kind: "snapshot")))
            }
            if result.items.isEmpty || Double(page) >= result.totalPages { return snapshots }
            page += 1
        }
    }

    /// The snapshot with this id or name.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when there is none.
    public func get(_ idOrName: String) async throws -> Snapshot {
        try await http.perform("get snapshot") {
            Snapshot(
                object: try APIObject(
                    wire: try await http.api.getSnapshot(path: .init(id: idOrName)).ok.body.json,
                    kind: "snapshot"
                )
            )
        }
    }

    /// Deletes a snapshot.
    public func delete(_ snapshot: Snapshot) async throws {
        _ = try await http.perform("delete snapshot") {
            try await http.api.removeSnapshot(path: .init(id: snapshot.id)).ok
        }
    }

    /// The snapshot's build log: everything written so far, then each new line until the build ends.
    public func buildLogs(of snapshot: Snapshot) -> BuildLogs {
        let http = self.http
        let id = snapshot.id
        return BuildLogs(
            http: http,
            locate: { try await http.api.getSnapshotBuildLogsUrl(path: .init(id: id)).ok.body.json.url },
            operation: "read the build log of snapshot \(snapshot.name)"
        )
    }
}

extension DaytonaClient {
    /// Snapshots: create from an `Image`, list, get, delete, follow build logs.
    public var snapshot: SnapshotService { SnapshotService(client: self) }
}
