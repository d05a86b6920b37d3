/// A line chart: one or more series of (x, y) points.
public struct LineChart: PointChart, _TwoAxisChartStorageBacked {
    /// Always ``ChartType/line``.
    public var type: ChartType { .line }
    /// Not API: the chart's fields; use its properties.
    public var _storage = _TwoAxisChartStorage<PointData>()

    /// Creates an empty line chart.
    public init() {}
}
