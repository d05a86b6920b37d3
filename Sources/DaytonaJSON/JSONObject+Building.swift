import DaytonaErrors

extension JSONObject {
    /// Appends a field the seed model declares as optional; `nil` is left out, as `exclude_none` does.
    package mutating func appendOptional(_ key: String, _ value: String?) {
        if let value { appendUnique(key, .string(value)) }
    }

    /// Appends an optional float field; `nil` is left out.
    package mutating func appendOptional(_ key: String, _ value: Double?) {
        if let value { appendUnique(key, .double(value)) }
    }

    /// Appends the unknown fields after the declared ones: nulls are left out, and so is a key a declared field already has.
    package mutating func appendExtras(_ extras: JSONObject) {
        for entry in extras.entries where entry.value != .null && self[entry.key] == nil {
            appendUnique(entry.key, entry.value)
        }
    }
}
