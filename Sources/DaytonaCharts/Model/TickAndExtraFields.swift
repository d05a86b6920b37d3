import DaytonaErrors
import DaytonaJSON

/// A two-axis chart's tick and scale fields and the fields its model does not declare, in one ordered object.
///
/// Line and scatter charts hold their tick fields as the decoder checked and normalized them (the
/// seed model declares them as lists of floats or strings) and always write all four lists. Bar
/// and box charts hold them as sent: the seed model does not declare them there, so they are
/// written back untouched, integers as integers, in the order they came among the unknown fields.
/// Either way the typed accessors read them leniently, as a renderer wants them: items of the
/// wrong type are left out of tick lists and become text in label lists.
struct TickAndExtraFields: Sendable, Hashable {
    /// The keys of the tick and scale fields.
    static let tickKeys: Set<String> = ["x_ticks", "x_tick_labels", "x_scale", "y_ticks", "y_tick_labels", "y_scale"]

    /// Every field, in order.
    private(set) var object = JSONObject()

    /// The tick positions under `key`: its numbers and strings.
    ///
    /// Setting an empty list removes the field.
    subscript(ticks key: String) -> [ChartValue] {
        get {
            guard case .array(let items)? = object[key] else { return [] }
            return items.compactMap { item in
                if let number = item.numericValue { return .number(number) }
                if case .string(let text) = item { return .string(text) }
                return nil
            }
        }
        set { object[key] = newValue.isEmpty ? nil : .array(newValue.map(\.jsonValue)) }
    }

    /// The tick labels under `key`: strings, numbers as their JSON text, anything else empty.
    ///
    /// Setting an empty list removes the field.
    subscript(labels key: String) -> [String] {
        get {
            guard case .array(let items)? = object[key] else { return [] }
            return items.map { item in
                if case .string(let text) = item { return text }
                return item.numericValue == nil ? "" : item.jsonString
            }
        }
        set { object[key] = newValue.isEmpty ? nil : .array(newValue.map(JSONValue.string)) }
    }

    /// The scale under `key`, when it is a string; setting `nil` removes the field.
    subscript(scale key: String) -> String? {
        get {
            guard case .string(let text)? = object[key] else { return nil }
            return text
        }
        set { object[key] = newValue.map(JSONValue.string) }
    }

    /// The fields the model does not declare, in order.
    ///
    /// Setting them keeps the tick fields. A tick or scale key among the new fields sets that
    /// field when it is not set: that is how the decoder hands over a bar chart's tick fields as
    /// sent, and how code written when bar and box charts had no typed tick fields still works.
    var extraFields: JSONObject {
        get { JSONObject(uniqueEntries: object.entries.filter { !Self.tickKeys.contains($0.key) }) }
        set {
            var merged = JSONObject(uniqueEntries: object.entries.filter { Self.tickKeys.contains($0.key) })
            for entry in newValue.entries where merged[entry.key] == nil {
                merged.appendUnique(entry.key, entry.value)
            }
            object = merged
        }
    }
}
