import DaytonaErrors
import DaytonaJSON

/// The axes of bar and box charts: one slot per category along one axis, values along the other.
///
/// Categories run along x and values up y; a horizontal chart (`barh`, `vert=False`) swaps them.
struct CategoryAxes {
    /// Whether the categories run along the y axis.
    let horizontal: Bool
    let categoryAxis: Axis
    let valueAxis: Axis

    /// Slots for `labels` at `firstPosition`, `firstPosition + 1`, …, and a linear value axis over `values`.
    ///
    /// - Parameters:
    ///   - valueTicks: The chart's own ticks and tick labels for the value axis, used when it gives at least two.
    ///   - includeZero: Whether the value axis reaches zero, as a bar chart's does.
    init(
        labels: [String],
        firstPosition: Double,
        values: ValueRange,
        valueTicks: (ticks: [ChartValue], labels: [String]),
        horizontal: Bool,
        includeZero: Bool = false
    ) {
        self.horizontal = horizontal
        categoryAxis = Axis(
            kind: .categorical,
            lower: firstPosition - 0.5,
            upper: firstPosition + Double(Swift.max(1, labels.count)) - 0.5,
            ticks: Self.thinned(labels.enumerated().map { (firstPosition + Double($0), $1) })
        )
        valueAxis = Axis.Builder(kind: .linear, ticks: [], tickLabels: []).axis(
            dataLower: values.lower,
            dataUpper: values.upper,
            ticks: valueTicks.ticks,
            tickLabels: valueTicks.labels,
            includeZero: includeZero
        )
    }

    /// Lays out the chart's frame with these axes.
    ///
    /// The seed-era extractor reports a bar or box chart's value-axis label as `y_label` in
    /// either orientation (it swaps the labels of horizontal charts), so a horizontal chart shows
    /// `y_label` under its value axis along the bottom and `x_label` beside its categories.
    func plotFrame(
        in rect: RenderRect,
        chart: some Chart2D,
        context: RenderContext,
        reserveRight: Double = 0
    ) -> PlotFrame {
        PlotFrame(
            in: rect,
            title: chart.title,
            xLabel: horizontal ? chart.yLabel : chart.xLabel,
            yLabel: horizontal ? chart.xLabel : chart.yLabel,
            x: horizontal ? valueAxis : categoryAxis,
            y: horizontal ? categoryAxis : valueAxis,
            context: context,
            reserveRight: reserveRight
        )
    }

    /// Lays out the chart's frame with these axes and opens its series group (see ``PlotFrame/beginSeries(_:)``).
    func beginFrame(in rect: RenderRect, chart: some Chart2D, context: inout RenderContext) -> CategoryFrame {
        let frame = plotFrame(in: rect, chart: chart, context: context)
        frame.beginSeries(&context)
        return CategoryFrame(frame: frame, horizontal: horizontal)
    }

    /// At most about thirty category ticks, so a histogram of thousands of bins stays readable and small.
    static func thinned(_ ticks: [(value: Double, label: String)]) -> [(value: Double, label: String)] {
        guard ticks.count > 30 else { return ticks }
        let every = (ticks.count + 29) / 30
        return ticks.enumerated().compactMap { $0.offset % every == 0 ? $0.element : nil }
    }
}

/// A bar or box chart's frame, with positions given along the category and the value axis.
struct CategoryFrame {
    let frame: PlotFrame
    /// Whether the categories run along the y axis.
    let horizontal: Bool

    /// The plot area.
    var plot: RenderRect { frame.plot }

    /// The coordinate of a category-axis position: x, or y in a horizontal chart; NaN when it cannot be shown.
    func coordinate(category position: Double) -> Double {
        horizontal ? frame.py(position) : frame.px(position)
    }

    /// The coordinate of a value: y, or x in a horizontal chart; NaN when it cannot be shown.
    func coordinate(value: Double) -> Double {
        horizontal ? frame.px(value) : frame.py(value)
    }

    /// The point at a category-axis position and a value.
    func point(_ position: Double, _ value: Double) -> (x: Double, y: Double) {
        horizontal
            ? (coordinate(value: value), coordinate(category: position))
            : (coordinate(category: position), coordinate(value: value))
    }
}
