import DaytonaErrors

/// Reads a string as Python's `float()` does, which is how the seed model coerces numeric strings.
///
/// Surrounding whitespace is ignored, `_` may separate digits, and `inf`, `infinity` and `nan`
/// are accepted in any case with an optional sign. Hexadecimal and other forms are not.
package func parsePythonFloat(_ text: String) -> Double? {
    let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
    var bytes = Array(text.utf8)
    while let last = bytes.last, isSpace(last) { bytes.removeLast() }
    let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
    bytes.removeSubrange(..<start)
    guard !bytes.isEmpty else { return nil }
    var body = bytes[...]
    var negative = false
    if let sign = body.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        negative = sign == UInt8(ascii: "-")
        body = body.dropFirst()
    }
    let word = String(decoding: body, as: UTF8.self).lowercased()
    if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }
    if word == "nan" { return .nan }
    var cleaned: [UInt8] = []
    var previous: UInt8 = 0
    var digitsSeen = false
    var sawExponent = false
    var sawPoint = false
    for (index, byte) in body.enumerated() {
        let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        if byte == UInt8(ascii: "_") {
            // An underscore must sit between two digits.
            let next = index + 1 < body.count ? body[body.startIndex + index + 1] : 0
            guard (48...57).contains(previous), (48...57).contains(next) else { return nil }
        } else if isDigit {
            digitsSeen = true
            cleaned.append(byte)
        } else if byte == UInt8(ascii: "."), !sawPoint, !sawExponent {
            sawPoint = true
            cleaned.append(byte)
        } else if byte | 0x20 == UInt8(ascii: "e"), digitsSeen, !sawExponent {
            sawExponent = true
            cleaned.append(byte)
            digitsSeen = false
        } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"), previous | 0x20 == UInt8(ascii: "e") {
            cleaned.append(byte)
        } else {
            return nil
        }
        previous = byte
    }
    guard digitsSeen else { return nil }
    guard let value = Double(String(decoding: cleaned, as: UTF8.self)) else { return nil }
    return negative ? -value : value
}
