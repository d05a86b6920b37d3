import DaytonaErrors
import DaytonaJSON

/// One series of a line or scatter chart.
public struct PointData: Sendable, Hashable {
    /// The series label; the empty string when the producer sent none.
    public var label: String
    /// The points, in order.
    public var points: [ChartPoint]
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Creates a series.
    public init(label: String = "", points: [ChartPoint] = [], extraFields: JSONObject = JSONObject()) {
        self.label = label
        self.points = points
        self.extraFields = extraFields
    }

    /// The series as JSON: `label`, `points` (pairs), then unknown fields.
    public var jsonValue: JSONValue {
        .object(metadata(points: .array(points.map(\.jsonValue))))
    }

    /// The series with `points` given, so a writer can stream long series.
    func metadata(points: JSONValue) -> JSONObject {
        var object = JSONObject()
        object.appendUnique("label", .string(label))
        object.appendUnique("points", points)
        object.appendExtras(extraFields)
        return object
    }
}
