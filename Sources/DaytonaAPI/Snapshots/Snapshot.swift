import DaytonaJSON

/// A Daytona snapshot: a built image that sandboxes start from.
///
/// A value: what the API said when it was read. ``SnapshotService/get(_:)`` reads it again.
public struct Snapshot: Sendable, Hashable, CustomStringConvertible {
    let object: APIObject

    init(object: APIObject) { self.object = object }

    /// The snapshot's id.
    public var id: String { object.id }
    /// The snapshot's name, which sandboxes name to start from it.
    public var name: String { object.name }
    /// Its state when the API answered.
    public var state: SnapshotState {
        object.string("state").map(SnapshotState.init(rawValue:)) ?? .unknown
    }
    /// Why it failed, if it did.
    public var errorReason: String? { object.string("errorReason") }
    /// The image it was made from, when it was made from a name rather than a build.
    public var imageName: String? { object.string("imageName") }
    /// The entrypoint sandboxes made from it run.
    public var entrypoint: [String]? {
        guard case .array(let words)? = object.json["entrypoint"] else { return nil }
        return words.compactMap { if case .string(let word) = $0 { word } else { nil } }
    }
    /// The CPU, memory (GiB), disk (GiB) and GPU its sandboxes get.
    public var resources: Resources {
        Resources(cpu: object.int("cpu"), memory: object.int("mem"), disk: object.int("disk"), gpu: object.int("gpu"))
    }
    /// The image's size in GiB, once known.
    public var size: Double? { object.json["size"]?.numericValue }
    /// When it was created, as the API wrote it (ISO 8601).
    public var createdAt: String? { object.string("createdAt") }
    /// The API's own object for it, every field kept.
    public var jsonValue: JSONValue { .object(object.json) }

    /// `ID<TAB>NAME<TAB>STATE`, as `daytona-swift snapshot list` prints it.
    public var description: String { "\(id)\t\(name)\t\(state)" }
}
