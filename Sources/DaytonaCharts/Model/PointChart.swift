import DaytonaErrors
import DaytonaJSON

/// A chart made of (x, y) series: ``LineChart`` or ``ScatterChart``.
public protocol PointChart: Chart2D where Element == PointData {
    /// The x-axis tick positions: numbers, or strings such as ISO dates.
    var xTicks: [ChartValue] { get set }
    /// The x-axis tick labels.
    var xTickLabels: [String] { get set }
    /// The x-axis scale (`"linear"`, `"log"`, `"datetime"`, `"categorical"`…), if known.
    var xScale: String? { get set }
    /// The y-axis tick positions.
    var yTicks: [ChartValue] { get set }
    /// The y-axis tick labels.
    var yTickLabels: [String] { get set }
    /// The y-axis scale, if known.
    var yScale: String? { get set }
    /// Creates an empty chart of this kind.
    init()
}
