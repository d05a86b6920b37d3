/// Writes JSON string literals.
package enum JSONText {
    /// `text` as a JSON string literal.
    ///
    ///     JSONText.string("say \"hi\"")  // "\"say \\\"hi\\\"\""
    ///
    /// With `asciiOnly`, every character outside ` `…`~` is escaped as
    /// Python's `json.dumps` does; without it only quotes, backslashes and controls are.
    package static func string(_ text: String, asciiOnly: Bool = false) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                let value = scalar.value
                if value < 0x20 || (asciiOnly && value > 0x7E) {
                    if value > 0xFFFF {
                        let offset = value - 0x10000
                        out +=
                            "\\u" + hexadecimal(0xD800 + (offset >> 10), width: 4) + "\\u"
                            + hexadecimal(0xDC00 + (offset & 0x3FF), width: 4)
                    } else {
                        out += "\\u" + hexadecimal(value, width: 4)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// Lower-case hexadecimal, zero-padded to `width` digits.
    private static func hexadecimal(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
