/// The value of a bar: kept as the wire sent it, an integer, a float or a string such as `"40"`.
public enum BarValue: Sendable, Hashable {
    /// An integer.
    case int(Int)
    /// A float (a Boolean on the wire becomes `1.0` or `0.0`).
    case double(Double)
    /// A string, as written.
    case string(String)

    /// The value as a number, when it is one or is a string that reads as one.
    public var numericValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        case .string(let text): parsePythonFloat(text)
        }
    }

    /// The value as JSON.
    public var jsonValue: JSONValue {
        switch self {
        case .int(let value): .int(value)
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        }
    }
}

/// One bar of a bar chart.
public struct BarData: Sendable, Hashable {
    /// The bar's label; the empty string when the producer sent none.
    public var label: String
    /// The group (series) the bar belongs to, if any.
    public var group: String?
    /// The bar's value, if any.
    public var value: BarValue?
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Creates a bar.
    public init(
        label: String = "",
        group: String? = nil,
        value: BarValue? = nil,
        extraFields: JSONObject = JSONObject()
    ) {
        self.label = label
        self.group = group
        self.value = value
        self.extraFields = extraFields
    }

    /// The bar as JSON: `label`, `group`, `value` (those present), then unknown fields.
    public func toJSONValue() -> JSONValue {
        var object = JSONObject()
        object.appendUnique("label", .string(label))
        object.appendOptional("group", group)
        if let value { object.appendUnique("value", value.jsonValue) }
        object.appendExtras(extraFields)
        return .object(object)
    }
}
