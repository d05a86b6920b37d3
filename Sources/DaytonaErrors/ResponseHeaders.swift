/// HTTP response headers whose names are matched without regard to case, as HTTP requires.
///
/// The original spelling of each name is kept for display.
///
/// ```swift
/// let headers: ResponseHeaders = ["Retry-After": "5"]
/// headers["retry-after"]  // "5"
/// ```
public struct ResponseHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    private var storage: [String: (name: String, value: String)]

    /// Creates headers from a dictionary; when two names differ only in case, the later one in
    /// the dictionary's order wins.
    public init(_ headers: [String: String] = [:]) {
        storage = [:]
        for (name, value) in headers { self[name] = value }
    }

    /// Creates headers from a literal.
    public init(dictionaryLiteral elements: (String, String)...) {
        storage = [:]
        for (name, value) in elements { self[name] = value }
    }

    /// The value of the header with this name, in any case; `nil` when absent.
    public subscript(name: String) -> String? {
        get { storage[name.lowercased()]?.value }
        set {
            if let newValue { storage[name.lowercased()] = (name, newValue) } else { storage[name.lowercased()] = nil }
        }
    }

    /// Whether there are no headers.
    public var isEmpty: Bool { storage.isEmpty }

    /// The number of headers.
    public var count: Int { storage.count }

    /// The headers as (name, value) pairs, sorted by lower-cased name.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        storage.sorted { $0.key < $1.key }.map { (name: $0.value.name, value: $0.value.value) }.makeIterator()
    }

    /// The headers as a plain dictionary, keyed by their original spelling.
    public var dictionary: [String: String] {
        Dictionary(storage.values.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Whether a header carries a credential, so that its value must never be logged.
    public static func isSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        let exact: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]
        return exact.contains(lower)
            || ["token", "secret", "api-key", "apikey", "password", "session"].contains { lower.contains($0) }
    }

    /// The headers as `[Name: value, …]` with secret values replaced by `<redacted>`.
    public var redactedDescription: String {
        "[" + map { "\($0.name): \(Self.isSecret($0.name) ? "<redacted>" : $0.value)" }.joined(separator: ", ") + "]"
    }

    /// Same as ``redactedDescription``: secrets never reach a log through string interpolation.
    public var description: String { redactedDescription }

    public static func == (lhs: ResponseHeaders, rhs: ResponseHeaders) -> Bool {
        lhs.storage.mapValues(\.value) == rhs.storage.mapValues(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.mapValues(\.value))
    }
}
