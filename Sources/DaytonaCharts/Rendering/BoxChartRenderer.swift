import DaytonaErrors
import DaytonaJSON

/// Draws box-and-whisker charts: box from first to third quartile, median, whiskers with caps and outliers.
enum BoxChartRenderer {
    static func draw(_ chart: BoxAndWhiskerChart, in rect: RenderRect, context: inout RenderContext) {
        let fields = ExtraAxisFields(chart.extraFields)
        let count = chart.elements.count
        let horizontal = isHorizontal(count: count, fields: fields)
        let tickLabels = horizontal ? fields.yTickLabels : fields.xTickLabels
        let positions = (0..<count).map { Double($0 + 1) }
        let categoryTicks = positions.enumerated().map { index, position in
            let label =
                tickLabels.count == count
                ? MathText.plain(tickLabels[index]) : (chart.elements[index].label ?? String(index + 1))
            return (value: position, label: label)
        }
        let categoryAxis = Axis(
            kind: .categorical,
            lower: 0.5,
            upper: Double(Swift.max(1, count)) + 0.5,
            ticks: BarChartRenderer.thinned(categoryTicks)
        )
        var range = ValueRange()
        for box in chart.elements {
            for value in [box.min, box.firstQuartile, box.median, box.thirdQuartile, box.max].compactMap({ $0 }) {
                range.add(value)
            }
            for value in box.outliers { range.add(value) }
        }
        let valueAxis = Axis.Builder(kind: .linear, ticks: [], tickLabels: []).axis(
            dataLower: range.lower,
            dataUpper: range.upper,
            ticks: horizontal ? fields.xTicks : fields.yTicks,
            tickLabels: horizontal ? fields.xTickLabels : fields.yTickLabels
        )
        let frame = PlotFrame(
            in: rect,
            chart: chart,
            x: horizontal ? valueAxis : categoryAxis,
            y: horizontal ? categoryAxis : valueAxis,
            context: context
        )
        frame.beginSeries(&context)
        // Maps (position along the category axis, value) to a point, whichever way the boxes run.
        func point(_ position: Double, _ value: Double) -> (Double, Double) {
            horizontal ? (frame.px(value), frame.py(position)) : (frame.px(position), frame.py(value))
        }
        func segment(_ className: String, _ a: (Double, Double), _ b: (Double, Double), width: Double = 1.3) {
            guard a.0.isFinite, a.1.isFinite, b.0.isFinite, b.1.isFinite else { return }
            context.svg.empty(
                "line",
                [
                    "class": className, "x1": SVGNumber.string(a.0), "y1": SVGNumber.string(a.1),
                    "x2": SVGNumber.string(b.0), "y2": SVGNumber.string(b.1), "stroke": context.foreground,
                    "stroke-width": SVGNumber.string(width * context.scale),
                ]
            )
        }
        for (index, box) in chart.elements.enumerated() {
            let position = positions[index]
            let color = Palette.color(index)
            let half = 0.25
            if let low = box.firstQuartile, let high = box.thirdQuartile, low.isFinite, high.isFinite {
                if let whisker = box.min, whisker.isFinite {
                    segment("whisker", point(position, whisker), point(position, low))
                    segment("cap", point(position - half / 2, whisker), point(position + half / 2, whisker))
                }
                if let whisker = box.max, whisker.isFinite {
                    segment("whisker", point(position, high), point(position, whisker))
                    segment("cap", point(position - half / 2, whisker), point(position + half / 2, whisker))
                }
                let a = point(position - half, low)
                let b = point(position + half, high)
                context.svg.empty(
                    "rect",
                    [
                        "class": "box", "x": SVGNumber.string(Swift.min(a.0, b.0)),
                        "y": SVGNumber.string(Swift.min(a.1, b.1)),
                        "width": SVGNumber.string(abs(b.0 - a.0)), "height": SVGNumber.string(abs(b.1 - a.1)),
                        "fill": color, "fill-opacity": "0.35", "stroke": color,
                        "stroke-width": SVGNumber.string(1.5 * context.scale),
                    ]
                )
            }
            if let median = box.median, median.isFinite {
                segment("median", point(position - half, median), point(position + half, median), width: 2.2)
            }
            for outlier in box.outliers where outlier.isFinite {
                let center = point(position, outlier)
                context.svg.empty(
                    "circle",
                    [
                        "class": "outlier", "cx": SVGNumber.string(center.0), "cy": SVGNumber.string(center.1),
                        "r": SVGNumber.string(3 * context.scale), "fill": "none", "stroke": context.foreground,
                    ]
                )
            }
        }
        context.svg.close("g")
        frame.drawAxes(&context)
    }

    /// Boxes run sideways when the category positions 1…n are on the y axis (`vert=False`).
    static func isHorizontal(count: Int, fields: ExtraAxisFields) -> Bool {
        guard count > 0 else { return false }
        let positions = (1...count).map { ChartValue.number(Double($0)) }
        return fields.yTicks == positions && fields.xTicks != positions
    }
}
