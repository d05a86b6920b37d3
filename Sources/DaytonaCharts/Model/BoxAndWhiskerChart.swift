/// A box-and-whisker (box plot) chart.
///
/// The tick and scale fields matplotlib sends (``xTicks``, ``yScale``, …) are typed properties as
/// on a line chart, but the seed model does not declare them for box charts: they are written back
/// as they came, and only when present.
public struct BoxAndWhiskerChart: Chart2D, _TwoAxisChartStorageBacked, KeepsTickFieldsAsSent {
    /// Always ``ChartType/boxAndWhisker``.
    public var type: ChartType { .boxAndWhisker }
    /// Not API: the chart's fields; use its properties.
    public var _storage = _TwoAxisChartStorage<BoxAndWhiskerData>()

    /// Creates an empty box-and-whisker chart.
    public init() {}

    /// The metadata as JSON: base fields, axis labels, then the tick and unknown fields as they came.
    public var jsonValue: JSONValue { .object(metadata(elements: .array(elements.map(\.jsonValue)))) }
}
