import DaytonaErrors
import DaytonaJSON

/// A line chart: one or more series of (x, y) points.
public struct LineChart: PointChart {
    /// Always ChartType/line.
    public var type: ChartType { .line }
    /// The title, if any.
    public var title: String?
    /// The series.
    public var elements: [PointData]
    /// The figure as base64-encoded PNG, if attached.
    public var png: String?
    /// The x-axis label, if any.
    public var xLabel: String?
    /// The y-axis label, if any.
    public var yLabel: String?
    /// The x-axis tick positions.
    public var xTicks: [ChartValue]
    /// The x-axis tick labels.
    public var xTickLabels: [String]
    /// The x-axis scale, if known.
    public var xScale: String?
    /// The y-axis tick positions.
    public var yTicks: [ChartValue]
    /// The y-axis tick labels.
    public var yTickLabels: [String]
    /// The y-axis scale, if known.
    public var yScale: String?
    /// Fields the model does not declare, as sent.
    public var extraFields: JSONObject

    /// Creates an empty line chart.
    public init() {
        self.init(elements: [])
    }

    /// Creates a line chart.
    public init(
        title: String? = nil,
        elements: [PointData],
        png: String? = nil,
        xLabel: String? = nil,
        yLabel: String? = nil,
        xTicks: [ChartValue] = [],
        xTickLabels: [String] = [],
        xScale: String? = nil,
        yTicks: [ChartValue] = [],
        yTickLabels: [String] = [],
        yScale: String? = nil,
        extraFields: JSONObject = JSONObject()
    ) {
        self.title = title
        self.elements = elements
        self.png = png
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xTicks = xTicks
        self.xTickLabels = xTickLabels
        self.xScale = xScale
        self.yTicks = yTicks
        self.yTickLabels = yTickLabels
        self.yScale = yScale
        self.extraFields = extraFields
    }
}
