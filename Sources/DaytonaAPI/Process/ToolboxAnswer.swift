import DaytonaJSON

/// The fields of a toolbox answer, each read with an error that names the operation and the field
/// (`Failed to run code: unexpected response: field 'artifacts.charts': expected an array`).
///
/// A field that is absent or `null` reads as `nil`, as the Python SDK's models read it.
struct ToolboxAnswer {
    let fields: JSONObject
    let operation: String
    /// The path of `fields` in the answer, `""` or `"artifacts."`.
    let path: String

    func string(_ key: String) throws -> String? {
        try field(key, "a string") { if case .string(let text) = $0 { text } else { nil } }
    }

    func integer(_ key: String) throws -> Int? {
        try field(key, "an integer") { if case .int(let number) = $0 { number } else { nil } }
    }

    func array(_ key: String) throws -> [JSONValue]? {
        try field(key, "an array") { if case .array(let values) = $0 { values } else { nil } }
    }

    func object(_ key: String) throws -> ToolboxAnswer? {
        try field(key, "an object") {
            if case .object(let inner) = $0 {
                ToolboxAnswer(fields: inner, operation: operation, path: path + key + ".")
            } else {
                nil
            }
        }
    }

    /// `value`, or the error for a missing `key`.
    func required<T>(_ value: T?, _ key: String) throws -> T {
        guard let value else { throw failure("field '\(path)\(key)' is missing") }
        return value
    }

    private func field<T>(_ key: String, _ expected: String, _ match: (JSONValue) -> T?) throws -> T? {
        guard let value = fields[key], value != .null else { return nil }
        guard let matched = match(value) else { throw failure("field '\(path)\(key)': expected \(expected)") }
        return matched
    }

    private func failure(_ reason: String) -> DaytonaError {
        DaytonaError(message: "Failed to \(operation): unexpected response: " + reason)
    }
}
