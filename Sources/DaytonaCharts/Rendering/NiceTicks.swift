import DaytonaErrors
import DaytonaJSON
import Foundation

/// Tick positions at round numbers when the chart does not give its own.
enum NiceTicks {
    /// About `count` ticks at multiples of 1, 2, 2.5 or 5 times a power of ten, inside `lower...upper`.
    static func linear(lower: Double, upper: Double, count: Int = 6) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return lower.isFinite ? [lower] : [] }
        let intervals = Double(Swift.max(1, count - 1))
        var rough = (upper - lower) / intervals
        if !rough.isFinite { rough = upper / intervals - lower / intervals }  // a span beyond the largest double
        let step = niceStep(rough)
        guard step.isFinite else { return [] }
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { value in
            let tick = value * step
            return abs(tick) < step * 1e-9 ? 0 : tick
        }
    }

    /// A round step near `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, floor(log10(rough)))
        let fraction = rough / power
        let nice: Double =
            if fraction <= 1 { 1 } else if fraction <= 2 { 2 } else if fraction <= 2.5 { 2.5 } else if fraction <= 5 {
                5
            } else { 10 }
        return nice * power
    }

    /// Powers of ten inside a log axis's range, thinned so there are at most about eight.
    static func logarithmic(lower: Double, upper: Double) -> [Double] {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return [] }
        let first = Int(ceil(log10(lower) - 1e-9))
        let last = Int(floor(log10(upper) + 1e-9))
        guard last >= first else { return linear(lower: lower, upper: upper, count: 4) }
        let every = Swift.max(1, (last - first + 1 + 7) / 8)
        return stride(from: first, through: last, by: every).map { pow(10, Double($0)) }
    }

    /// A label for a log tick: `10ⁿ`, like matplotlib's default formatter.
    static func logLabel(_ value: Double) -> String {
        let exponent = log10(value)
        guard abs(exponent - exponent.rounded()) < 1e-9 else { return TickFormat.short(value) }
        return MathText.plain("$10^{\(Int(exponent.rounded()))}$")
    }
}
