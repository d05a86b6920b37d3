import DaytonaJSON
import Foundation

/// What the API said about a sandbox, read from its JSON object.
///
/// Both the full `Sandbox` object and the list's `SandboxListItem` go through here, so one
/// reading serves both, and the object itself is kept for the command line's `--json` output.
struct SandboxRecord: Sendable, Hashable {
    var json: JSONObject

    init(json: JSONObject) throws {
        guard case .string(let id)? = json["id"], !id.isEmpty else {
            throw DaytonaError(message: "unexpected response: a sandbox object without an 'id'")
        }
        self.json = json
    }

    /// Reads a generated wire object through its own JSON encoding.
    init(wire: some Encodable) throws {
        let data = try JSONEncoder().encode(wire)
        guard case .object(let object) = try JSONValue(jsonBytes: data) else {
            throw DaytonaError(message: "unexpected response: a sandbox is not a JSON object")
        }
        try self.init(json: object)
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
    var state: SandboxState { string("state").map(SandboxState.init(rawValue:)) ?? .unknown }
}
