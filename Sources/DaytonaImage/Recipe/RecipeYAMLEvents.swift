import CYaml
import DaytonaErrors

/// Reads YAML recipe text straight from libyaml's event stream (the parser inside Yams) into
/// ``RecipeNode``s, without building Yams' node tree.
///
/// Building Yams nodes and resolving every plain scalar's tag with Yams' regular expressions
/// costs several times more than the parse itself; this reader resolves tags with byte tests
/// that accept exactly what Yams' default resolver accepts, so its result is the one
/// `RecipeNode(yaml: Yams.compose(yaml:))` gives. It never reports an error of its own: on
/// anything it does not handle the same way (a syntax error, a duplicate key, a key that is not
/// a scalar, an alias as a key or to an unknown anchor, several documents) it steps aside and
/// the caller reads the text with Yams, which gives Yams' own result or error message.
enum RecipeYAMLEvents {
    /// What the reader made of the text.
    enum Outcome {
        /// The document's root (`nil` for an empty stream).
        case root(RecipeNode?)
        /// Read it with Yams instead.
        case unsupported
    }

    /// The identity Yams compares mapping keys by: the resolved tag and the text.
    private struct KeyIdentity: Hashable {
        var tag: String
        var text: String
    }

    /// One collection being read.
    private struct Frame {
        var isMapping: Bool
        var anchor: String?
        var items: [RecipeNode] = []
        var pairs: [(key: RecipeNode, value: RecipeNode)] = []
        var pendingKey: RecipeNode? = nil
        var keys: Set<KeyIdentity> = []
    }

    static func read(_ text: String) -> Outcome {
        var text = text
        return text.withUTF8 { read($0) }
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return .unsupported }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return .unsupported }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, start, bytes.count)

        var stack: [Frame] = []
        var anchors: [String: RecipeNode] = [:]
        var root: RecipeNode? = nil
        var documents = 0
        var event = yaml_event_t()

        /// Places a finished node in its parent; `false` when the reader must step aside.
        func place(_ node: RecipeNode, identity: KeyIdentity?, anchor: String?) -> Bool {
            if let anchor { anchors[anchor] = node }
            guard !stack.isEmpty else {
                root = node
                return true
            }
            let top = stack.count - 1
            guard stack[top].isMapping else {
                stack[top].items.append(node)
                return true
            }
            if let key = stack[top].pendingKey {
                stack[top].pairs.append((key, node))
                stack[top].pendingKey = nil
                return true
            }
            guard let identity, stack[top].keys.insert(identity).inserted else { return false }
            stack[top].pendingKey = node
            return true
        }

        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { return .unsupported }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { return .unsupported }
            case YAML_STREAM_END_EVENT:
                return .root(root)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length),
                    as: UTF8.self
                )
                let tag: String
                if scalar.quoted_implicit == 1 {
                    tag = YAMLTag.string
                } else if let explicit = scalar.tag {
                    tag = String(cString: explicit)
                } else {
                    tag = YAMLTag.resolve(plain: value)
                }
                let node = YAMLTag.node(value, tag: tag)
                guard place(node, identity: KeyIdentity(tag: tag, text: value), anchor: string(scalar.anchor)) else {
                    return .unsupported
                }
            case YAML_ALIAS_EVENT:
                guard let name = string(event.data.alias.anchor), let node = anchors[name],
                    place(node, identity: nil, anchor: nil)
                else { return .unsupported }
            case YAML_SEQUENCE_START_EVENT:
                stack.append(Frame(isMapping: false, anchor: string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                stack.append(Frame(isMapping: true, anchor: string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast(), frame.pendingKey == nil else { return .unsupported }
                let node: RecipeNode = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
                // A collection as a key is outside what this reader compares: Yams reads it.
                guard place(node, identity: nil, anchor: frame.anchor) else { return .unsupported }
            default:
                return .unsupported
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// The YAML tags a recipe tells apart, and the resolution of plain scalars that Yams' default
/// resolver (`Resolver.default`) performs with regular expressions, as byte tests.
enum YAMLTag {
    static let string = "tag:yaml.org,2002:str"
    static let int = "tag:yaml.org,2002:int"
    static let float = "tag:yaml.org,2002:float"
    static let bool = "tag:yaml.org,2002:bool"
    static let null = "tag:yaml.org,2002:null"
    static let merge = "tag:yaml.org,2002:merge"
    static let timestamp = "tag:yaml.org,2002:timestamp"
    static let value = "tag:yaml.org,2002:value"

    /// The recipe value of a scalar with its resolved tag, as `RecipeNode(yaml:)` makes it.
    static func node(_ text: String, tag: String) -> RecipeNode {
        switch tag {
        case string: return .string(text)
        case int: return .number(text, isInteger: true)
        case float: return .number(text, isInteger: false)
        case bool:
            switch text.lowercased() {
            case "true", "yes", "on": return .bool(true, text: text)
            default: return .bool(false, text: text)
            }
        case null: return .null
        default: return .other(text)
        }
    }

    /// The tag of a plain, untagged scalar: the first of Yams' rules (bool, int, float, merge,
    /// null, timestamp, value) whose expression matches the whole text, else `str`.
    static func resolve(plain text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Most text starts with a byte no rule starts with: it is a string at once.
            if let first = bytes.first, !mayStartANonString[Int(first)] { return string }
            if isBool(bytes) { return bool }
            if isInt(bytes) { return int }
            if isFloat(bytes) { return float }
            if bytes.elementsEqual("<<".utf8) { return merge }
            if isNull(bytes) { return null }
            if isTimestamp(bytes) { return timestamp }
            if bytes.elementsEqual("=".utf8) { return value }
            return string
        }
    }

    /// The first bytes the rules can match: digits, `+ - . ~ < =`, and the first letters of
    /// `yes no true false on off null`.
    private static let mayStartANonString: [Bool] = (0..<256).map { byte in
        "0123456789+-.~<=yYnNtTfFoO".utf8.contains(UInt8(byte))
    }

    private static let bools: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    static func isBool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 2 && bytes.count <= 5 && bools.contains(String(decoding: bytes, as: UTF8.self))
    }

    static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.isEmpty || bytes.elementsEqual("~".utf8) || bytes.elementsEqual("null".utf8)
            || bytes.elementsEqual("Null".utf8) || bytes.elementsEqual("NULL".utf8)
    }

    /// A cursor over the text's bytes, for the rules below.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        /// Consumes one byte if `test` accepts it.
        mutating func take(_ test: (UInt8) -> Bool) -> Bool {
            guard let byte = peek, test(byte) else { return false }
            index += 1
            return true
        }

        mutating func take(_ byte: UInt8) -> Bool { take { $0 == byte } }

        /// Consumes bytes while `test` accepts them; returns how many.
        @discardableResult
        mutating func takeAll(_ test: (UInt8) -> Bool) -> Int {
            let start = index
            while take(test) {}
            return index - start
        }

        mutating func takeSign() { _ = take { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") } }

        /// `(?::[0-5]?[0-9])+`: at least one group; `false` when there is none.
        mutating func takeSexagesimalGroups() -> Bool {
            var groups = 0
            while peek == UInt8(ascii: ":") {
                let saved = index
                index += 1
                if index + 1 < bytes.count, isDigit(bytes[index]), bytes[index] <= UInt8(ascii: "5"),
                    isDigit(bytes[index + 1])
                {
                    index += 2
                } else if take(isDigit) {
                } else {
                    index = saved
                    break
                }
                groups += 1
            }
            return groups > 0
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isDigitOrUnderscore(_ byte: UInt8) -> Bool { isDigit(byte) || byte == UInt8(ascii: "_") }

    /// Yams' int rule.
    ///
    /// `^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`
    static func isInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = Cursor(bytes: bytes)
        start.takeSign()
        func whole(_ body: (inout Cursor) -> Bool) -> Bool {
            var cursor = start
            return body(&cursor) && cursor.atEnd
        }
        let binary = whole { cursor in
            cursor.take(UInt8(ascii: "0")) && cursor.take(UInt8(ascii: "b"))
                && cursor.takeAll { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || $0 == UInt8(ascii: "_") } > 0
        }
        let octal = whole { cursor in
            guard cursor.take(UInt8(ascii: "0")) else { return false }
            _ = cursor.take(UInt8(ascii: "o"))
            return cursor.takeAll { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7")) || $0 == UInt8(ascii: "_") }
                > 0
        }
        let decimal = whole { cursor in
            if cursor.take(UInt8(ascii: "0")) { return true }
            guard cursor.take({ $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) else { return false }
            cursor.takeAll(isDigitOrUnderscore)
            return true
        }
        let hexadecimal = whole { cursor in
            cursor.take(UInt8(ascii: "0")) && cursor.take(UInt8(ascii: "x"))
                && cursor.takeAll { byte in
                    isDigit(byte) || byte == UInt8(ascii: "_")
                        || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
                } > 0
        }
        let sexagesimal = whole { cursor in
            guard cursor.take({ $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) else { return false }
            cursor.takeAll(isDigitOrUnderscore)
            return cursor.takeSexagesimalGroups()
        }
        return binary || octal || decimal || hexadecimal || sexagesimal
    }

    /// Yams' float rule.
    ///
    /// `^(?:[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?`
    /// `|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`
    static func isFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let origin = Cursor(bytes: bytes)
        var signed = origin
        signed.takeSign()
        func whole(from start: Cursor, _ body: (inout Cursor) -> Bool) -> Bool {
            var cursor = start
            return body(&cursor) && cursor.atEnd
        }
        func exponent(_ cursor: inout Cursor, signRequired: Bool) -> Bool {
            let saved = cursor
            guard cursor.take({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return true }
            let signed = cursor.take { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
            if (signRequired && !signed) || cursor.takeAll(isDigit) == 0 {
                cursor = saved
            }
            return true
        }
        let plain = whole(from: signed) { cursor in
            guard cursor.take(isDigit) else { return false }
            cursor.takeAll(isDigitOrUnderscore)
            if cursor.take(UInt8(ascii: ".")) { cursor.takeAll(isDigitOrUnderscore) }
            return exponent(&cursor, signRequired: false)
        }
        let leadingDot = whole(from: origin) { cursor in
            cursor.take(UInt8(ascii: ".")) && cursor.takeAll(isDigitOrUnderscore) > 0
                && exponent(&cursor, signRequired: true)
        }
        let sexagesimal = whole(from: signed) { cursor in
            guard cursor.take(isDigit) else { return false }
            cursor.takeAll(isDigitOrUnderscore)
            guard cursor.takeSexagesimalGroups(), cursor.take(UInt8(ascii: ".")) else { return false }
            cursor.takeAll(isDigitOrUnderscore)
            return true
        }
        func word(_ start: Cursor, _ words: [String]) -> Bool {
            let rest = UnsafeBufferPointer(rebasing: bytes[start.index...])
            return words.contains { rest.elementsEqual($0.utf8) }
        }
        return plain || leadingDot || sexagesimal || word(signed, [".inf", ".Inf", ".INF"])
            || word(origin, [".nan", ".NaN", ".NAN"])
    }

    /// Yams' timestamp rule.
    ///
    /// `^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}`
    /// `(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$`
    static func isTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func digits(_ cursor: inout Cursor, _ minimum: Int, _ maximum: Int) -> Bool {
            var count = 0
            while count < maximum, cursor.take(isDigit) { count += 1 }
            return count >= minimum
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var date = Cursor(bytes: bytes)
        if digits(&date, 4, 4), date.take(UInt8(ascii: "-")), digits(&date, 2, 2), date.take(UInt8(ascii: "-")),
            digits(&date, 2, 2), date.atEnd
        {
            return true
        }
        var cursor = Cursor(bytes: bytes)
        guard digits(&cursor, 4, 4), cursor.take(UInt8(ascii: "-")), digits(&cursor, 1, 2),
            cursor.take(UInt8(ascii: "-")), digits(&cursor, 1, 2)
        else { return false }
        if !cursor.take({ $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) {
            guard cursor.takeAll(isBlank) > 0 else { return false }
        }
        guard digits(&cursor, 1, 2), cursor.take(UInt8(ascii: ":")), digits(&cursor, 2, 2),
            cursor.take(UInt8(ascii: ":")), digits(&cursor, 2, 2)
        else { return false }
        if cursor.take(UInt8(ascii: ".")) { cursor.takeAll(isDigit) }
        if cursor.atEnd { return true }
        cursor.takeAll(isBlank)
        if cursor.take(UInt8(ascii: "Z")) { return cursor.atEnd }
        guard cursor.take({ $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), digits(&cursor, 1, 2) else {
            return false
        }
        if cursor.atEnd { return true }
        return cursor.take(UInt8(ascii: ":")) && digits(&cursor, 2, 2) && cursor.atEnd
    }
}
