import DaytonaErrors

/// A byte-level JSON reader tuned for chart metadata.
///
/// Charts can hold millions of points, and Foundation's readers measured slower than Python's
/// here, so this one reads UTF-8 bytes straight into ``JSONValue``. It accepts what Python's
/// `json.loads` accepts, including the `NaN`, `Infinity` and `-Infinity` tokens, and reports
/// errors with the JSON path and byte offset of the culprit.
package struct JSONReader {
    package let bytes: UnsafeBufferPointer<UInt8>
    package var position = 0
    /// Scratch space shared by all arrays being read, so each array is allocated once, at its final size.
    private var valueStack: [JSONValue] = []
    private var entryStack: [JSONObject.Entry] = []

    /// Whether a key repeated within one object is an error rather than Python's last-one-wins.
    package var rejectsDuplicateKeys = false

    /// Deep enough for any chart, shallow enough that recursion cannot exhaust a thread's stack.
    package static let maximumDepth = 256

    package init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Reads one JSON document.
    package static func read(
        _ bytes: UnsafeBufferPointer<UInt8>,
        rejectingDuplicateKeys: Bool = false
    ) throws(JSONPathFailure) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        reader.rejectsDuplicateKeys = rejectingDuplicateKeys
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        if reader.position < bytes.count {
            throw reader.failure("extra data after the JSON value")
        }
        return value
    }

    package func failure(_ reason: String) -> JSONPathFailure {
        JSONPathFailure(reason, offset: position)
    }

    package func describeCurrentByte() -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    // Inlinable for the chart reader in DaytonaCharts, which calls it around every number.
    @inlinable
    package mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    package mutating func readValue(depth: Int) throws(JSONPathFailure) -> JSONValue {
        guard position < bytes.count else { throw failure("expected a value, got end of input") }
        switch bytes[position] {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "N"):
            try expectLiteral("NaN")
            return .double(.nan)
        case UInt8(ascii: "I"):
            try expectLiteral("Infinity")
            return .double(.infinity)
        default: throw failure("expected a value, got \(describeCurrentByte())")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONPathFailure) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("invalid literal, expected '\(literal)'") }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[position + offset] != start[offset] {
            throw failure("invalid literal, expected '\(literal)'")
        }
        position += count
    }

    private mutating func readArray(depth: Int) throws(JSONPathFailure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array([])
        }
        let base = valueStack.count
        var index = 0
        while true {
            do throws(JSONPathFailure) {
                valueStack.append(try readValue(depth: depth))
            } catch {
                valueStack.removeSubrange(base...)
                throw error.adding(.index(index))
            }
            index += 1
            skipWhitespace()
            guard position < bytes.count else {
                valueStack.removeSubrange(base...)
                throw failure("unterminated array, expected ',' or ']'").adding(.index(index - 1))
            }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ",") {
                skipWhitespace()
                continue
            }
            if byte == UInt8(ascii: "]") { break }
            position -= 1
            let reason = "expected ',' or ']' after an array item, got \(describeCurrentByte())"
            valueStack.removeSubrange(base...)
            throw failure(reason).adding(.index(index - 1))
        }
        let values = Array(valueStack[base...])
        valueStack.removeSubrange(base...)
        return .array(values)
    }

    private mutating func readObject(depth: Int) throws(JSONPathFailure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(JSONObject())
        }
        let base = entryStack.count
        defer { entryStack.removeSubrange(base...) }
        while true {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure("expected a string key, got \(describeCurrentByte())")
            }
            let key = try readString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw failure("expected ':' after a key, got \(describeCurrentByte())").adding(.key(key))
            }
            position += 1
            skipWhitespace()
            do throws(JSONPathFailure) {
                entryStack.append(JSONObject.Entry(key: key, value: try readValue(depth: depth)))
            } catch {
                throw error.adding(.key(key))
            }
            skipWhitespace()
            guard position < bytes.count else { throw failure("unterminated object, expected ',' or '}'") }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ",") {
                skipWhitespace()
                continue
            }
            if byte == UInt8(ascii: "}") { break }
            position -= 1
            throw failure("expected ',' or '}' after an object value, got \(describeCurrentByte())")
        }
        let entries = entryStack[base...]
        if rejectsDuplicateKeys {
            var seen = Set<String>()
            for entry in entries where !seen.insert(entry.key).inserted {
                throw failure("duplicate key '\(entry.key)'")
            }
        }
        return .object(Self.makeObject(entries))
    }

    /// Builds an object; a repeated key keeps its first place and its last value, as Python's `json` does.
    package static func makeObject(_ entries: ArraySlice<JSONObject.Entry>) -> JSONObject {
        var hasDuplicates = false
        if entries.count <= 12 {
            outer: for i in entries.indices {
                for j in entries.indices where j > i && entries[i].key == entries[j].key {
                    hasDuplicates = true
                    break outer
                }
            }
        } else {
            var seen = Set<String>(minimumCapacity: entries.count)
            for entry in entries where !seen.insert(entry.key).inserted {
                hasDuplicates = true
                break
            }
        }
        if !hasDuplicates { return JSONObject(uniqueEntries: Array(entries)) }
        var positions: [String: Int] = [:]
        var unique: [JSONObject.Entry] = []
        for entry in entries {
            if let index = positions[entry.key] {
                unique[index].value = entry.value
            } else {
                positions[entry.key] = unique.count
                unique.append(entry)
            }
        }
        return JSONObject(uniqueEntries: unique)
    }

    package mutating func readString() throws(JSONPathFailure) -> String {
        position += 1
        let start = position
        var asciiOnly = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if asciiOnly { return String(decoding: raw, as: UTF8.self) }
                return try Self.validatedString(raw, offset: start)
            }
            if byte == UInt8(ascii: "\\") {
                position = start
                return try readEscapedString()
            }
            if byte < 0x20 { throw failure("control character in a string") }
            if byte >= 0x80 { asciiOnly = false }
            position += 1
        }
        throw JSONPathFailure("unterminated string", offset: start - 1)
    }

    private static func validatedString(
        _ raw: UnsafeBufferPointer<UInt8>,
        offset: Int
    ) throws(JSONPathFailure) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        // Decoding repairs bad sequences with U+FFFD, which changes the bytes: that is how invalid UTF-8 shows.
        guard text.utf8.elementsEqual(raw) else { throw JSONPathFailure("invalid UTF-8 in a string", offset: offset) }
        return text
    }

    private mutating func readEscapedString() throws(JSONPathFailure) -> String {
        var buffer: [UInt8] = []
        var pendingHighSurrogate: UInt32?
        func flushSurrogate(_ buffer: inout [UInt8], _ pending: inout UInt32?) {
            if pending != nil {
                buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])
                pending = nil
            }
        }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                flushSurrogate(&buffer, &pendingHighSurrogate)
                position += 1
                return try buffer.withUnsafeBufferPointer { (raw) throws(JSONPathFailure) -> String in
                    try Self.validatedString(raw, offset: start)
                }
            }
            if byte < 0x20 { throw failure("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                flushSurrogate(&buffer, &pendingHighSurrogate)
                buffer.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            if escape != UInt8(ascii: "u") { flushSurrogate(&buffer, &pendingHighSurrogate) }
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                let unit = try readHex4()
                if (0xD800...0xDBFF).contains(unit) {
                    flushSurrogate(&buffer, &pendingHighSurrogate)
                    pendingHighSurrogate = unit
                } else if (0xDC00...0xDFFF).contains(unit), let high = pendingHighSurrogate {
                    pendingHighSurrogate = nil
                    appendUTF8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &buffer)
                } else {
                    flushSurrogate(&buffer, &pendingHighSurrogate)
                    // Swift strings cannot hold a lone surrogate; Python keeps it, we write U+FFFD.
                    appendUTF8((0xD800...0xDFFF).contains(unit) ? 0xFFFD : unit, to: &buffer)
                }
            default:
                position -= 1
                throw failure("invalid escape in a string")
            }
        }
        throw JSONPathFailure("unterminated string", offset: start - 1)
    }

    private mutating func readHex4() throws(JSONPathFailure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(scalar) else { return }
        buffer.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
    }
}

extension JSONValue {
    /// Reads a JSON document from UTF-8 bytes with the package's own reader.
    ///
    /// The reader accepts everything Python's `json.loads` does, including `NaN`, `Infinity`
    /// and `-Infinity`. Integers that do not fit in an `Int` become ``JSONValue/double(_:)``.
    ///
    ///     let value = try JSONValue(jsonBytes: Array(#"{"a": [1, 2.5]}"#.utf8))
    ///
    /// - Throws: ``DaytonaValidationError`` whose message names the JSON path and byte offset of the error.
    public init(jsonBytes: some Collection<UInt8>) throws {
        try self.init(jsonBytes: jsonBytes, rejectingDuplicateKeys: false)
    }

    /// Reads a JSON document; with `rejectingDuplicateKeys`, a key repeated in one object is an
    /// error (recipes need that: YAML refuses duplicates, and JSON recipes must agree).
    package init(jsonBytes: some Collection<UInt8>, rejectingDuplicateKeys: Bool) throws {
        let read = { (buffer: UnsafeBufferPointer<UInt8>) in
            Result { () throws(JSONPathFailure) -> JSONValue in
                try JSONReader.read(buffer, rejectingDuplicateKeys: rejectingDuplicateKeys)
            }
        }
        let result = jsonBytes.withContiguousStorageIfAvailable(read) ?? Array(jsonBytes).withUnsafeBufferPointer(read)
        switch result {
        case .success(let value): self = value
        case .failure(let failure): throw failure.validationError(input: "invalid JSON")
        }
    }
}
