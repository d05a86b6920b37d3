import DaytonaErrors
import DaytonaJSON

/// A chart of a kind the package does not model: its elements are kept as JSON, as sent.
///
/// Figures the producer could not classify come as type `unknown`; a type string this package
/// does not know (`"heatmap"`) also decodes to this, and ``typeName`` keeps that string.
public struct UnknownChart: ChartModel {
    /// The type string from the wire: `"unknown"`, or the string the package did not recognise.
    public var typeName: String
    /// The title, if any.
    public var title: String?
    /// The elements, as sent.
    public var elements: [JSONValue]
    /// The figure as base64-encoded PNG, if attached.
    public var png: String?
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Always ``ChartType/unknown``.
    public var type: ChartType { .unknown }

    /// Creates a chart of an unmodelled kind.
    public init(
        typeName: String = ChartType.unknown.rawValue,
        title: String? = nil,
        elements: [JSONValue] = [],
        png: String? = nil,
        extraFields: JSONObject = JSONObject()
    ) {
        self.typeName = typeName
        self.title = title
        self.elements = elements
        self.png = png
        self.extraFields = extraFields
    }

    /// The metadata as JSON: `type` (the original string), `title`, `elements` as sent, `png`, then unknown fields.
    public var jsonValue: JSONValue {
        var object = baseChartObject(typeName: typeName, title: title, elements: .array(elements), png: png)
        object.appendExtras(extraFields)
        return .object(object)
    }
}
