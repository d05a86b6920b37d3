import DaytonaErrors
import DaytonaJSON

/// Makes untrusted text safe to place in XML content or in a quoted attribute value.
enum XMLText {
    /// The text with markup characters escaped and characters XML 1.0 forbids dropped.
    ///
    /// Tabs and line breaks become spaces: SVG text is one line, and a raw newline in an attribute
    /// would be normalized away by the parser anyway.
    static func escape(_ text: String) -> String {
        // Fast path: most path data and numbers need no change at all.
        if text.utf8.allSatisfy({
            $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27
        }) {
            return text
        }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: result += "&amp;"
            case 0x3C: result += "&lt;"
            case 0x3E: result += "&gt;"
            case 0x22: result += "&quot;"
            case 0x27: result += "&#39;"
            case 0x09, 0x0A, 0x0D: result += " "
            case 0x20..<0x7F, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
                result.unicodeScalars.append(scalar)
            default:
                // C0 and C1 controls, DEL and the non-characters U+FFFE/U+FFFF: forbidden or discouraged in XML 1.0.
                continue
            }
        }
        return result
    }

    /// The text with characters that cannot appear in XML removed, not escaped; for measuring and truncating.
    static func clean(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: result += " "
            case 0x20..<0x7F, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: result.unicodeScalars.append(scalar)
            default: continue
            }
        }
        return result
    }
}
