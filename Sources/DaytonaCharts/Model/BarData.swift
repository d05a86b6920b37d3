import DaytonaErrors
import DaytonaJSON

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
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.appendUnique("label", .string(label))
        object.appendOptional("group", group)
        if let value { object.appendUnique("value", value.jsonValue) }
        object.appendExtras(extraFields)
        return .object(object)
    }
}
