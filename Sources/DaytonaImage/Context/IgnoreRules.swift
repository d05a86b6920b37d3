import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Rules that leave files out of a build context, in the `.dockerignore` language as BuildKit
/// reads it.
///
///     let rules = try IgnoreRules(["# build output", "dist", "**/*.pyc", "*.md", "!README.md"])
///     rules.excludes("dist/app.js")      // true: a pattern that matches a folder excludes what it holds
///     rules.excludes("README.md")        // false: the last line that matches decides
///
/// Each line is one pattern. A line whose first character is `#` is a comment; the others are
/// trimmed of white space, and blank lines are skipped. A leading `!` makes an exception that
/// puts back what earlier lines excluded. The pattern is then cleaned as Go's `filepath.Clean`
/// cleans it (repeated slashes, `.` and `..` components, a trailing slash) and a leading `/`
/// is dropped, so `/foo`, `./foo`, `foo/` and `foo` are the same pattern.
///
/// Paths are relative to the folder the rules are written for, with `/` between components.
/// The glob is Go's `filepath.Match` plus `**`: `*` matches any run of characters other than
/// `/`, `?` one such character, `[a-z]` a character class (`[^a-z]` its complement; classes
/// never match `/`), `\` takes the next character literally, `**/` (and a `**` inside a
/// pattern) matches any number of whole folders including none, and a final `**` anything at
/// all. A pattern that starts with `**` and goes on with plain characters only (`**.pyc`)
/// matches every path that ends with them, as BuildKit has it.
///
/// A pattern matches a path when it matches the path itself or one of the folders above it, so
/// `node_modules` leaves out everything below that folder. Of the lines that match a path, the
/// last decides: an exception puts the path back, any other line leaves it out. A folder that
/// is left out but holds something an exception puts back is still sent, with only what was
/// put back in it.
public struct IgnoreRules: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The lines as given, comments and blank lines included.
    public let lines: [String]
    /// The patterns the lines hold, in order.
    let patterns: [IgnorePattern]

    /// Reads rules from lines, one pattern each.
    ///
    /// - Throws: ``DaytonaBadRequestError`` for a line with a line break in it, a bare `!`, an
    ///   unterminated or empty character class, a range that runs backwards, or a trailing `\`.
    public init(_ lines: [String]) throws {
        self.lines = lines
        var patterns: [IgnorePattern] = []
        for (index, line) in lines.enumerated() {
            guard !line.containsLineBreak else {
                throw DaytonaBadRequestError(
                    reason: "ignore[\(index)] holds a line break: \(PythonText.repr(line)); give one pattern per item",
                    location: .init(key: "ignore[\(index)]")
                )
            }
            do {
                if let pattern = try IgnorePattern(line: line) { patterns.append(pattern) }
            } catch let error as IgnorePattern.SyntaxError {
                throw DaytonaBadRequestError(
                    reason: "ignore[\(index)]: invalid pattern \(PythonText.repr(line)): \(error.reason)",
                    location: .init(key: "ignore[\(index)]")
                )
            }
        }
        self.patterns = patterns
    }

    /// Reads the text of a `.dockerignore` file.
    ///
    /// Lines end at `\n` (a `\r` before it is dropped); a UTF-8 byte order mark at the start is
    /// skipped.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - file: The file's path, for messages.
    /// - Throws: ``DaytonaBadRequestError`` naming the file and line of a malformed pattern.
    public init(dockerignoreText text: String, file: String) throws {
        var body = Substring(text).unicodeScalars
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))
        }
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        var patterns: [IgnorePattern] = []
        for (index, line) in lines.enumerated() {
            do {
                if let pattern = try IgnorePattern(line: line) { patterns.append(pattern) }
            } catch let error as IgnorePattern.SyntaxError {
                throw DaytonaBadRequestError(
                    message: "\(file): line \(index + 1): invalid pattern \(PythonText.repr(line)): \(error.reason)"
                )
            }
        }
        self.patterns = patterns
    }

    /// Whether no line holds a pattern (all are comments or blank): such rules leave nothing out.
    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether some line is an exception (`!pattern`).
    public var hasExceptions: Bool { patterns.contains(where: \.isException) }

    /// Whether the rules leave `path` out (relative to the rules' folder, `/`-separated).
    public func excludes(_ path: String) -> Bool {
        var match = IgnoreMatch(patternCount: patterns.count)
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
            match = self.match(prefix, below: match)
        }
        return match.isExcluded
    }

    /// How the rules judge `path`, given how they judged the folder that holds it.
    ///
    /// A pattern that matched a folder above counts as matching here too; only the others are
    /// tried on `path` itself.
    func match(_ path: String, below parent: IgnoreMatch) -> IgnoreMatch {
        var result = parent
        var scalars: [Unicode.Scalar]? = nil
        for (index, pattern) in patterns.enumerated() where !result.matched[index] {
            if pattern.matches(path, scalars: &scalars) { result.matched[index] = true }
        }
        result.isExcluded = false
        for index in stride(from: patterns.count - 1, through: 0, by: -1) where result.matched[index] {
            result.isExcluded = !patterns[index].isException
            break
        }
        return result
    }

    /// Whether an exception could put back something below the folder `path` (which the rules
    /// leave out): when not, the walk need not enter it.
    func mayPutBack(below path: String) -> Bool {
        let folder = path.isEmpty ? [] : Array((path + "/").unicodeScalars)
        return patterns.contains { $0.isException && $0.canMatchBelow(folder) }
    }

    public var description: String { "IgnoreRules(\(lines))" }

    public static func == (lhs: IgnoreRules, rhs: IgnoreRules) -> Bool { lhs.lines == rhs.lines }

    public func hash(into hasher: inout Hasher) { hasher.combine(lines) }

    public init(from decoder: any Decoder) throws {
        try self.init(try [String](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try lines.encode(to: encoder)
    }
}

/// How a set of rules judged one path: which patterns matched it or a folder above it, and
/// whether the path is left out.
struct IgnoreMatch: Sendable, Hashable {
    var matched: [Bool]
    var isExcluded = false

    init(patternCount: Int) {
        matched = Array(repeating: false, count: patternCount)
    }
}

/// One pattern line, compiled.
struct IgnorePattern: Sendable, Hashable {
    /// Why a pattern cannot be read.
    struct SyntaxError: Error {
        var reason: String
    }

    /// One step of the compiled glob.
    enum Node: Sendable, Hashable {
        /// One character, exactly.
        case literal(Unicode.Scalar)
        /// `?`: one character other than `/`.
        case one
        /// `[...]`: one character other than `/` in (or, negated, not in) the ranges.
        case characterClass(ranges: [ClosedRange<UInt32>], negated: Bool)
        /// `*`: any run of characters other than `/`.
        case star
        /// Any run of characters at all.
        case anything
        /// Either skip the next `count` nodes or go through them (`**/`: `anything` then `/`).
        case optional(count: Int)
    }

    /// Whether the line starts with `!`.
    var isException: Bool
    /// The cleaned pattern, without the `!`.
    var text: String
    /// The glob, for patterns that are not plain text.
    var nodes: [Node]
    /// How the pattern matches: the whole path equals it, the path ends with it, or the glob.
    var kind: Kind

    enum Kind: Sendable, Hashable {
        case exact
        case suffix(String)
        case glob
    }

    /// Reads one line; `nil` for a comment or a blank line.
    init?(line: String) throws {
        if line.hasPrefix("#") { return nil }
        var body = Self.trimmed(Substring(line))
        if body.isEmpty { return nil }
        isException = body.hasPrefix("!")
        if isException {
            body = Self.trimmed(body.dropFirst())
            if body.isEmpty { throw SyntaxError(reason: "'!' needs a pattern after it") }
        }
        var cleaned = Self.clean(body)
        if cleaned.count > 1 && cleaned.hasPrefix("/") { cleaned.removeFirst() }
        text = cleaned
        (nodes, kind) = try Self.compile(cleaned)
    }

    /// Go's `strings.TrimSpace`.
    static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }

    /// Go's `filepath.Clean` (`/` separators): repeated slashes, `.` components and a trailing
    /// slash go, `..` removes the component before it (above the root it is dropped, at the
    /// start of a relative path it stays); the empty path is `.`.
    static func clean(_ path: Substring) -> String {
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(component)
                }
                continue
            }
            parts.append(component)
        }
        let joined = (rooted ? "/" : "") + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// Compiles the cleaned pattern into glob nodes and picks the quickest way to match it.
    static func compile(_ pattern: String) throws -> ([Node], Kind) {
        let scalars = Array(pattern.unicodeScalars)
        var nodes: [Node] = []
        var isPlain = true
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*":
                isPlain = false
                guard index < scalars.count, scalars[index] == "*" else {
                    nodes.append(.star)
                    continue
                }
                index += 1
                if index < scalars.count, scalars[index] == "/" { index += 1 }
                if index == scalars.count {
                    nodes.append(.anything)
                } else {
                    nodes += [.optional(count: 2), .anything, .literal("/")]
                }
            case "?":
                isPlain = false
                nodes.append(.one)
            case "[":
                isPlain = false
                nodes.append(try characterClass(scalars, from: &index))
            case "\\":
                guard index < scalars.count else { throw SyntaxError(reason: "it ends with a lone '\\'") }
                isPlain = false
                nodes.append(.literal(scalars[index]))
                index += 1
            case "]":
                isPlain = false
                nodes.append(.literal(scalar))
            default:
                nodes.append(.literal(scalar))
            }
        }
        if isPlain { return ([], .exact) }
        // BuildKit: `**` first, then plain text only, matches every path ending with that text.
        if scalars.count > 2, scalars[0] == "*", scalars[1] == "*", scalars[2] != "/",
            !scalars[2...].contains(where: { "*?[]\\".unicodeScalars.contains($0) })
        {
            return ([], .suffix(String(String.UnicodeScalarView(scalars[2...]))))
        }
        return (nodes, .glob)
    }

    /// Reads `[...]` after its `[`, leaving `index` after the `]`.
    private static func characterClass(_ scalars: [Unicode.Scalar], from index: inout Int) throws -> Node {
        var negated = false
        if index < scalars.count, scalars[index] == "^" {
            negated = true
            index += 1
        }
        func character() throws -> Unicode.Scalar {
            guard index < scalars.count else { throw SyntaxError(reason: "a character class is not closed with ']'") }
            var scalar = scalars[index]
            if scalar == "-" || scalar == "]" {
                throw SyntaxError(reason: "'\(scalar)' cannot start a character class item; write '\\\(scalar)'")
            }
            index += 1
            if scalar == "\\" {
                guard index < scalars.count else {
                    throw SyntaxError(reason: "a character class is not closed with ']'")
                }
                scalar = scalars[index]
                index += 1
            }
            return scalar
        }
        var ranges: [ClosedRange<UInt32>] = []
        repeat {
            let low = try character()
            var high = low
            if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
                index += 1
                high = try character()
                guard low.value <= high.value else {
                    throw SyntaxError(reason: "the range \(low)-\(high) in a character class runs backwards")
                }
            }
            ranges.append(low.value...high.value)
            guard index < scalars.count else { throw SyntaxError(reason: "a character class is not closed with ']'") }
        } while scalars[index] != "]"
        index += 1
        return .characterClass(ranges: ranges, negated: negated)
    }

    /// Whether the pattern matches `path` itself (not its folders).
    ///
    /// `scalars` caches the path's scalars between the patterns of one path.
    func matches(_ path: String, scalars: inout [Unicode.Scalar]?) -> Bool {
        switch kind {
        case .exact:
            return path.utf8.elementsEqual(text.utf8)
        case .suffix(let suffix):
            return path.utf8.count >= suffix.utf8.count && path.utf8.reversed().starts(with: suffix.utf8.reversed())
        case .glob:
            if scalars == nil { scalars = Array(path.unicodeScalars) }
            var states = start()
            for scalar in scalars! {
                states = step(states, on: scalar)
                if !states.contains(true) { return false }
            }
            return states[nodes.count]
        }
    }

    /// Whether the pattern could match some path that starts with `folder` (which ends in `/`).
    func canMatchBelow(_ folder: [Unicode.Scalar]) -> Bool {
        switch kind {
        case .exact:
            return text.unicodeScalars.starts(with: folder) && text.unicodeScalars.count > folder.count
        case .suffix:
            return true
        case .glob:
            var states = start()
            for scalar in folder {
                states = step(states, on: scalar)
                if !states.contains(true) { return false }
            }
            // Every live state can still reach the end: each node matches some character.
            return true
        }
    }

    // The glob runs as a set of positions in `nodes` (position `nodes.count` is the end), each
    // followed through the nodes that match the empty string.

    private func start() -> [Bool] {
        var states = Array(repeating: false, count: nodes.count + 1)
        states[0] = true
        close(&states)
        return states
    }

    private func close(_ states: inout [Bool]) {
        for position in nodes.indices where states[position] {
            switch nodes[position] {
            case .star, .anything: states[position + 1] = true
            case .optional(let count):
                states[position + 1] = true
                states[position + 1 + count] = true
            default: break
            }
        }
    }

    private func step(_ states: [Bool], on scalar: Unicode.Scalar) -> [Bool] {
        var next = Array(repeating: false, count: nodes.count + 1)
        for position in nodes.indices where states[position] {
            switch nodes[position] {
            case .literal(let expected):
                if scalar == expected { next[position + 1] = true }
            case .one:
                if scalar != "/" { next[position + 1] = true }
            case .characterClass(let ranges, let negated):
                if scalar != "/" && ranges.contains(where: { $0.contains(scalar.value) }) != negated {
                    next[position + 1] = true
                }
            case .star:
                if scalar != "/" { next[position] = true }
            case .anything:
                next[position] = true
            case .optional:
                break
            }
        }
        close(&next)
        return next
    }
}

/// A context's ignore rules as a walk applies them: member paths relative to the context's
/// root, judged as paths of the rules' folder.
struct IgnoreFilter {
    var rules: IgnoreRules
    var rootPath: String

    /// The filter of a context; `nil` when nothing is left out.
    init?(_ ignore: Context.Ignore?) {
        guard let ignore, !ignore.rules.isEmpty else { return nil }
        rules = ignore.rules
        rootPath = ignore.rootPath
    }

    /// The path of a member in the rules' folder.
    func path(of relativePath: String) -> String {
        rootPath.isEmpty ? relativePath : relativePath.isEmpty ? rootPath : rootPath + "/" + relativePath
    }

    /// How the rules judge the context's root (and so the folders above it).
    func rootMatch() -> IgnoreMatch {
        var match = IgnoreMatch(patternCount: rules.patterns.count)
        var prefix = ""
        for component in rootPath.split(separator: "/", omittingEmptySubsequences: true) {
            prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
            match = rules.match(prefix, below: match)
        }
        return match
    }

    /// How the rules judge a member, given its folder's judgement.
    func match(_ relativePath: String, below parent: IgnoreMatch) -> IgnoreMatch {
        rules.match(path(of: relativePath), below: parent)
    }

    /// Whether a folder that is left out may hold something an exception puts back.
    func mayPutBack(below relativePath: String) -> Bool {
        rules.mayPutBack(below: path(of: relativePath))
    }
}
