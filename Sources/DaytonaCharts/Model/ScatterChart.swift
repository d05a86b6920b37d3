/// A scatter chart: one or more series of (x, y) points.
public struct ScatterChart: PointChart, _TwoAxisChartStorageBacked {
    /// Always ``ChartType/scatter``.
    public var type: ChartType { .scatter }
    /// Not API: the chart's fields; use its properties.
    public var _storage = _TwoAxisChartStorage<PointData>()

    /// Creates an empty scatter chart.
    public init() {}
}
