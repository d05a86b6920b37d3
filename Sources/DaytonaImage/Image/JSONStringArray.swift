import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Reads the JSON-array form of a Dockerfile instruction (`["src", "dest"]`).
enum JSONStringArray {
    /// The strings of a JSON array that holds only strings, or `nil` when the text is not
    /// exactly such an array (Python's `json.loads` plus its all-strings check).
    static func decode(_ text: Substring) -> [String]? {
        var reader = Reader(scalars: Array(text.unicodeScalars))
        reader.skipWhitespace()
        guard reader.take("[") else { return nil }
        var items: [String] = []
        reader.skipWhitespace()
        if !reader.take("]") {
            while true {
                reader.skipWhitespace()
                guard let item = reader.string() else { return nil }
                items.append(item)
                reader.skipWhitespace()
                if reader.take(",") { continue }
                guard reader.take("]") else { return nil }
                break
            }
        }
        reader.skipWhitespace()
        return reader.atEnd ? items : nil
    }

    private struct Reader {
        var scalars: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index >= scalars.count }

        mutating func skipWhitespace() {
            while index < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[index]) { index += 1 }
        }

        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
            return true
        }

        mutating func hexQuad() -> UInt32? {
            guard index + 4 <= scalars.count else { return nil }
            let text = String(String.UnicodeScalarView(scalars[index..<index + 4]))
            guard let value = UInt32(text, radix: 16) else { return nil }
            index += 4
            return value
        }

        mutating func string() -> String? {
            guard take("\"") else { return nil }
            var out = String.UnicodeScalarView()
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                switch scalar {
                case "\"":
                    return String(out)
                case "\\":
                    guard index < scalars.count else { return nil }
                    let escape = scalars[index]
                    index += 1
                    switch escape {
                    case "\"", "\\", "/": out.append(escape)
                    case "b": out.append("\u{08}")
                    case "f": out.append("\u{0C}")
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "u":
                        guard var value = hexQuad() else { return nil }
                        if (0xD800..<0xDC00).contains(value), index + 1 < scalars.count, scalars[index] == "\\",
                            scalars[index + 1] == "u"
                        {
                            let saved = index
                            index += 2
                            if let low = hexQuad(), (0xDC00..<0xE000).contains(low) {
                                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                index = saved
                            }
                        }
                        out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    default:
                        return nil
                    }
                default:
                    if scalar.value < 0x20 { return nil }
                    out.append(scalar)
                }
            }
            return nil
        }
    }
}
