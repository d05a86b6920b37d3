import DaytonaErrors
import DaytonaJSON

/// A chart with two axes.
public protocol Chart2D: ChartModel {
    /// The x-axis label, if any.
    var xLabel: String? { get set }
    /// The y-axis label, if any.
    var yLabel: String? { get set }
}
