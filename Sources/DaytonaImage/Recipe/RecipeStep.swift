import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// One step of a recipe: the builder method, its first argument and its keyword arguments.
struct RecipeStep {
    /// The step's position in `steps`, counted from 0.
    var index: Int
    /// The method's snake_case name (the step's first key).
    var method: String
    /// The method's first argument.
    var argument: RecipeNode
    /// The other keys, in the order written.
    var keywords: [(name: String, value: RecipeNode)]

    /// A `DaytonaBadRequestError` that names this step and, when known, the key at fault.
    func failure(_ detail: String, key: String? = nil) -> DaytonaBadRequestError {
        DaytonaBadRequestError(reason: detail, location: .init(stepIndex: index, stepName: method, key: key))
    }

    /// Refuses keys this method does not take.
    func allowKeywords(_ allowed: Set<String>, required: Set<String> = []) throws {
        for keyword in keywords where !allowed.contains(keyword.name) {
            let hint =
                allowed.isEmpty ? "it takes no keywords" : "expected one of " + allowed.sorted().joined(separator: ", ")
            throw failure("unknown key '\(keyword.name)' (\(hint))", key: keyword.name)
        }
        for name in required.sorted() where !keywords.contains(where: { $0.name == name }) {
            throw failure("missing required key '\(name)'", key: name)
        }
    }

    /// The value of a keyword, or `nil` when absent or null.
    func keyword(_ name: String) -> RecipeNode? {
        guard let value = keywords.first(where: { $0.name == name })?.value, !RecipeValue.isNull(value) else {
            return nil
        }
        return value
    }

    func string(_ node: RecipeNode, _ key: String) throws -> String {
        guard let text = RecipeValue.string(node) else {
            throw failure(RecipeValue.mismatch(key, expected: "a string", got: node), key: key)
        }
        return text
    }

    func optionalString(_ key: String) throws -> String? {
        guard let node = keyword(key) else { return nil }
        return try string(node, key)
    }

    func strings(_ node: RecipeNode, _ key: String, allowSingle: Bool = false) throws -> [String] {
        if allowSingle, let single = RecipeValue.string(node) { return [single] }
        guard case .sequence(let sequence) = node else {
            throw failure(
                RecipeValue.mismatch(
                    key,
                    expected: allowSingle ? "a string or a list of strings" : "a list of strings",
                    got: node
                )
            )
        }
        return try sequence.enumerated().map { offset, item in try string(item, "\(key)[\(offset)]") }
    }

    func optionalStrings(_ key: String) throws -> [String] {
        guard let node = keyword(key) else { return [] }
        return try strings(node, key)
    }

    func bool(_ key: String) throws -> Bool {
        guard let node = keyword(key) else { return false }
        guard case .bool(let value, _) = node else {
            throw failure(RecipeValue.mismatch(key, expected: "true or false", got: node), key: key)
        }
        return value
    }
}

/// How recipe values are checked and described.
enum RecipeValue {
    /// Whether a value is null (`null`, `~` or nothing).
    static func isNull(_ node: RecipeNode) -> Bool {
        if case .null = node { return true }
        return false
    }

    /// The text of a string value; `nil` for anything else, including numbers and booleans,
    /// so that an unquoted `3.10` is never read as a string.
    static func string(_ node: RecipeNode) -> String? {
        node.string
    }

    /// A message for a value of the wrong type.
    static func mismatch(_ key: String, expected: String, got node: RecipeNode) -> String {
        "'\(key)' must be \(expected), not \(node.summary)"
    }
}
