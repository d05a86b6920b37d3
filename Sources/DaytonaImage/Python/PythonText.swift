import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Text rules of the Python standard library that the Python SDK's output depends on.
///
/// Each function reproduces one Python behaviour exactly (`shlex.quote`, `repr`, `str.strip`,
/// `str.splitlines`, `json.dumps`), so that the Dockerfile text agrees byte for byte.
enum PythonText {
    /// Python's `str.isspace()` for one scalar: the Unicode white-space characters plus the
    /// ASCII separators U+001C–U+001F, which Python counts as white space.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Python's `str.strip()` with no argument.
    static func strip(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }) else { return text[text.endIndex...] }
        guard let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return text[text.endIndex...] }
        return Substring(scalars[first...last])
    }

    /// Python's `str.lstrip()` with no argument.
    static func leftStrip(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }) else { return text[text.endIndex...] }
        return Substring(scalars[first...])
    }

    /// Python's `str.rstrip()` with no argument.
    static func rightStrip(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let last = scalars.lastIndex(where: { !isWhitespace($0) }) else {
            return text[text.startIndex..<text.startIndex]
        }
        return Substring(scalars[...last])
    }

    /// Python's `str.split(maxsplit=1)`: the first white-space-separated word and the rest,
    /// with the rest's leading white space removed.
    static func splitFirstWord(_ text: Substring) -> (word: Substring, rest: Substring?) {
        let trimmed = leftStrip(text)
        let scalars = trimmed.unicodeScalars
        guard let end = scalars.firstIndex(where: isWhitespace) else { return (trimmed, nil) }
        let rest = leftStrip(Substring(scalars[end...]))
        return (Substring(scalars[..<end]), rest.isEmpty ? nil : rest)
    }

    /// Python's `str.splitlines()`: splits at `\n`, `\r`, `\r\n`, `\v`, `\f`, U+001C–U+001E,
    /// U+0085, U+2028 and U+2029, dropping the separators.
    static func splitLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let value = scalars[index].value
            switch value {
            case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                lines.append(Substring(scalars[start..<index]))
                var next = scalars.index(after: index)
                if value == 0x0D, next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                index = next
            default:
                index = scalars.index(after: index)
            }
        }
        if start < scalars.endIndex { lines.append(Substring(scalars[start...])) }
        return lines
    }

    /// Python's `shlex.quote`: the text as is when it holds only `[A-Za-z0-9_@%+=:,./-]`,
    /// else in single quotes with each `'` written as `'"'"'`.
    static func shellQuote(_ text: String) -> String {
        if text.isEmpty { return "''" }
        let safe = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "_@%+=:,./-".utf8.contains(byte)
            }
        }
        if safe { return text }
        return "'" + text.replacingAll("'", with: "'\"'\"'") + "'"
    }

    /// Python's `repr()` of a string: single quotes unless the text holds `'` and no `"`,
    /// with backslash escapes for quotes, backslashes and non-printable characters.
    static func repr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if !isPrintable(scalar) {
                    let width = scalar.value <= 0xFF ? 2 : scalar.value <= 0xFFFF ? 4 : 8
                    out += (width == 2 ? "\\x" : width == 4 ? "\\u" : "\\U") + hex(scalar.value, width: width)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    /// Python's `repr()` of a list of strings, e.g.
    ///
    /// `['3.9', '3.10']`.
    static func repr(_ list: [String]) -> String {
        "[" + list.map { repr($0) }.joined(separator: ", ") + "]"
    }

    /// Approximates Python's `str.isprintable()` for one scalar (separators, controls, format
    /// characters and unassigned code points are not printable).
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// Python's `json.dumps(list_of_strings)` with its defaults: `["a", "b"]`, non-ASCII as
    /// `\uXXXX` (astral characters as surrogate pairs).
    static func jsonList(_ items: [String]) -> String {
        "[" + items.map { JSONText.string($0, asciiOnly: true) }.joined(separator: ", ") + "]"
    }

    /// Lower-case hexadecimal, zero-padded to `width` digits.
    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Orders strings by Unicode code point, as Python's `sorted()` does.
    static func codePointLess(_ lhs: String, _ rhs: String) -> Bool {
        // UTF-8 preserves code point order, and bytes compare much faster than scalars.
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}

extension String {
    /// Every occurrence of `target` replaced, compared scalar by scalar (no Unicode
    /// equivalence), as Python's `str.replace` does.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.unicodeScalars)
        guard let firstByte = target.utf8.first, utf8.contains(firstByte) else { return self }
        var out = String.UnicodeScalarView()
        let scalars = Array(unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == pattern[0], index + pattern.count <= scalars.count,
                Array(scalars[index..<index + pattern.count]) == pattern
            {
                out.append(contentsOf: replacement.unicodeScalars)
                index += pattern.count
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// Whether the text starts with `prefix`, compared scalar by scalar (Python's `startswith`).
    func hasScalarPrefix(_ prefix: String) -> Bool {
        unicodeScalars.starts(with: prefix.unicodeScalars)
    }

    /// The text without `prefix` when it starts with it, compared scalar by scalar
    /// (Python's `removeprefix`).
    func removingScalarPrefix(_ prefix: String) -> String {
        guard !prefix.isEmpty, hasScalarPrefix(prefix) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.dropFirst(prefix.unicodeScalars.count)))
    }

    /// The text without `suffix` when it ends with it, compared scalar by scalar.
    func removingScalarSuffix(_ suffix: String) -> String {
        guard !suffix.isEmpty else { return self }
        let scalars = Array(unicodeScalars)
        let tail = Array(suffix.unicodeScalars)
        guard scalars.count >= tail.count, Array(scalars[(scalars.count - tail.count)...]) == tail else { return self }
        return String(String.UnicodeScalarView(scalars[..<(scalars.count - tail.count)]))
    }

    /// Whether the text holds a line feed or a carriage return.
    var containsLineBreak: Bool { utf8.contains(0x0A) || utf8.contains(0x0D) }
}
