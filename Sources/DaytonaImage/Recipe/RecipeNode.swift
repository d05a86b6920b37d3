import DaytonaErrors
import DaytonaJSON
import DaytonaSystem
import Yams

/// A recipe value as read from YAML or JSON, with its YAML type kept, so that an unquoted
/// `3.10` stays a number (and is refused where a string is expected) instead of becoming `3.1`.
indirect enum RecipeNode: Sendable {
    case string(String)
    /// A number, with its text as written when the reader keeps it (YAML does, JSON does not).
    case number(String?, isInteger: Bool)
    /// A boolean, with its text as written.
    case bool(Bool, text: String)
    case null
    case sequence([RecipeNode])
    /// A mapping, in the order written.
    case mapping([(key: RecipeNode, value: RecipeNode)])
    /// Any other YAML value (a timestamp, binary data, an unresolved alias), described by its text.
    case other(String)

    /// The text of a string value.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A short description for messages.
    var summary: String {
        switch self {
        case .string(let text): return "the string '\(text)'"
        case .number(let text?, let isInteger):
            return isInteger
                ? "the number \(text) (quote it to make it a string)"
                : "the number \(text) (quote it, e.g. '\(text)', to keep it a string)"
        case .number(nil, _):
            // JSON numbers arrive as values, and 3.10 has already become 3.1: echoing it would mislead.
            return "a number (write it in quotes, e.g. \"3.10\", to keep it a string)"
        case .bool(_, let text): return "the boolean \(text)"
        case .null: return "null"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .other(let text): return "the value \(text)"
        }
    }
}

extension RecipeNode {
    /// Converts a Yams node, resolving each scalar's tag by YAML's rules.
    init(yaml node: Node) {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .str: self = .string(scalar.string)
            case .int: self = .number(scalar.string, isInteger: true)
            case .float: self = .number(scalar.string, isInteger: false)
            case .bool: self = .bool(node.bool ?? false, text: scalar.string)
            case .null: self = .null
            default: self = .other(scalar.string)
            }
        case .sequence(let sequence):
            self = .sequence(sequence.map(RecipeNode.init(yaml:)))
        case .mapping(let mapping):
            self = .mapping(mapping.map { (RecipeNode(yaml: $0.key), RecipeNode(yaml: $0.value)) })
        case .alias(let alias):
            self = .other("*\(alias.anchor.rawValue)")
        }
    }
}

extension RecipeNode {
    /// Whether recipe text is JSON (its first non-blank character is `{`).
    static func looksLikeJSON(_ text: String) -> Bool {
        text.utf8.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } == UInt8(ascii: "{")
    }

    /// Converts a JSON value; numbers keep JSON's integer/float distinction, which is YAML's too.
    init(json value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag, text: flag ? "true" : "false")
        case .int(let number): self = .number(String(number), isInteger: true)
        case .double: self = .number(nil, isInteger: false)
        case .string(let text): self = .string(text)
        case .array(let items): self = .sequence(items.map(RecipeNode.init(json:)))
        case .object(let object): self = .mapping(object.map { (.string($0.key), RecipeNode(json: $0.value)) })
        }
    }
}
