import DaytonaErrors

/// A JSON value that keeps integers and floating-point numbers apart and objects in key order.
///
/// Chart metadata carries unknown fields that must come back exactly as they came in, so the
/// package keeps them in this form rather than in `Any`. Floating-point values may be NaN or
/// infinite, as Python's `json` module writes them (`NaN`, `Infinity`, `-Infinity`).
///
///     let value: JSONValue = ["label": "a", "values": [1, 2.5, nil]]
public enum JSONValue: Sendable, Hashable {
    /// The JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without fraction or exponent that fits in an `Int`.
    case int(Int)
    /// Any other number, including NaN and the infinities.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in their original order.
    case object(JSONObject)
}

/// A JSON object whose keys keep their order.
///
/// Lookups are linear, which suits the small objects chart metadata is made of.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One key and its value.
    public struct Entry: Sendable, Hashable {
        /// The key.
        public var key: String
        /// The value.
        public var value: JSONValue

        /// Creates an entry.
        @inlinable
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The entries, in order.
    public private(set) var entries: [Entry]

    /// Creates an empty object.
    public init() { entries = [] }

    /// Creates an object from entries whose keys are known to be distinct.
    package init(uniqueEntries: [Entry]) { entries = uniqueEntries }

    /// Creates an object from entries; a repeated key keeps its first place and its last value, as Python's `dict` does.
    public init(_ entries: [Entry]) {
        self.init()
        for entry in entries { self[entry.key] = entry.value }
    }

    /// Creates an object from a literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Entry(key: $0.0, value: $0.1) })
    }

    /// The position of the first entry.
    @inlinable public var startIndex: Int { entries.startIndex }
    /// The position after the last entry.
    @inlinable public var endIndex: Int { entries.endIndex }
    /// The entry at a position.
    @inlinable public subscript(position: Int) -> Entry { entries[position] }

    /// The keys, in order.
    public var keys: [String] { entries.map(\.key) }

    /// The value for a key, or `nil` when the key is absent; setting `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        // Inlinable because the chart decoders in another module look keys up for every bar,
        // point and box: out of line, unspecialized, the lookup copied each entry through value
        // witnesses and cost `chart normalize` of 100,000 bars about a tenth of its CPU.
        @inlinable get {
            entries.first { $0.key == key }?.value
        }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    /// Appends an entry without looking for an existing key; callers guarantee the key is new.
    package mutating func appendUnique(_ key: String, _ value: JSONValue) {
        entries.append(Entry(key: key, value: value))
    }

    /// The entries as an unordered Swift dictionary.
    public var dictionary: [String: JSONValue] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// Creates `null`.
    public init(nilLiteral: ()) { self = .null }
    /// Creates a Boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Creates an integer.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// Creates a floating-point number.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// Creates a string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Creates an array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Creates an object, keys in literal order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Entry(key: $0.0, value: $0.1) }))
    }
}

extension JSONValue {
    /// The member of an object with this key; `nil` when absent or when the value is not an object.
    ///
    ///     sandbox.jsonValue["labels"]?["team"]   // .string("core")
    @inlinable
    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The value's kind as a JSON reader would name it, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Whether two values are equal as the conformance rules compare them.
    ///
    /// Numbers compare by value (`1` equals `1.0`), NaN equals NaN and object key order is ignored.
    package func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int, .double), (.double, .int), (.double, .double):
            guard let a = numericValue, let b = other.numericValue else { return false }
            return a == b || (a.isNaN && b.isNaN)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.object(let a), .object(let b)):
            let left = a.dictionary
            let right = b.dictionary
            guard left.count == right.count else { return false }
            return left.allSatisfy { key, value in right[key].map { value.isEquivalent(to: $0) } ?? false }
        default: return false
        }
    }

    /// The number as a `Double`, or `nil` for other kinds.
    public var numericValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }
}
