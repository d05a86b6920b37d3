import DaytonaErrors
import DaytonaJSON

/// Draws bar charts: one rectangle per bar, bars of different groups side by side, the value axis from zero.
enum BarChartRenderer {
    static func draw(_ chart: BarChart, in rect: RenderRect, context: inout RenderContext) {
        let fields = ExtraAxisFields(chart.extraFields)
        var categories: [String] = []
        var categoryIndex: [String: Int] = [:]
        var groups: [String] = []
        var groupIndex: [String: Int] = [:]
        var valueRange = ValueRange()
        for bar in chart.elements {
            if categoryIndex[bar.label] == nil {
                categoryIndex[bar.label] = categories.count
                categories.append(bar.label)
            }
            let group = bar.group ?? ""
            if groupIndex[group] == nil {
                groupIndex[group] = groups.count
                groups.append(group)
            }
            if let value = bar.value?.numericValue { valueRange.add(value) }
        }
        let horizontal = isHorizontal(categories: categories, fields: fields)
        let categoryAxis = Axis(
            kind: .categorical,
            lower: -0.5,
            upper: Double(Swift.max(1, categories.count)) - 0.5,
            ticks: thinned(categories.enumerated().map { (Double($0), $1) })
        )
        let valueBuilder = Axis.Builder(kind: .linear, ticks: [], tickLabels: [])
        let valueAxis = valueBuilder.axis(
            dataLower: valueRange.lower,
            dataUpper: valueRange.upper,
            ticks: horizontal ? fields.xTicks : fields.yTicks,
            tickLabels: horizontal ? fields.xTickLabels : fields.yTickLabels,
            includeZero: true
        )
        let frame = PlotFrame(
            in: rect,
            chart: chart,
            x: horizontal ? valueAxis : categoryAxis,
            y: horizontal ? categoryAxis : valueAxis,
            context: context
        )
        frame.beginSeries(&context)
        let band = 0.8 / Double(Swift.max(1, groups.count))
        var corners: [(x: Double, y: Double)] = []
        let dense = Double(chart.elements.count) > (horizontal ? frame.plot.height : frame.plot.width)
        var columns = [[Int: (Double, Double)]](repeating: [:], count: groups.count)
        for bar in chart.elements {
            guard let value = bar.value?.numericValue, value.isFinite,
                let category = categoryIndex[bar.label], let group = groupIndex[bar.group ?? ""]
            else { continue }
            let start = Double(category) - 0.4 + band * Double(group)
            if dense {
                // Bars thinner than a pixel: keep, per pixel column and group, the span from the lowest to the highest.
                let middle = horizontal ? frame.py(start + band / 2) : frame.px(start + band / 2)
                let zero = horizontal ? frame.px(0) : frame.py(0)
                let end = horizontal ? frame.px(value) : frame.py(value)
                guard middle.isFinite, zero.isFinite, end.isFinite else { continue }
                let column = Int(middle.rounded(.down))
                let span = (Swift.min(zero, end), Swift.max(zero, end))
                let current = columns[group][column] ?? span
                columns[group][column] = (Swift.min(current.0, span.0), Swift.max(current.1, span.1))
                continue
            }
            let rectangle: RenderRect
            if horizontal {
                let x0 = frame.px(Swift.min(0, value))
                let x1 = frame.px(Swift.max(0, value))
                let y0 = frame.py(start + band)
                rectangle = RenderRect(x: x0, y: y0, width: x1 - x0, height: frame.py(start) - y0)
            } else {
                let x0 = frame.px(start)
                let y0 = frame.py(Swift.max(0, value))
                rectangle = RenderRect(
                    x: x0,
                    y: y0,
                    width: frame.px(start + band) - x0,
                    height: frame.py(Swift.min(0, value)) - y0
                )
            }
            if corners.count < 20_000 {
                // A grid over the bar, so a legend that would cover any part of it counts as covering data.
                for u in stride(from: 0.0, through: 1.0, by: 0.25) {
                    for v in stride(from: 0.0, through: 1.0, by: 0.25) {
                        corners.append((rectangle.x + u * rectangle.width, rectangle.y + v * rectangle.height))
                    }
                }
            }
            context.svg.empty(
                "rect",
                [
                    "class": "bar", "x": SVGNumber.string(rectangle.x), "y": SVGNumber.string(rectangle.y),
                    "width": SVGNumber.string(Swift.max(0, rectangle.width)),
                    "height": SVGNumber.string(Swift.max(0, rectangle.height)), "fill": Palette.color(group),
                ]
            )
        }
        for (group, spans) in columns.enumerated() where !spans.isEmpty {
            var path = ""
            for (column, span) in spans.sorted(by: { $0.key < $1.key }) {
                let position = SVGNumber.string(Double(column))
                path +=
                    horizontal
                    ? "M\(SVGNumber.string(span.0)) \(position)H\(SVGNumber.string(span.1))v1H\(SVGNumber.string(span.0))Z"
                    : "M\(position) \(SVGNumber.string(span.0))V\(SVGNumber.string(span.1))h1V\(SVGNumber.string(span.0))Z"
                corners.append((horizontal ? span.1 : Double(column), horizontal ? Double(column) : span.0))
            }
            context.svg.empty("path", ["class": "bars", "d": path, "fill": Palette.color(group)])
        }
        context.svg.close("g")
        frame.drawAxes(&context)
        if groups.count > 1 {
            Legend.draw(
                groups.enumerated().map { ($1, Palette.color($0), .box) },
                in: frame.plot,
                avoiding: corners,
                context: &context
            )
        }
    }

    /// Bars run sideways when matplotlib reported the categories on the y axis (`barh`).
    static func isHorizontal(categories: [String], fields: ExtraAxisFields) -> Bool {
        let x = fields.xScale?.lowercased()
        let y = fields.yScale?.lowercased()
        if y == "categorical" && x != "categorical" { return true }
        if x == "categorical" { return false }
        let labels = Set(categories)
        guard !labels.isEmpty else { return false }
        return labels.isSubset(of: Set(fields.yTickLabels)) && !labels.isSubset(of: Set(fields.xTickLabels))
    }

    /// At most about thirty category ticks, so a histogram of thousands of bins stays readable and small.
    static func thinned(_ ticks: [(value: Double, label: String)]) -> [(value: Double, label: String)] {
        guard ticks.count > 30 else { return ticks }
        let every = (ticks.count + 29) / 30
        return ticks.enumerated().compactMap { $0.offset % every == 0 ? $0.element : nil }
    }
}
