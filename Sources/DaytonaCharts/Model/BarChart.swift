/// A bar chart; vertical, horizontal, grouped and stacked bars and histograms all come as this.
///
/// The tick and scale fields matplotlib sends (``xTicks``, ``yScale``, …) are typed properties as
/// on a line chart, but the seed model does not declare them for bar charts: they are written back
/// as they came, and only when present.
public struct BarChart: Chart2D, _TwoAxisChartStorageBacked, KeepsTickFieldsAsSent {
    /// Always ``ChartType/bar``.
    public var type: ChartType { .bar }
    /// Not API: the chart's fields; use its properties.
    public var _storage = _TwoAxisChartStorage<BarData>()

    /// Creates an empty bar chart.
    public init() {}

    /// The metadata as JSON: base fields, axis labels, then the tick and unknown fields as they came.
    public var jsonValue: JSONValue { .object(metadata(elements: .array(elements.map(\.jsonValue)))) }
}
