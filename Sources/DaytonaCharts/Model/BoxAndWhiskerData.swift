import DaytonaErrors
import DaytonaJSON

/// One box of a box-and-whisker chart.
public struct BoxAndWhiskerData: Sendable, Hashable {
    /// The box's label, if any.
    public var label: String?
    /// The lower whisker.
    public var min: Double?
    /// The lower edge of the box.
    public var firstQuartile: Double?
    /// The median line.
    public var median: Double?
    /// The upper edge of the box.
    public var thirdQuartile: Double?
    /// The upper whisker.
    public var max: Double?
    /// Points beyond the whiskers.
    public var outliers: [Double]
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Creates a box.
    public init(
        label: String? = nil,
        min: Double? = nil,
        firstQuartile: Double? = nil,
        median: Double? = nil,
        thirdQuartile: Double? = nil,
        max: Double? = nil,
        outliers: [Double] = [],
        extraFields: JSONObject = JSONObject()
    ) {
        self.label = label
        self.min = min
        self.firstQuartile = firstQuartile
        self.median = median
        self.thirdQuartile = thirdQuartile
        self.max = max
        self.outliers = outliers
        self.extraFields = extraFields
    }

    /// The box as JSON: the statistics present, `outliers`, then unknown fields.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object.appendOptional("label", label)
        object.appendOptional("min", min)
        object.appendOptional("first_quartile", firstQuartile)
        object.appendOptional("median", median)
        object.appendOptional("third_quartile", thirdQuartile)
        object.appendOptional("max", max)
        object.appendUnique("outliers", .array(outliers.map(JSONValue.double)))
        object.appendExtras(extraFields)
        return .object(object)
    }
}
