import DaytonaErrors
import DaytonaJSON

/// A box-and-whisker (box plot) chart.
public struct BoxAndWhiskerChart: Chart2D {
    /// Always ``ChartType/boxAndWhisker``.
    public var type: ChartType { .boxAndWhisker }
    /// The title, if any.
    public var title: String?
    /// The boxes.
    public var elements: [BoxAndWhiskerData]
    /// The figure as base64-encoded PNG, if attached.
    public var png: String?
    /// The x-axis label, if any.
    public var xLabel: String?
    /// The y-axis label, if any.
    public var yLabel: String?
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Creates a box-and-whisker chart.
    public init(
        title: String? = nil,
        elements: [BoxAndWhiskerData] = [],
        png: String? = nil,
        xLabel: String? = nil,
        yLabel: String? = nil,
        extraFields: JSONObject = JSONObject()
    ) {
        self.title = title
        self.elements = elements
        self.png = png
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.extraFields = extraFields
    }

    /// The metadata as JSON: base fields, axis labels, then unknown fields.
    public var jsonValue: JSONValue {
        .object(metadata(elements: .array(elements.map { $0.jsonValue })))
    }

    /// The metadata with `elements` given, so a writer can stream large element lists.
    func metadata(elements: JSONValue) -> JSONObject {
        var object = baseChartObject(typeName: type.rawValue, title: title, elements: elements, png: png)
        appendAxisLabels(to: &object)
        object.appendExtras(extraFields)
        return object
    }
}
