import DaytonaErrors
import DaytonaJSON
import Foundation

/// Tick labels that state their ticks' values, as matplotlib's `ScalarFormatter` writes them.
///
/// When the values share many leading digits, the shared part (the offset, `+1e6`) is written once
/// at the end of the axis; when they are very large or small, so is their power of ten (the
/// multiplier, `1e−9`). Every label on an axis has the same number of decimals, as many as the
/// values need to be written exactly.
enum TickFormat {
    /// The offset and multiplier of an axis's labels: a label `l` states the value `l × scale + offset`.
    struct Shared: Equatable {
        var exponent = 0
        var offset = 0.0

        var isNone: Bool { exponent == 0 && offset == 0 }

        /// The text matplotlib writes at the axis end: `1e−9`, `+1e6`, or both (`1e−3+1e6`); `nil` for none.
        var annotation: String? {
            guard !isNone else { return nil }
            var text = exponent != 0 ? "1e" + TickFormat.minus(String(exponent)) : ""
            if offset != 0 { text += (offset < 0 ? "\u{2212}" : "+") + TickFormat.short(abs(offset)) }
            return text
        }
    }

    /// Labels for linear ticks, and the offset and multiplier they are written relative to.
    static func linear(_ values: [Double]) -> (labels: [String], shared: Shared) {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return (values.map { _ in "" }, Shared()) }
        var shared = Shared()
        let largest = Swift.max(abs(low), abs(high))
        let range = high - low
        if range > 0, largest > 0, range.isFinite {
            let magnitude = floor(log10(largest))
            let rangeMagnitude = floor(log10(range))
            // Four or more leading digits shared by every tick: write them once, like matplotlib's offset threshold.
            if magnitude - rangeMagnitude >= 4 {
                let unit = pow(10, rangeMagnitude + 1)
                let offset = ((low + high) / 2 / unit).rounded() * unit
                if offset.isFinite && offset != 0 { shared.offset = offset }
            }
        }
        let relative = values.map { $0 - shared.offset }
        let largestRelative = relative.filter(\.isFinite).map(abs).max() ?? 0
        if largestRelative > 0 {
            let magnitude = Int(floor(log10(largestRelative)))
            if magnitude >= 6 || magnitude <= -5 { shared.exponent = magnitude }
        }
        let scale = pow(10, Double(shared.exponent))
        let scaled = relative.map { shared.exponent == 0 ? $0 : $0 / scale }
        let places = decimals(scaled)
        return (scaled.map { format($0, decimals: places) }, shared)
    }

    /// The fewest decimals (at most 12) that write every value exactly, up to floating-point noise.
    static func decimals(_ values: [Double]) -> Int {
        let finite = values.filter(\.isFinite)
        for places in 0...12 {
            let factor = pow(10, Double(places))
            let exact = finite.allSatisfy { value in
                let shifted = value * factor
                return abs(shifted - shifted.rounded()) <= 1e-6 * Swift.max(1, abs(shifted) * 1e-3)
            }
            if exact { return places }
        }
        return 12
    }

    /// `value` with exactly `decimals` decimals, a U+2212 minus sign, and no negative zero.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "" }
        let factor = pow(10, Double(decimals))
        let rounded = (value * factor).rounded() / factor
        let text = String(format: "%.\(decimals)f", rounded == 0 ? 0 : rounded)
        return minus(text)
    }

    /// The shortest text that reads back as `value` (at most 12 significant digits): `1e6`, `1.7e9`, `0.25`, `12345`.
    static func short(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            let exponent = Int(floor(log10(magnitude)))
            var mantissa = value / pow(10, Double(exponent))
            if abs(mantissa) >= 10 - 1e-12 {
                mantissa /= 10
                return minus(trimmed(mantissa, digits: 11) + "e" + String(exponent + 1))
            }
            return minus(trimmed(mantissa, digits: 11) + "e" + String(exponent))
        }
        return minus(trimmed(value, digits: Swift.max(0, 11 - Int(floor(log10(magnitude))))))
    }

    /// `value` with up to `digits` decimals, trailing zeros dropped.
    private static func trimmed(_ value: Double, digits: Int) -> String {
        var text = String(format: "%.\(Swift.min(digits, 15))f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// The text with ASCII hyphen-minus signs written as matplotlib's U+2212.
    static func minus(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\u{2212}") }

    /// The number a tick label states, read from its drawn text: `−1.5`, `1,000`, `1e−9`, `2×10³`, `10⁻¹`.
    ///
    /// `nil` for anything else, such as a category, a date or a percentage.
    static func number(in label: String) -> (value: Double, precision: Double)? {
        var text = String.UnicodeScalarView()
        for scalar in MathText.plain(label).unicodeScalars {
            switch scalar {
            case "\u{2212}", "\u{2013}": text.append("-")
            case " ", "\u{2009}", "\u{202F}", "\u{A0}", ",": continue
            default: text.append(scalar)
            }
        }
        let string = String(text)
        if let power = powerOfTen(string) { return power }
        return plainNumber(string)
    }

    /// `1.5`, `-2`, `1e-9`, `+3`: the value and half a unit of its last decimal.
    private static func plainNumber(_ text: String) -> (value: Double, precision: Double)? {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty,
            scalars.allSatisfy({ ("0"..."9").contains($0) || ".-+eE".unicodeScalars.contains($0) }),
            scalars.contains(where: { ("0"..."9").contains($0) }), let value = Double(text), value.isFinite
        else { return nil }
        let mantissa = text.split(whereSeparator: { $0 == "e" || $0 == "E" })
        let exponent = mantissa.count > 1 ? Double(mantissa[1]) ?? 0 : 0
        let fraction = mantissa.first.flatMap { part in
            part.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first
        }
        let places = Double(fraction?.count ?? 0)
        return (value, 0.5 * pow(10, exponent - places))
    }

    /// `10⁻¹`, `2×10³`, `−10²`: a number written with a Unicode superscript power of ten.
    private static func powerOfTen(_ text: String) -> (value: Double, precision: Double)? {
        guard let range = text.range(of: "10", options: .backwards) else { return nil }
        let exponentText = text[range.upperBound...]
        guard !exponentText.isEmpty else { return nil }
        var exponent = 0.0
        var sign = 1.0
        for (index, scalar) in exponentText.unicodeScalars.enumerated() {
            if index == 0 && (scalar == "\u{207B}" || scalar == "\u{207A}") {
                sign = scalar == "\u{207B}" ? -1 : 1
                continue
            }
            guard let digit = superscriptDigits[scalar] else { return nil }
            exponent = exponent * 10 + Double(digit)
        }
        exponent *= sign
        var prefix = String(text[..<range.lowerBound])
        var mantissa = 1.0
        var precision = 0.0
        if prefix.hasSuffix("×") || prefix.hasSuffix("x") || prefix.hasSuffix("·") {
            prefix.removeLast()
            guard let parsed = plainNumber(prefix) else { return nil }
            mantissa = parsed.value
            precision = parsed.precision
        } else if prefix == "-" {
            mantissa = -1
        } else if !prefix.isEmpty && prefix != "+" {
            return nil
        }
        let scale = pow(10, exponent)
        guard (mantissa * scale).isFinite else { return nil }
        return (mantissa * scale, Swift.max(precision * scale, abs(mantissa * scale) * 1e-9))
    }

    private static let superscriptDigits: [Unicode.Scalar: Int] = [
        "\u{2070}": 0, "\u{B9}": 1, "\u{B2}": 2, "\u{B3}": 3, "\u{2074}": 4, "\u{2075}": 5, "\u{2076}": 6,
        "\u{2077}": 7, "\u{2078}": 8, "\u{2079}": 9,
    ]

    /// How a linear axis's given labels relate to its tick values.
    enum Reading: Equatable {
        /// Each numeric label states its tick's value (or the labels are not numbers): draw them as they are.
        case states
        /// The labels state the values relative to an offset and a multiplier: draw them with its annotation.
        case relative(Shared)
        /// The labels are numbers unrelated to the values (the figure's own choice): draw them as they are.
        case unrelated
    }

    /// Whether labels state their ticks' values, directly or relative to a power-of-ten multiplier and an offset.
    static func reading(values: [Double], labels: [String]) -> Reading {
        var pairs: [(value: Double, label: Double, precision: Double)] = []
        for (value, label) in zip(values, labels) {
            if let number = number(in: label) { pairs.append((value, number.value, number.precision)) }
        }
        guard !pairs.isEmpty else { return .states }
        let tolerance = { (pair: (value: Double, label: Double, precision: Double)) in
            pair.precision * (1 + 1e-6) + abs(pair.value) * 1e-9
        }
        if pairs.allSatisfy({ abs($0.label - $0.value) <= tolerance($0) }) { return .states }
        guard let first = pairs.min(by: { $0.value < $1.value }), let last = pairs.max(by: { $0.value < $1.value }),
            last.value > first.value, last.label != first.label
        else { return .unrelated }
        let slope = (last.label - first.label) / (last.value - first.value)
        guard slope > 0, slope.isFinite else { return .unrelated }
        let exponent = Int((-log10(slope)).rounded())
        let scale = pow(10, Double(exponent))
        guard abs(slope * scale - 1) < 1e-3 else { return .unrelated }
        let offset = first.value - first.label * scale
        let fits = pairs.allSatisfy { pair in
            abs(pair.label * scale + offset - pair.value) <= pair.precision * scale * (1 + 1e-6) + abs(pair.value)
                * 1e-9
        }
        guard fits else { return .unrelated }
        // The offset is a round number matplotlib chose; write it as such.
        let precision = pairs.map(\.precision).max() ?? 0
        let unit = precision > 0 ? pow(10, floor(log10(precision * scale * 2))) : 0
        let roundOffset = unit > 0 ? (offset / unit).rounded() * unit : offset
        return .relative(Shared(exponent: exponent, offset: abs(roundOffset) < unit / 2 ? 0 : roundOffset))
    }
}
