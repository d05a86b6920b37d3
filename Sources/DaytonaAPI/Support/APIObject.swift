import DaytonaJSON
import Foundation

/// What the API said about a sandbox or a snapshot, read from its JSON object.
///
/// Every variant of an object (the full `Sandbox`, the list's `SandboxListItem`, `SnapshotDto`)
/// goes through here, so one reading serves them all, and the object itself is kept whole for
/// the command line's `--json` output, unknown fields included.
struct APIObject: Sendable, Hashable {
    var json: JSONObject

    init(json: JSONObject, kind: String) throws {
        guard case .string(let id)? = json["id"], !id.isEmpty else {
            throw DaytonaError(message: "unexpected response: a \(kind) object without an 'id'")
        }
        self.json = json
    }

    /// Reads a generated wire object through its own JSON encoding.
    init(wire: some Encodable, kind: String) throws {
        let data = try JSONEncoder().encode(wire)
        guard case .object(let object) = try JSONValue(jsonBytes: data) else {
            throw DaytonaError(message: "unexpected response: a \(kind) is not a JSON object")
        }
        try self.init(json: object, kind: kind)
    }

    func string(_ key: String) -> String? {
        if case .string(let value)? = json[key] { return value }
        return nil
    }

    func int(_ key: String) -> Int? {
        switch json[key] {
        case .int(let value)?: value
        case .double(let value)? where value.isFinite && value.rounded() == value && abs(value) < 1e15: Int(value)
        default: nil
        }
    }

    func bool(_ key: String) -> Bool? {
        if case .bool(let value)? = json[key] { return value }
        return nil
    }

    func stringMap(_ key: String) -> [String: String] {
        guard case .object(let object)? = json[key] else { return [:] }
        var map: [String: String] = [:]
        for entry in object.entries {
            if case .string(let value) = entry.value { map[entry.key] = value }
        }
        return map
    }

    var id: String { string("id") ?? "" }
    var name: String { string("name") ?? id }
}
