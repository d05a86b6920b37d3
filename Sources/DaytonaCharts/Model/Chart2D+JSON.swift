import DaytonaErrors
import DaytonaJSON

/// The start of every chart's metadata: `type`, `title`, `elements`, `png`, in the seed model's order.
func baseChartObject(typeName: String, title: String?, elements: JSONValue, png: String?) -> JSONObject {
    var object = JSONObject()
    object.appendUnique("type", .string(typeName))
    object.appendOptional("title", title)
    object.appendUnique("elements", elements)
    object.appendOptional("png", png)
    return object
}

extension Chart2D {
    /// Appends `x_label` and `y_label` when present.
    func appendAxisLabels(to object: inout JSONObject) {
        object.appendOptional("x_label", xLabel)
        object.appendOptional("y_label", yLabel)
    }
}

extension PointChart {
    /// The metadata as JSON: base fields, axis labels, the four tick lists (always) and scales.
    public var jsonValue: JSONValue {
        .object(metadata(elements: .array(elements.map { $0.jsonValue })))
    }

    /// The metadata with `elements` given, so a writer can stream large element lists.
    func metadata(elements: JSONValue) -> JSONObject {
        var object = baseChartObject(typeName: type.rawValue, title: title, elements: elements, png: png)
        appendAxisLabels(to: &object)
        object.appendUnique("x_ticks", .array(xTicks.map(\.jsonValue)))
        object.appendUnique("x_tick_labels", .array(xTickLabels.map(JSONValue.string)))
        object.appendOptional("x_scale", xScale)
        object.appendUnique("y_ticks", .array(yTicks.map(\.jsonValue)))
        object.appendUnique("y_tick_labels", .array(yTickLabels.map(JSONValue.string)))
        object.appendOptional("y_scale", yScale)
        object.appendExtras(extraFields)
        return object
    }
}

/// Bar and box charts, whose tick and scale fields the seed model does not declare.
protocol KeepsTickFieldsAsSent: _TwoAxisChartStorageBacked {}

extension KeepsTickFieldsAsSent {
    /// The metadata with `elements` given, so a writer can stream large element lists: base fields,
    /// axis labels, then the tick and unknown fields in the order they came (the tick fields only
    /// when present, their values untouched).
    func metadata(elements: JSONValue) -> JSONObject {
        var object = baseChartObject(typeName: type.rawValue, title: title, elements: elements, png: png)
        appendAxisLabels(to: &object)
        object.appendExtras(_storage.fields.object)
        return object
    }
}
