import DaytonaErrors
import DaytonaJSON

/// Formats coordinates compactly: at most two decimals, no exponent, no trailing zeros.
///
/// `String(format:)` and `description` are slow and may print exponents, which bloats large paths.
enum SVGNumber {
    static func string(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = Swift.min(Swift.max(value, -1e12), 1e12)
        let hundredths = Int((clamped * 100).rounded())
        let negative = hundredths < 0
        let magnitude = negative ? -hundredths : hundredths
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var text = negative && magnitude != 0 ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }
}
