#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON number's digits as read: the first 19 significant digits exactly, and the power of ten they need.
///
/// `mantissa × 10^exponent` is the number's magnitude when `truncated` is false; when it is
/// true, nonzero digits beyond the 19th were dropped and only `strtod` can round correctly.
struct DecimalDigits {
    var negative = false
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var exponent = 0
    var truncated = false
    /// How many digits precede the point (or the exponent).
    var integerDigits = 0
    /// Whether the text has neither a fraction nor an exponent.
    var isInteger = true

    /// Takes one digit of the integer part (`afterPoint` false) or of the fraction.
    mutating func append(_ digit: UInt8, afterPoint: Bool) {
        if significantDigits < 19 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            if mantissa != 0 { significantDigits += 1 }
            if afterPoint { exponent -= 1 }
        } else {
            if !afterPoint { exponent += 1 }
            if digit != 0 { truncated = true }
        }
    }

    /// The value as an `Int`, for integer text that fits one.
    ///
    /// Forced inline like the two readers below: out of line it cost a call per number.
    @inline(__always)
    var int: Int? {
        guard isInteger else { return nil }
        if integerDigits <= 18 {
            let magnitude = Int(mantissa)
            return negative ? -magnitude : magnitude
        }
        guard integerDigits == 19, significantDigits == 19 else { return nil }
        if negative, mantissa <= UInt64(Int.max) + 1 { return Int(truncatingIfNeeded: 0 &- mantissa) }
        if !negative, mantissa <= UInt64(Int.max) { return Int(mantissa) }
        return nil
    }

    /// Clinger's fast path: when the digits and the power of ten are both exact doubles, one
    /// multiplication or division rounds correctly.
    var exactDouble: Double? {
        guard !truncated, mantissa <= 1 << 53, (-22...22).contains(exponent) else { return nil }
        let value = Double(mantissa)
        return exponent < 0 ? value / Self.powersOfTen[-exponent] : value * Self.powersOfTen[exponent]
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

extension JSONReader {
    /// Reads a number (or `-Infinity`): an `Int` when the text is an integer that fits, else a `Double`.
    mutating func readNumber() throws(JSONPathFailure) -> JSONValue {
        let start = position
        var digits = DecimalDigits()
        if bytes[position] == UInt8(ascii: "-") {
            digits.negative = true
            position += 1
            if position < bytes.count && bytes[position] == UInt8(ascii: "I") {
                try expectLiteral("Infinity")
                return .double(-.infinity)
            }
        }
        try readIntegerPart(into: &digits, numberStart: start)
        try readFraction(into: &digits, numberStart: start)
        try readExponent(into: &digits, numberStart: start)
        if let int = digits.int { return .int(int) }
        if let magnitude = fastDouble(digits) { return .double(digits.negative ? -magnitude : magnitude) }
        return .double(parseWithStrtod(start..<position))  // the text keeps its sign
    }

    /// Reads a run of digits into `digits`.
    private mutating func readDigits(into digits: inout DecimalDigits, afterPoint: Bool) {
        while position < bytes.count, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            digits.append(digit, afterPoint: afterPoint)
            position += 1
        }
    }

    private mutating func readIntegerPart(
        into digits: inout DecimalDigits,
        numberStart: Int
    ) throws(JSONPathFailure) {
        let integerStart = position
        readDigits(into: &digits, afterPoint: false)
        digits.integerDigits = position - integerStart
        guard digits.integerDigits > 0 else { throw JSONPathFailure("invalid number", offset: numberStart) }
        if digits.integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
            throw JSONPathFailure("invalid number (leading zero)", offset: numberStart)
        }
    }

    private mutating func readFraction(into digits: inout DecimalDigits, numberStart: Int) throws(JSONPathFailure) {
        guard position < bytes.count && bytes[position] == UInt8(ascii: ".") else { return }
        digits.isInteger = false
        position += 1
        let fractionStart = position
        readDigits(into: &digits, afterPoint: true)
        guard position > fractionStart else { throw JSONPathFailure("invalid number", offset: numberStart) }
    }

    // Inlined by hand: since the reader became a module of its own, the optimizer has kept these
    // two out of line, a call for every number of a chart (Benchmarks/charts/RESULTS.md).
    @inline(__always)
    private mutating func readExponent(into digits: inout DecimalDigits, numberStart: Int) throws(JSONPathFailure) {
        guard position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") else { return }
        digits.isInteger = false
        position += 1
        var negative = false
        if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        let exponentStart = position
        var exponent = 0
        while position < bytes.count, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }  // far beyond any double
            position += 1
        }
        guard position > exponentStart else { throw JSONPathFailure("invalid number", offset: numberStart) }
        digits.exponent += negative ? -exponent : exponent
    }

    /// The magnitude without `strtod`, where a fast path decides it exactly.
    @inline(__always)
    private func fastDouble(_ digits: DecimalDigits) -> Double? {
        if FastPaths.clinger, let exact = digits.exactDouble { return exact }
        guard FastPaths.eiselLemire, !digits.truncated else { return nil }
        return eiselLemire(mantissa: digits.mantissa, exponent: digits.exponent)
    }

    /// Parses the number's text with the C library, which rounds every input correctly.
    private func parseWithStrtod(_ range: Range<Int>) -> Double {
        if range.upperBound < bytes.count, let base = bytes.baseAddress {
            // A byte that cannot continue the number follows it inside the buffer, so strtod
            // stops exactly where the JSON grammar did; no copy needed. UInt8 and CChar memory may alias.
            let start = UnsafeRawPointer(base + range.lowerBound).assumingMemoryBound(to: CChar.self)
            return strtod(start, nil)
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { buffer in
            for (offset, index) in range.enumerated() { buffer[offset] = CChar(bitPattern: bytes[index]) }
            buffer[range.count] = 0
            guard let start = buffer.baseAddress else { return Double.nan }
            return strtod(start, nil)
        }
    }
}

/// Which fast paths this build uses: all of them, except in the builds Benchmarks/json/run.sh
/// makes to measure what each one is worth (the flags are for that benchmark only).
private enum FastPaths {
    #if DAYTONA_JSON_BENCH_STRTOD_ONLY
    static let clinger = false
    static let eiselLemire = false
    #elseif DAYTONA_JSON_BENCH_NO_EISEL_LEMIRE
    static let clinger = true
    static let eiselLemire = false
    #else
    static let clinger = true
    static let eiselLemire = true
    #endif
}
