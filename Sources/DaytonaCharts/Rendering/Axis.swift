import DaytonaErrors
import DaytonaJSON
import Foundation

/// One axis of a two-axis chart: how values map to positions, and which ticks it shows.
struct Axis {
    /// How values are spaced along the axis.
    enum Kind: Equatable {
        case linear
        case log
        case datetime
        case categorical
    }

    var kind: Kind
    var lower: Double
    var upper: Double
    /// The ticks inside the axis range; labels as the chart gave them (mathtext and all) or as computed.
    var ticks: [(value: Double, label: String)] = []
    /// The offset and multiplier the labels are written relative to, shown at the axis end.
    var shared = TickFormat.Shared()

    /// Whether a value lies inside the axis range, ends included (within rounding).
    func contains(_ value: Double) -> Bool {
        let position = fraction(value)
        return position.isFinite && position >= -1e-9 && position <= 1 + 1e-9
    }

    /// The position of `value` along the axis, 0 at `lower` and 1 at `upper`; NaN when it cannot be shown.
    func fraction(_ value: Double) -> Double {
        if kind == .log {
            guard value > 0 else { return .nan }
            return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return Axis.ratio(value - lower, upper - lower) ?? Axis.ratio(value / 2 - lower / 2, upper / 2 - lower / 2)
            ?? .nan
    }

    /// `numerator / denominator` when both are finite, else `nil` (the caller then halves everything first).
    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
        numerator.isFinite && denominator.isFinite ? numerator / denominator : nil
    }

    /// `upper - lower`, or the largest finite double when the difference overflows (values near ±1e308).
    static func span(_ lower: Double, _ upper: Double) -> Double {
        let span = upper - lower
        return span.isFinite || !lower.isFinite || !upper.isFinite ? span : .greatestFiniteMagnitude
    }

    /// `value` kept inside the finite doubles, so a margin added to an extreme value stays drawable.
    static func finite(_ value: Double) -> Double {
        Swift.min(Swift.max(value, -.greatestFiniteMagnitude), .greatestFiniteMagnitude)
    }

    /// The kind a chart's scale string names; other strings and `nil` are decided by the data.
    static func kind(scale: String?, sample: [ChartValue]) -> Kind {
        switch scale?.lowercased() {
        case "log", "symlog", "logit": return .log
        case "datetime", "date", "time": return .datetime
        case "categorical", "category":
            return sample.contains { $0.string != nil && number($0.string) == nil } ? .categorical : .linear
        default:
            guard let text = sample.lazy.compactMap(\.string).first else { return .linear }
            if ISODate.days(text) != nil { return .datetime }
            return number(text) == nil ? .categorical : .linear
        }
    }

    /// A number written as text, accepting matplotlib's U+2212 minus sign.
    static func number(_ text: String?) -> Double? {
        guard let text else { return nil }
        return Double(text.replacingOccurrences(of: "−", with: "-").trimmingCharacters(in: .whitespaces))
    }

    /// Builds axes from point values, the chart's ticks and tick labels.
    struct Builder {
        let kind: Kind
        private var categories: [String: Double] = [:]
        private var nextCategory = 0.0

        init(kind: Kind, ticks: [ChartValue], tickLabels: [String]) {
            self.kind = kind
            guard kind == .categorical else { return }
            // A category string sits where the tick labelled with it sits, as in matplotlib's figure.
            for (index, tick) in ticks.enumerated() {
                let position = tick.number ?? Double(index)
                if index < tickLabels.count, categories[tickLabels[index]] == nil {
                    categories[tickLabels[index]] = position
                }
                if let text = tick.string, categories[text] == nil { categories[text] = position }
                nextCategory = Swift.max(nextCategory, position + 1)
            }
        }

        /// The axis coordinate of a value, or `nil` when it cannot be placed.
        mutating func value(_ value: ChartValue) -> Double? {
            switch value {
            case .number(let number):
                return kind == .log && number <= 0 ? nil : number
            case .string(let text):
                switch kind {
                case .datetime: return ISODate.days(text) ?? Axis.number(text)
                case .categorical:
                    if let position = categories[text] { return position }
                    let position = nextCategory
                    categories[text] = position
                    nextCategory += 1
                    return position
                case .linear: return Axis.number(text)
                case .log: return Axis.number(text).flatMap { $0 > 0 ? $0 : nil }
                }
            }
        }

        /// The categories in axis order, for ticks when the chart gives none.
        var categoryTicks: [(value: Double, label: String)] {
            categories.map { ($0.value, $0.key) }.sorted { $0.value < $1.value }
        }

        /// The axis covering `lower...upper` (data), with margins and the given or computed ticks.
        func axis(
            dataLower: Double?,
            dataUpper: Double?,
            ticks: [ChartValue],
            tickLabels: [String],
            includeZero: Bool = false
        ) -> Axis {
            var copy = self
            let given: [(value: Double, label: String)] = ticks.enumerated().compactMap { index, tick in
                guard let value = copy.value(tick), value.isFinite else { return nil }
                let label = index < tickLabels.count ? tickLabels[index] : Axis.defaultLabel(tick)
                return (value, label)
            }
            var lower = dataLower ?? given.map(\.value).min() ?? (kind == .log ? 1 : 0)
            var upper = dataUpper ?? given.map(\.value).max() ?? (kind == .log ? 10 : 1)
            if includeZero {
                lower = Swift.min(lower, 0)
                upper = Swift.max(upper, 0)
            }
            (lower, upper) = Axis.padded(kind: kind, lower: lower, upper: upper, keepZero: includeZero)
            var axis = Axis(kind: kind, lower: lower, upper: upper)
            // matplotlib lists ticks beyond the view limits (a decade below a log axis, say); they are not drawn.
            let inside = given.filter { axis.contains($0.value) }
            if kind == .categorical {
                // Categories the ticks do not name still get a tick, or their points would float unlabelled.
                let named = Set(inside.map(\.value))
                let extra = copy.categoryTicks.filter { !named.contains($0.value) && axis.contains($0.value) }
                axis.ticks = (inside + extra).sorted { $0.value < $1.value }
            } else if inside.count >= 2 {
                axis.ticks = inside
                axis.readGivenLabels()
            } else {
                axis.setComputedTicks(categories: categoryTicks)
            }
            return axis
        }
    }

    /// Checks that the chart's own labels state their ticks' values.
    ///
    /// matplotlib writes labels relative to an offset or multiplier and shows it at the axis end
    /// (the metadata does not carry it): then the offset and multiplier are recovered from the
    /// values and shown too. Log labels that do not state their values are written from them.
    private mutating func readGivenLabels() {
        switch kind {
        case .linear:
            if case .relative(let shared) = TickFormat.reading(values: ticks.map(\.value), labels: ticks.map(\.label)) {
                self.shared = shared
            }
        case .log:
            if TickFormat.reading(values: ticks.map(\.value), labels: ticks.map(\.label)) != .states {
                ticks = ticks.map { ($0.value, NiceTicks.logLabel($0.value)) }
            }
        case .datetime, .categorical:
            break
        }
    }

    /// Adds matplotlib's 5% margins; a zero end of a bar chart's value axis stays at zero.
    static func padded(kind: Kind, lower: Double, upper: Double, keepZero: Bool = false) -> (Double, Double) {
        switch kind {
        case .categorical:
            return (lower - 0.5, upper + 0.5)
        case .log:
            let low = log10(Swift.max(lower, .leastNormalMagnitude))
            var high = log10(Swift.max(upper, .leastNormalMagnitude))
            if high <= low { high = low + 1 }
            let margin = (high - low) * 0.05
            return (pow(10, low - margin), pow(10, high + margin))
        case .linear, .datetime:
            // Values near ±1e308 would overflow to infinity; the ends are kept finite.
            if upper <= lower {
                let half = lower == 0 ? 0.5 : abs(lower) * 0.05
                return (keepZero && lower == 0 ? 0 : finite(lower - half), finite(upper + half))
            }
            let margin = span(lower, upper) * 0.05
            return (
                keepZero && lower == 0 ? 0 : finite(lower - margin), keepZero && upper == 0 ? 0 : finite(upper + margin)
            )
        }
    }

    /// A label for a tick that came without one.
    static func defaultLabel(_ value: ChartValue) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return TickFormat.short(number)
        }
    }

    /// Sets round-number, calendar or category ticks for this axis's range, with labels that state their values.
    mutating func setComputedTicks(categories: [(value: Double, label: String)] = []) {
        switch kind {
        case .linear:
            let values = NiceTicks.linear(lower: lower, upper: upper).filter { contains($0) }
            let (labels, shared) = TickFormat.linear(values)
            ticks = Array(zip(values, labels))
            self.shared = shared
        case .log:
            ticks = NiceTicks.logarithmic(lower: lower, upper: upper).filter { contains($0) }.map {
                ($0, NiceTicks.logLabel($0))
            }
        case .datetime:
            ticks = ISODate.ticks(lower: lower, upper: upper).filter { contains($0.value) }
        case .categorical:
            ticks = categories.filter { contains($0.value) }
        }
    }
}
