import DaytonaErrors
import DaytonaJSON

/// One (x, y) point of a line or scatter series.
public struct ChartPoint: Sendable, Hashable {
    /// The x coordinate.
    public var x: ChartValue
    /// The y coordinate.
    public var y: ChartValue

    /// Creates a point.
    public init(x: ChartValue, y: ChartValue) {
        self.x = x
        self.y = y
    }

    /// The point as a two-item JSON array.
    public var jsonValue: JSONValue { .array([x.jsonValue, y.jsonValue]) }
}
