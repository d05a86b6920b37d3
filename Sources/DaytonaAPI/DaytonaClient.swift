import DaytonaJSON
import Foundation
import Logging

/// The entry point to Daytona: creates, finds and lists sandboxes.
///
/// One client serves any number of tasks at once; every call is `async` and stops at once when
/// its task is cancelled. Requests share one connection pool per process.
///
/// ```swift
/// let daytona = try DaytonaClient()   // DAYTONA_API_KEY, DAYTONA_API_URL, DAYTONA_TARGET
/// let sandbox = try await daytona.create(CreateSandboxParameters(snapshot: "base", name: "demo"))
/// let same = try await daytona.get("demo")
/// let mine = try await daytona.list(labels: ["team": "core"])
/// ```
///
/// (It is not called `Daytona`: a type named like its module would break `Daytona.Image`, which
/// apps that also import SwiftUI need.)
public final class DaytonaClient: Sendable {
    /// The configuration in use, every value resolved.
    public let configuration: DaytonaConfiguration
    let http: HTTPStack

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: Explicit settings; what it leaves `nil` comes from the environment.
    ///   - environment: Where `DAYTONA_*` variables are read (the process environment by default).
    ///   - logger: Receives a line for each retry wait and state wait; never a credential.
    /// - Throws: ``DaytonaAuthenticationError`` when no credentials are configured, before any request.
    public init(
        configuration: DaytonaConfiguration = DaytonaConfiguration(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "daytona")
    ) throws {
        let resolved = try configuration.resolved(from: environment)
        self.configuration = resolved
        http = HTTPStack(configuration: resolved, logger: logger)
    }

    /// Creates a sandbox and returns once it is started.
    ///
    /// For an ``CreateSandboxParameters/image``, its build contexts are uploaded to the
    /// organization's object storage first (skipped when already there); the build's log lines go
    /// to `onSnapshotLogs` while Daytona builds it.
    ///
    /// - Parameters:
    ///   - parameters: What the sandbox is made from and how it is set up.
    ///   - timeout: How long to wait for it to start; `.zero` waits as long as it takes.
    ///   - onSnapshotLogs: Receives each line of the image build's log (image sandboxes only).
    ///   - onUploadProgress: Receives the upload progress of each build context.
    /// - Returns: The started sandbox.
    /// - Throws: ``DaytonaBadRequestError`` for parameters the API would refuse (checked before
    ///   sending); the API's error (``DaytonaConflictError`` for a taken name, …) prefixed
    ///   `Failed to create sandbox: `; a `DaytonaError` with the server's reason when the sandbox
    ///   ends in an error state; ``DaytonaTimeoutError`` when it is not started in time.
    public func create(
        _ parameters: CreateSandboxParameters = CreateSandboxParameters(),
        timeout: Duration = .seconds(60),
        onSnapshotLogs: (@Sendable (String) -> Void)? = nil,
        onUploadProgress: (@Sendable (UploadProgress) -> Void)? = nil
    ) async throws -> Sandbox {
        let deadline = try Deadline(timeout)
        do {
            try parameters.validate()
        } catch let error as DaytonaError {
            throw error.prefixed("Failed to create sandbox: ")
        }
        var hashes: [String] = []
        if let image = parameters.image {
            hashes = try await ContextUploader(
                client: self,
                scheme: parameters.contextHashScheme,
                cache: parameters.contextHashCache
            )
            .upload(image.contextList, progress: onUploadProgress)
        }
        let body: Components.Schemas.CreateSandbox
        do {
            body = try parameters.wireBody(defaultTarget: configuration.target, contextHashes: hashes)
        } catch let error as DaytonaError {
            throw error.prefixed("Failed to create sandbox: ")
        }
        let created = try await http.perform("create sandbox") {
            try APIObject(wire: try await http.api.createSandbox(body: .json(body)).ok.body.json, kind: "sandbox")
        }
        let sandbox = Sandbox(record: created, client: self)
        let logs: Task<Void, any Error>? =
            body.buildInfo == nil
            ? nil
            : onSnapshotLogs.map { onLogs in
                let lines = sandbox.buildLogs()
                return Task { for try await line in lines { onLogs(line) } }
            }
        defer { logs?.cancel() }
        do {
            try await sandbox.waitUntil([.started], deadline: deadline, awaiting: "start")
        } catch {
            if let logs { await BuildLogs.drain(logs, upTo: .seconds(2)) }
            throw error
        }
        if let logs { await BuildLogs.drain(logs, upTo: .seconds(5)) }
        return sandbox
    }

    /// The sandbox with this id or name.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when there is none.
    public func get(_ idOrName: String) async throws -> Sandbox {
        Sandbox(record: try await record(of: idOrName), client: self)
    }

    /// Every sandbox that carries all of these labels (all sandboxes for `[:]`), reading every page.
    public func list(labels: [String: String] = [:]) async throws -> [Sandbox] {
        let labelFilter = labels.isEmpty ? nil : String(decoding: try JSONEncoder.sorted.encode(labels), as: UTF8.self)
        var sandboxes: [Sandbox] = []
        var cursor: String?
        repeat {
            let page = try await http.perform("list sandboxes") {
                try await http.api.listSandboxes(query: .init(cursor: cursor, limit: 100, labels: labelFilter)).ok.body
                    .json
            }
            for item in page.items {
                sandboxes.append(Sandbox(record: try APIObject(wire: item, kind: "sandbox"), client: self))
            }
            cursor = page.nextCursor.flatMap { $0.isEmpty ? nil : $0 }
        } while cursor != nil
        return sandboxes
    }

    /// What the API says about a sandbox now.
    func record(of idOrName: String, operation: String = "get sandbox") async throws -> APIObject {
        try await http.perform(operation) {
            try APIObject(
                wire: try await http.api.getSandbox(path: .init(sandboxIdOrName: idOrName)).ok.body.json,
                kind: "sandbox"
            )
        }
    }
}

extension JSONEncoder {
    /// An encoder whose output does not depend on dictionary order.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
