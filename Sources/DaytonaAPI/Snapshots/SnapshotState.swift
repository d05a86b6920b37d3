/// The state a snapshot is in, as the API names it.
///
/// A struct rather than an enum so that a state the server adds later still reads.
public struct SnapshotState: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
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

    /// Accepted, not yet building.
    public static let pending: SnapshotState = "pending"
    /// Its image is being built.
    public static let building: SnapshotState = "building"
    /// Its image is being pulled.
    public static let pulling: SnapshotState = "pulling"
    /// Ready: sandboxes can be created from it.
    public static let active: SnapshotState = "active"
    /// Deactivated.
    public static let inactive: SnapshotState = "inactive"
    /// Failed; ``Snapshot/errorReason`` says why.
    public static let error: SnapshotState = "error"
    /// Its image failed to build; ``Snapshot/errorReason`` says why.
    public static let buildFailed: SnapshotState = "build_failed"
    /// Being removed.
    public static let removing: SnapshotState = "removing"
    /// The API did not say.
    public static let unknown: SnapshotState = "unknown"
}
