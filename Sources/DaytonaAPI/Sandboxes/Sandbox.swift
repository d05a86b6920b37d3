import DaytonaJSON
import Foundation
import Synchronization

/// A Daytona sandbox: an isolated machine that runs commands and code.
///
/// A `Sandbox` holds what the API last said about it; ``refresh()`` reads it again, and
/// ``start(timeout:)``, ``stop(timeout:)`` and ``delete()`` change it. Commands and code runs go
/// through ``process``, file transfers through ``fs``. It is safe to use from many tasks at once.
///
/// ```swift
/// let sandbox = try await daytona.create(CreateSandboxParameters(snapshot: "base"))
/// let ran = try await sandbox.process.exec("echo hi")
/// try await sandbox.stop()
/// ```
public final class Sandbox: Sendable, CustomStringConvertible {
    let client: DaytonaClient
    private let record: Mutex<APIObject>
    let toolboxClients = ToolboxClients()

    init(record: APIObject, client: DaytonaClient) {
        self.record = Mutex(record)
        self.client = client
    }

    private func read<T>(_ body: (APIObject) -> T) -> T { record.withLock { body($0) } }

    /// The sandbox's id.
    public var id: String { read(\.id) }
    /// The sandbox's name (unique in its organization).
    public var name: String { read(\.name) }
    /// Its state when the API last answered.
    public var state: SandboxState { read { $0.string("state").map(SandboxState.init(rawValue:)) ?? .unknown } }
    /// The state the API is moving it to, if it said.
    public var desiredState: SandboxState? { read { $0.string("desiredState").map(SandboxState.init(rawValue:)) } }
    /// Why it is in an error state, if it is.
    public var errorReason: String? { read { $0.string("errorReason") } }
    /// Its labels.
    public var labels: [String: String] { read { $0.stringMap("labels") } }
    /// The environment variables it was created with.
    public var envVars: [String: String] { read { $0.stringMap("env") } }
    /// The snapshot it was created from.
    public var snapshot: String? { read { $0.string("snapshot") } }
    /// The operating-system user commands run as.
    public var user: String? { read { $0.string("user") } }
    /// The organization it belongs to.
    public var organizationID: String? { read { $0.string("organizationId") } }
    /// Its region.
    public var target: String? { read { $0.string("target") } }
    /// Whether its preview ports are public.
    public var isPublic: Bool { read { $0.bool("public") ?? false } }
    /// Its CPU, memory (GiB), disk (GiB) and GPU.
    public var resources: Resources {
        read { Resources(cpu: $0.int("cpu"), memory: $0.int("memory"), disk: $0.int("disk"), gpu: $0.int("gpu")) }
    }
    /// Minutes of inactivity before it stops (`0` never).
    public var autoStopInterval: Int? { read { $0.int("autoStopInterval") } }
    /// Minutes stopped before it is archived.
    public var autoArchiveInterval: Int? { read { $0.int("autoArchiveInterval") } }
    /// Minutes stopped before it is deleted (negative never).
    public var autoDeleteInterval: Int? { read { $0.int("autoDeleteInterval") } }
    /// When it was created, as the API wrote it (ISO 8601).
    public var createdAt: String? { read { $0.string("createdAt") } }
    /// When it last changed, as the API wrote it (ISO 8601).
    public var updatedAt: String? { read { $0.string("updatedAt") } }
    /// The language its code runs use (its `code-toolbox-language` label; Python when absent).
    public var language: CodeLanguage {
        labels[CodeLanguage.label].flatMap(CodeLanguage.init(rawValue:)) ?? .python
    }
    /// The API's own object for it, every field kept (including ones this SDK does not know).
    public var jsonValue: JSONValue { read { .object($0.json) } }

    /// `ID<TAB>NAME<TAB>STATE`, as `daytona-swift sandbox list` prints it.
    public var description: String { "\(id)\t\(name)\t\(state)" }

    /// The toolbox proxy the API named for it, if any.
    var toolboxProxyURL: String? { read { $0.string("toolboxProxyUrl") } }

    func update(_ newRecord: APIObject) { record.withLock { $0 = newRecord } }

    func rememberToolboxProxyURL(_ url: String) {
        record.withLock { $0.json["toolboxProxyUrl"] = .string(url) }
    }

    /// Commands and code runs.
    public var process: SandboxProcess { SandboxProcess(sandbox: self) }
    /// File transfer.
    public var fs: SandboxFileSystem { SandboxFileSystem(sandbox: self) }
}
