import DaytonaErrors
import DaytonaJSON

/// A figure made of several charts (subplots), which may themselves be composites.
public struct CompositeChart: ChartModel {
    /// Always ``ChartType/compositeChart``.
    public var type: ChartType { .compositeChart }
    /// The figure's title (matplotlib's suptitle), if any.
    public var title: String?
    /// The sub-charts, in order.
    public var elements: [Chart]
    /// The whole figure as base64-encoded PNG, if attached.
    public var png: String?
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Creates a composite chart.
    public init(
        title: String? = nil,
        elements: [Chart] = [],
        png: String? = nil,
        extraFields: JSONObject = JSONObject()
    ) {
        self.title = title
        self.elements = elements
        self.png = png
        self.extraFields = extraFields
    }

    /// The metadata as JSON; each sub-chart is written in full, as a chart of its own (C1).
    public var jsonValue: JSONValue {
        .object(metadata(elements: .array(elements.map { $0.jsonValue })))
    }

    /// The metadata with `elements` given, so a writer can stream large element lists.
    func metadata(elements: JSONValue) -> JSONObject {
        var object = baseChartObject(typeName: type.rawValue, title: title, elements: elements, png: png)
        object.appendExtras(extraFields)
        return object
    }
}
