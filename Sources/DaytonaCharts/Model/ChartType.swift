import DaytonaErrors
import DaytonaJSON

/// The kind of a chart, as the `type` field names it on the wire.
public enum ChartType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A line chart (`"line"`).
    case line
    /// A scatter chart (`"scatter"`).
    case scatter
    /// A bar chart (`"bar"`).
    case bar
    /// A pie chart (`"pie"`).
    case pie
    /// A box-and-whisker chart (`"box_and_whisker"`).
    case boxAndWhisker = "box_and_whisker"
    /// Several charts in one figure (`"composite_chart"`).
    case compositeChart = "composite_chart"
    /// Anything else, including type strings this package does not know (`"unknown"`).
    case unknown

    /// The type a wire string names: a string that names no known kind is ``unknown``.
    ///
    /// The original string is kept by ``UnknownChart/typeName``.
    public init(wireName: String) {
        self = ChartType(rawValue: wireName) ?? .unknown
    }

    /// Decodes a type string; any string that is not a known kind decodes as ``unknown``.
    public init(from decoder: any Decoder) throws {
        self.init(wireName: try decoder.singleValueContainer().decode(String.self))
    }
}
