import DaytonaErrors
import DaytonaJSON

/// Draws bar charts: one rectangle per bar, bars of different groups side by side, the value axis from zero.
enum BarChartRenderer {
    static func draw(_ chart: BarChart, in rect: RenderRect, context: inout RenderContext) {
        let slots = BarSlots(chart.elements)
        let horizontal = isHorizontal(chart, categories: slots.categories.keys)
        let axes = CategoryAxes(
            labels: slots.categories.keys,
            firstPosition: 0,
            values: slots.values,
            valueTicks: horizontal ? (chart.xTicks, chart.xTickLabels) : (chart.yTicks, chart.yTickLabels),
            horizontal: horizontal,
            includeZero: true
        )
        let groupCount = slots.groups.keys.count
        let band = 0.8 / Double(Swift.max(1, groupCount))
        var occupancy = Occupancy()
        for bar in chart.elements {
            guard let value = bar.value?.numericValue, value.isFinite,
                let category = slots.categories[bar.label], let group = slots.groups[bar.group ?? ""]
            else { continue }
            let start = Double(category) - 0.4 + band * Double(group)
            let (c0, c1) = (axes.categoryAxis.fraction(start), axes.categoryAxis.fraction(start + band))
            let (v0, v1) = (axes.valueAxis.fraction(Swift.min(0, value)), axes.valueAxis.fraction(Swift.max(0, value)))
            if horizontal { occupancy.markRect(v0, c0, v1, c1) } else { occupancy.markRect(c0, v0, c1, v1) }
        }
        let entries =
            groupCount > 1
            ? slots.groups.keys.enumerated().map { Legend.Entry(label: $1, color: Palette.color($0), swatch: .box) }
            : []
        let (plotFrame, legend) = Legend.layout(
            entries,
            title: Legend.title(in: chart.extraFields),
            occupancy: occupancy,
            in: rect,
            context: context
        ) { reserve in
            axes.plotFrame(in: rect, chart: chart, context: context, reserveRight: reserve)
        }
        plotFrame.beginSeries(&context)
        let frame = CategoryFrame(frame: plotFrame, horizontal: horizontal)
        var marks = BarMarks(frame: frame, groupCount: groupCount, barCount: chart.elements.count)
        for bar in chart.elements {
            guard let value = bar.value?.numericValue, value.isFinite,
                let category = slots.categories[bar.label], let group = slots.groups[bar.group ?? ""]
            else { continue }
            marks.add(category: category, group: group, value: value, context: &context)
        }
        marks.drawColumns(&context)
        context.svg.close("g")
        plotFrame.drawAxes(&context)
        legend?.draw(&context)
    }

    /// Bars run sideways when matplotlib reported the categories on the y axis (`barh`).
    static func isHorizontal(_ chart: BarChart, categories: [String]) -> Bool {
        let x = chart.xScale?.lowercased()
        let y = chart.yScale?.lowercased()
        if y == "categorical" && x != "categorical" { return true }
        if x == "categorical" { return false }
        let labels = Set(categories)
        guard !labels.isEmpty else { return false }
        return labels.isSubset(of: Set(chart.yTickLabels)) && !labels.isSubset(of: Set(chart.xTickLabels))
    }
}

/// Where each bar goes: its category's slot, its group's place within the slot, and the range of the values.
private struct BarSlots {
    /// The bar labels, in order of first appearance.
    var categories = FirstAppearanceIndex()
    /// The groups (`nil` is the group `""`), in order of first appearance.
    var groups = FirstAppearanceIndex()
    var values = ValueRange()

    init(_ bars: [BarData]) {
        for bar in bars {
            categories.insert(bar.label)
            groups.insert(bar.group ?? "")
            if let value = bar.value?.numericValue { values.add(value) }
        }
    }
}

/// Strings numbered in order of first appearance.
private struct FirstAppearanceIndex {
    private(set) var keys: [String] = []
    private var numbers: [String: Int] = [:]

    /// The number of a string inserted before, or `nil`.
    subscript(key: String) -> Int? { numbers[key] }

    mutating func insert(_ key: String) {
        guard numbers[key] == nil else { return }
        numbers[key] = keys.count
        keys.append(key)
    }
}

/// The bars of one chart as they are drawn: a rectangle each, or pixel-wide spans when bars are thinner than a pixel.
private struct BarMarks {
    let frame: CategoryFrame
    /// The width of one bar in category units: the groups share 80 % of a slot.
    let band: Double
    /// More bars than pixels along the category axis: each group is drawn as one path of pixel-wide spans.
    let dense: Bool
    /// For dense bars: per group and pixel column, the span from the lowest to the highest bar end.
    private var columns: [[Int: (Double, Double)]]

    init(frame: CategoryFrame, groupCount: Int, barCount: Int) {
        self.frame = frame
        band = 0.8 / Double(Swift.max(1, groupCount))
        dense = Double(barCount) > (frame.horizontal ? frame.plot.height : frame.plot.width)
        columns = Array(repeating: [:], count: groupCount)
    }

    /// Draws a bar, or for dense bars adds it to its pixel column.
    mutating func add(category: Int, group: Int, value: Double, context: inout RenderContext) {
        let start = Double(category) - 0.4 + band * Double(group)
        if dense {
            addToColumn(start: start, group: group, value: value)
            return
        }
        let low = frame.point(start, Swift.min(0, value))
        let high = frame.point(start + band, Swift.max(0, value))
        let rectangle = RenderRect(x: low.x, y: high.y, width: high.x - low.x, height: low.y - high.y)
        context.svg.empty(
            "rect",
            [
                "class": "bar", "x": SVGNumber.string(rectangle.x), "y": SVGNumber.string(rectangle.y),
                "width": SVGNumber.string(Swift.max(0, rectangle.width)),
                "height": SVGNumber.string(Swift.max(0, rectangle.height)), "fill": Palette.color(group),
            ]
        )
    }

    /// Keeps, per pixel column and group, the span from the lowest to the highest bar end.
    private mutating func addToColumn(start: Double, group: Int, value: Double) {
        let middle = frame.coordinate(category: start + band / 2)
        let zero = frame.coordinate(value: 0)
        let end = frame.coordinate(value: value)
        guard middle.isFinite, zero.isFinite, end.isFinite else { return }
        let column = Int(middle.rounded(.down))
        let span = (Swift.min(zero, end), Swift.max(zero, end))
        let current = columns[group][column] ?? span
        columns[group][column] = (Swift.min(current.0, span.0), Swift.max(current.1, span.1))
    }

    /// Draws the dense bars: per group one path, a one-pixel-wide rectangle per column.
    mutating func drawColumns(_ context: inout RenderContext) {
        for (group, spans) in columns.enumerated() where !spans.isEmpty {
            var path = ""
            for (column, span) in spans.sorted(by: { $0.key < $1.key }) {
                let position = SVGNumber.string(Double(column))
                let (low, high) = (SVGNumber.string(span.0), SVGNumber.string(span.1))
                path +=
                    frame.horizontal ? "M\(low) \(position)H\(high)v1H\(low)Z" : "M\(position) \(low)V\(high)h1V\(low)Z"
            }
            context.svg.empty("path", ["class": "bars", "d": path, "fill": Palette.color(group)])
        }
    }
}
