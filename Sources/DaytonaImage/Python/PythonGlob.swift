import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Python's `glob.glob(pattern)` (non-recursive), relative to a working folder.
///
/// `*`, `?` and `[…]` match within one path component, `*` and `?` do not match a leading
/// dot, `**` is a plain `*`, and matches come in the order the file system lists each folder.
/// A pattern without wildcards matches itself when something (even a dangling link) is there.
struct PythonGlob {
    /// The folder relative patterns are resolved against.
    var workingDirectory: String

    /// The paths matching `pattern`, spelled as Python spells them (relative stays relative).
    func matches(_ pattern: String) throws -> [String] {
        try matches(pattern, directoriesOnly: false)
    }

    private func matches(_ pattern: String, directoriesOnly: Bool) throws -> [String] {
        let (directory, base) = PythonPath.split(pattern)
        if !Self.hasMagic(pattern) {
            if !base.isEmpty {
                return LocalFileSystem.entryExists(at: resolve(pattern)) ? [pattern] : []
            }
            return (try? LocalFileSystem.kind(at: resolve(directory))) == .directory ? [pattern] : []
        }
        if directory.isEmpty {
            return try matchesInDirectory("", pattern: base, directoriesOnly: directoriesOnly)
        }
        let directories =
            directory != pattern && Self.hasMagic(directory)
            ? try matches(directory, directoriesOnly: true) : [directory]
        var results: [String] = []
        for folder in directories {
            let names: [String]
            if Self.hasMagic(base) {
                names = try matchesInDirectory(folder, pattern: base, directoriesOnly: directoriesOnly)
            } else if base.isEmpty {
                names = (try? LocalFileSystem.kind(at: resolve(folder))) == .directory ? [base] : []
            } else {
                names = LocalFileSystem.entryExists(at: resolve(PythonPath.join(folder, base))) ? [base] : []
            }
            results += names.map { PythonPath.join(folder, $0) }
        }
        return results
    }

    private func matchesInDirectory(_ folder: String, pattern: String, directoriesOnly: Bool) throws -> [String] {
        guard let entries = try LocalFileSystem.directoryEntries(resolve(folder.isEmpty ? "." : folder)) else {
            return []
        }
        let matcher = WildcardPattern(pattern)
        let includeHidden = pattern.hasPrefix(".")
        return entries.compactMap { entry in
            if directoriesOnly && !entry.isDirectory { return nil }
            if !includeHidden && entry.name.hasPrefix(".") { return nil }
            return matcher.matches(entry.name) ? entry.name : nil
        }
    }

    private func resolve(_ path: String) -> String {
        if path.isEmpty { return workingDirectory }
        return path.hasPrefix("/") ? path : PythonPath.join(workingDirectory, path)
    }

    /// Whether the text holds a wildcard character (`*`, `?` or `[`).
    static func hasMagic(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }
}

/// One `fnmatch` pattern, matched against a whole name, code point by code point.
struct WildcardPattern {
    private enum Token {
        case literal(Unicode.Scalar)
        case any
        case star
        case set(ranges: [ClosedRange<UInt32>], negated: Bool)
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        let scalars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*":
                if case .star = tokens.last {} else { tokens.append(.star) }
            case "?":
                tokens.append(.any)
            case "[":
                var end = index
                if end < scalars.count && scalars[end] == "!" { end += 1 }
                if end < scalars.count && scalars[end] == "]" { end += 1 }
                while end < scalars.count && scalars[end] != "]" { end += 1 }
                if end >= scalars.count {
                    tokens.append(.literal("["))
                    continue
                }
                var body = Array(scalars[index..<end])
                index = end + 1
                var negated = false
                if body.first == "!" {
                    negated = true
                    body.removeFirst()
                }
                var ranges: [ClosedRange<UInt32>] = []
                var position = 0
                while position < body.count {
                    if position + 2 < body.count, body[position + 1] == "-" {
                        let low = body[position].value
                        let high = body[position + 2].value
                        if low <= high { ranges.append(low...high) }
                        position += 3
                    } else {
                        ranges.append(body[position].value...body[position].value)
                        position += 1
                    }
                }
                tokens.append(.set(ranges: ranges, negated: negated))
            default:
                tokens.append(.literal(scalar))
            }
        }
        self.tokens = tokens
    }

    /// Whether the pattern matches the whole of `name`.
    func matches(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        // Iterative wildcard matching with one backtrack point per star keeps it linear-ish.
        var tokenIndex = 0
        var scalarIndex = 0
        var starToken = -1
        var starScalar = 0
        while scalarIndex < scalars.count {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .star:
                    starToken = tokenIndex
                    starScalar = scalarIndex
                    tokenIndex += 1
                    continue
                case .any:
                    tokenIndex += 1
                    scalarIndex += 1
                    continue
                case .literal(let expected):
                    if expected == scalars[scalarIndex] {
                        tokenIndex += 1
                        scalarIndex += 1
                        continue
                    }
                case .set(let ranges, let negated):
                    let value = scalars[scalarIndex].value
                    if ranges.contains(where: { $0.contains(value) }) != negated {
                        tokenIndex += 1
                        scalarIndex += 1
                        continue
                    }
                }
            }
            guard starToken >= 0 else { return false }
            tokenIndex = starToken + 1
            starScalar += 1
            scalarIndex = starScalar
        }
        while tokenIndex < tokens.count, case .star = tokens[tokenIndex] { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}
