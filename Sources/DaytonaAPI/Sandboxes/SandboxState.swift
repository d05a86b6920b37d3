/// The state a sandbox is in, as the API names it.
///
/// A struct rather than an enum so that a state the server adds later still reads:
/// `SandboxState(rawValue: "resizing")` compares unequal to every known state and prints as itself.
///
/// ```swift
/// if sandbox.state == .started { … }
/// print(sandbox.state)   // "started"
/// ```
public struct SandboxState: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The API's name for the state.
    public let rawValue: String

    /// Creates a state from the API's name for it.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a state from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The API's name for the state.
    public var description: String { rawValue }

    /// Being created from a snapshot.
    public static let creating: SandboxState = "creating"
    /// Being restored from a backup.
    public static let restoring: SandboxState = "restoring"
    /// Destroyed; it will not come back.
    public static let destroyed: SandboxState = "destroyed"
    /// Being destroyed.
    public static let destroying: SandboxState = "destroying"
    /// Running: commands, code runs and file transfers work.
    public static let started: SandboxState = "started"
    /// Stopped: its files are kept, nothing runs.
    public static let stopped: SandboxState = "stopped"
    /// Starting.
    public static let starting: SandboxState = "starting"
    /// Stopping.
    public static let stopping: SandboxState = "stopping"
    /// Failed; ``Sandbox/errorReason`` says why.
    public static let error: SandboxState = "error"
    /// Its image failed to build; ``Sandbox/errorReason`` says why.
    public static let buildFailed: SandboxState = "build_failed"
    /// Waiting for its image build to start.
    public static let pendingBuild: SandboxState = "pending_build"
    /// Its image is being built.
    public static let buildingSnapshot: SandboxState = "building_snapshot"
    /// Its snapshot is being pulled onto a runner.
    public static let pullingSnapshot: SandboxState = "pulling_snapshot"
    /// Archived to cheaper storage.
    public static let archived: SandboxState = "archived"
    /// Being archived.
    public static let archiving: SandboxState = "archiving"
    /// The API did not say.
    public static let unknown: SandboxState = "unknown"
}
