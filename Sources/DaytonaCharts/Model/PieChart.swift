import DaytonaErrors
import DaytonaJSON

/// A pie chart.
public struct PieChart: ChartModel {
    /// Always ``ChartType/pie``.
    public var type: ChartType { .pie }
    /// The title, if any.
    public var title: String?
    /// The slices.
    public var elements: [PieData]
    /// The figure as base64-encoded PNG, if attached.
    public var png: String?
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Creates a pie chart.
    public init(
        title: String? = nil,
        elements: [PieData] = [],
        png: String? = nil,
        extraFields: JSONObject = JSONObject()
    ) {
        self.title = title
        self.elements = elements
        self.png = png
        self.extraFields = extraFields
    }

    /// The metadata as JSON: base fields, then unknown fields.
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
