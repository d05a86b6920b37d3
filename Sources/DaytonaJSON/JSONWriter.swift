/// Writes ``JSONValue`` as JSON text the way Python's `json.dumps` does with its defaults.
///
/// Separators are `", "` and `": "`, non-ASCII text is escaped as `\uXXXX`, and NaN and the
/// infinities are written as the bare tokens `NaN`, `Infinity` and `-Infinity`. Integers are
/// written as integers and doubles in their shortest round-trip form, so reading the output
/// back gives the same values.
package struct JSONWriter {
    /// The bytes written and not yet flushed.
    ///
    /// Settable in the package only so that the small appends below can be `@inlinable`: the
    /// chart writers in other modules call them for every separator and number.
    package var output: [UInt8] = []
    /// Receives full chunks as they fill, so a large result never sits in memory whole.
    private let sink: ((UnsafeBufferPointer<UInt8>) -> Void)?
    private static let chunkSize = 1 << 20

    /// Creates a writer that keeps everything in ``output``.
    package init() {
        sink = nil
    }

    /// Creates a writer that hands its output to `sink` in chunks; call ``finish()`` at the end.
    package init(sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.sink = sink
        output.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Hands what is left to the sink.
    package mutating func finish() {
        guard let sink, !output.isEmpty else { return }
        output.withUnsafeBufferPointer(sink)
        output.removeAll(keepingCapacity: true)
    }

    package mutating func flushIfFull() {
        if sink != nil && output.count >= Self.chunkSize { finish() }
    }

    /// Writes an object; `custom` may write a key's value itself and return `true`.
    package mutating func writeObject(_ object: JSONObject, custom: (inout JSONWriter, String) -> Bool) {
        output.append(UInt8(ascii: "{"))
        var first = true
        for entry in object.entries {
            if !first { append(", ") }
            first = false
            writeString(entry.key)
            append(": ")
            if !custom(&self, entry.key) { write(entry.value) }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Appends one value without spaces after `,` and `:` (what HTTP request bodies use; the
    /// other writers follow Python's `json.dumps`).
    package mutating func writeCompact(_ value: JSONValue) {
        write(value, itemSeparator: ",", keySeparator: ":")
    }

    /// Appends one value.
    package mutating func write(_ value: JSONValue) {
        write(value, itemSeparator: ", ", keySeparator: ": ")
    }

    private mutating func write(_ value: JSONValue, itemSeparator: StaticString, keySeparator: StaticString) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): writeInteger(number)
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            var first = true
            for item in values {
                if !first { append(itemSeparator) }
                first = false
                write(item, itemSeparator: itemSeparator, keySeparator: keySeparator)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            for entry in object.entries {
                if !first { append(itemSeparator) }
                first = false
                writeString(entry.key)
                append(keySeparator)
                write(entry.value, itemSeparator: itemSeparator, keySeparator: keySeparator)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    // Forced: `@inlinable` alone left it out of line in the chart writers, a call per separator.
    @inlinable @inline(__always)
    package mutating func append(_ text: StaticString) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inlinable
    package mutating func writeInteger(_ number: Int) {
        if number >= 0 && number < 10 {
            output.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        var magnitude = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if number < 0 { output.append(UInt8(ascii: "-")) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    @inlinable
    package mutating func writeDouble(_ number: Double) {
        if number.isNaN {
            append("NaN")
        } else if number.isInfinite {
            append(number < 0 ? "-Infinity" : "Infinity")
        } else {
            // The standard library writes the shortest text that reads back as the same double; it
            // hands ASCII digits to `_writeASCII`, which spares a String per number.
            number.write(to: &self)
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    package mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        var text = text
        let plain = text.withUTF8 { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        if plain {
            text.withUTF8 { output.append(contentsOf: $0) }
        } else {
            for unit in text.utf16 {
                switch unit {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                case 0x20..<0x7F: output.append(UInt8(unit))
                default:
                    append("\\u")
                    for shift in stride(from: 12, through: 0, by: -4) {
                        output.append(Self.hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
                    }
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// The value as JSON text in Python's `json.dumps` layout, with `NaN`, `Infinity` and `-Infinity` tokens.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.output
    }

    /// The value as JSON text; see ``jsonBytes``.
    public var jsonString: String {
        String(decoding: jsonBytes, as: UTF8.self)
    }
}

extension JSONWriter: TextOutputStream {
    /// Appends text.
    package mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Appends ASCII bytes; floating-point types write their digits through this.
    package mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        output.append(contentsOf: buffer)
    }
}
