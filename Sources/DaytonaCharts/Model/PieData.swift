import DaytonaErrors
import DaytonaJSON

/// One slice of a pie chart.
public struct PieData: Sendable, Hashable {
    /// The slice's label, if any.
    public var label: String?
    /// The slice's angle in degrees, if known.
    public var angle: Double?
    /// The slice's radius, if known.
    public var radius: Double?
    /// The percentage text or value matplotlib drew on the slice, if any.
    public var autopct: ChartValue?
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Creates a slice.
    public init(
        label: String? = nil,
        angle: Double? = nil,
        radius: Double? = nil,
        autopct: ChartValue? = nil,
        extraFields: JSONObject = JSONObject()
    ) {
        self.label = label
        self.angle = angle
        self.radius = radius
        self.autopct = autopct
        self.extraFields = extraFields
    }

    /// The slice as JSON: the fields present, then unknown fields.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.appendOptional("label", label)
        object.appendOptional("angle", angle)
        object.appendOptional("radius", radius)
        if let autopct { object.appendUnique("autopct", autopct.jsonValue) }
        object.appendExtras(extraFields)
        return .object(object)
    }
}
