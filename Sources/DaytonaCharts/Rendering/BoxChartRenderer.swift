import DaytonaErrors
import DaytonaJSON

/// Draws box-and-whisker charts: box from first to third quartile, median, whiskers with caps and outliers.
enum BoxChartRenderer {
    static func draw(_ chart: BoxAndWhiskerChart, in rect: RenderRect, context: inout RenderContext) {
        let horizontal = isHorizontal(chart)
        let axes = CategoryAxes(
            labels: categoryLabels(chart.elements, tickLabels: horizontal ? chart.yTickLabels : chart.xTickLabels),
            firstPosition: 1,
            values: valueRange(chart.elements),
            valueTicks: horizontal ? (chart.xTicks, chart.xTickLabels) : (chart.yTicks, chart.yTickLabels),
            horizontal: horizontal
        )
        let marks = BoxMarks(frame: axes.beginFrame(in: rect, chart: chart, context: &context))
        for (index, box) in chart.elements.enumerated() {
            marks.draw(box, at: Double(index + 1), color: Palette.color(index), context: &context)
        }
        context.svg.close("g")
        marks.frame.frame.drawAxes(&context)
    }

    /// Boxes run sideways when the category positions 1…n are on the y axis (`vert=False`).
    static func isHorizontal(_ chart: BoxAndWhiskerChart) -> Bool {
        let count = chart.elements.count
        guard count > 0 else { return false }
        let positions = (1...count).map { ChartValue.number(Double($0)) }
        return chart.yTicks == positions && chart.xTicks != positions
    }

    /// The chart's tick labels for the category axis when there is one per box, else the boxes' own labels.
    private static func categoryLabels(_ boxes: [BoxAndWhiskerData], tickLabels: [String]) -> [String] {
        boxes.enumerated().map { index, box in
            tickLabels.count == boxes.count ? tickLabels[index] : (box.label ?? String(index + 1))
        }
    }

    /// The range of every statistic and outlier.
    private static func valueRange(_ boxes: [BoxAndWhiskerData]) -> ValueRange {
        var range = ValueRange()
        for box in boxes {
            for value in [box.min, box.firstQuartile, box.median, box.thirdQuartile, box.max].compactMap({ $0 }) {
                range.add(value)
            }
            for value in box.outliers { range.add(value) }
        }
        return range
    }
}

/// Draws the boxes into a bar or box chart's frame.
private struct BoxMarks {
    let frame: CategoryFrame
    /// Half a box's width in category units.
    let half = 0.25

    /// Draws one box at a category position: whiskers and caps, the box, the median and the outliers.
    func draw(_ box: BoxAndWhiskerData, at position: Double, color: String, context: inout RenderContext) {
        if let low = box.firstQuartile, let high = box.thirdQuartile, low.isFinite, high.isFinite {
            if let whisker = box.min, whisker.isFinite {
                segment("whisker", (position, whisker), (position, low), context: &context)
                drawCap(at: position, whisker, context: &context)
            }
            if let whisker = box.max, whisker.isFinite {
                segment("whisker", (position, high), (position, whisker), context: &context)
                drawCap(at: position, whisker, context: &context)
            }
            drawBox(at: position, from: low, to: high, color: color, context: &context)
        }
        if let median = box.median, median.isFinite {
            segment("median", (position - half, median), (position + half, median), width: 2.2, context: &context)
        }
        for outlier in box.outliers where outlier.isFinite {
            let center = frame.point(position, outlier)
            context.svg.empty(
                "circle",
                [
                    "class": "outlier", "cx": SVGNumber.string(center.x), "cy": SVGNumber.string(center.y),
                    "r": SVGNumber.string(3 * context.scale), "fill": "none", "stroke": context.foreground,
                ]
            )
        }
    }

    /// The cap at a whisker's end.
    private func drawCap(at position: Double, _ value: Double, context: inout RenderContext) {
        segment("cap", (position - half / 2, value), (position + half / 2, value), context: &context)
    }

    private func drawBox(
        at position: Double,
        from low: Double,
        to high: Double,
        color: String,
        context: inout RenderContext
    ) {
        let a = frame.point(position - half, low)
        let b = frame.point(position + half, high)
        context.svg.empty(
            "rect",
            [
                "class": "box", "x": SVGNumber.string(Swift.min(a.x, b.x)), "y": SVGNumber.string(Swift.min(a.y, b.y)),
                "width": SVGNumber.string(abs(b.x - a.x)), "height": SVGNumber.string(abs(b.y - a.y)),
                "fill": color, "fill-opacity": "0.35", "stroke": color,
                "stroke-width": SVGNumber.string(1.5 * context.scale),
            ]
        )
    }

    /// A line between two (category position, value) points; nothing when either cannot be shown.
    private func segment(
        _ className: String,
        _ from: (Double, Double),
        _ to: (Double, Double),
        width: Double = 1.3,
        context: inout RenderContext
    ) {
        let a = frame.point(from.0, from.1)
        let b = frame.point(to.0, to.1)
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        context.svg.empty(
            "line",
            [
                "class": className, "x1": SVGNumber.string(a.x), "y1": SVGNumber.string(a.y),
                "x2": SVGNumber.string(b.x), "y2": SVGNumber.string(b.y), "stroke": context.foreground,
                "stroke-width": SVGNumber.string(width * context.scale),
            ]
        )
    }
}
