import DaytonaErrors
import DaytonaJSON

/// The axis fields matplotlib sends for bar and box charts, which the typed model keeps in `extraFields`.
struct ExtraAxisFields {
    var xTicks: [ChartValue] = []
    var xTickLabels: [String] = []
    var xScale: String?
    var yTicks: [ChartValue] = []
    var yTickLabels: [String] = []
    var yScale: String?

    init(_ fields: JSONObject) {
        xTicks = Self.values(fields["x_ticks"])
        xTickLabels = Self.strings(fields["x_tick_labels"])
        xScale = fields["x_scale"].flatMap { if case .string(let text) = $0 { text } else { nil } }
        yTicks = Self.values(fields["y_ticks"])
        yTickLabels = Self.strings(fields["y_tick_labels"])
        yScale = fields["y_scale"].flatMap { if case .string(let text) = $0 { text } else { nil } }
    }

    private static func values(_ value: JSONValue?) -> [ChartValue] {
        guard case .array(let items) = value else { return [] }
        return items.compactMap { item in
            if let number = item.numericValue { return .number(number) }
            if case .string(let text) = item { return .string(text) }
            return nil
        }
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items) = value else { return [] }
        return items.map { item in
            if case .string(let text) = item { return text }
            return item.numericValue.map { Axis.defaultLabel(.number($0)) } ?? ""
        }
    }
}
