/// The language a sandbox's code runs use, kept in its `code-toolbox-language` label.
public struct CodeLanguage: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The label's value.
    public let rawValue: String

    /// The language with this label value, or `nil` for a language Daytona does not run.
    public init?(rawValue: String) {
        guard Self.all.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    private init(known: String) { rawValue = known }

    /// Python (the default).
    public static let python = CodeLanguage(known: "python")
    /// JavaScript, run with Node.js.
    public static let javascript = CodeLanguage(known: "javascript")
    /// TypeScript.
    public static let typescript = CodeLanguage(known: "typescript")

    /// Every language code runs support.
    public static let all: [CodeLanguage] = [.python, .javascript, .typescript]

    /// The label's value.
    public var description: String { rawValue }

    /// The label that carries the language.
    static let label = "code-toolbox-language"
}
