import DaytonaErrors
import DaytonaJSON

/// Draws line and scatter charts: one path or one set of markers per series, with axes and a legend.
enum PointChartRenderer {
    /// Line series with no more points than this per hundred pixels of width get a marker on each point.
    private static let sparsePointsPerHundredPixels = 8.0
    /// Above this many points a scatter series is thinned to one marker per occupied cell.
    private static let maxIndividualMarkers = 2000

    static func draw(_ chart: some PointChart, asLines: Bool, in rect: RenderRect, context: inout RenderContext) {
        let projected = ProjectedSeries(chart)
        // Positions in the plot's unit square first: the legend is placed where they leave room.
        let fractions = projected.series.map { values in
            (xs: values.xs.map(projected.xAxis.fraction), ys: values.ys.map(projected.yAxis.fraction))
        }
        var occupancy = Occupancy()
        for series in fractions { mark(series, asLines: asLines, in: &occupancy) }
        let entries = chart.elements.enumerated().map {
            Legend.Entry(label: $1.label, color: Palette.color($0), swatch: asLines ? .line : .marker)
        }
        let (frame, legend) = Legend.layout(
            entries,
            title: Legend.title(in: chart.extraFields),
            occupancy: occupancy,
            in: rect,
            context: context
        ) { reserve in
            PlotFrame(
                in: rect,
                chart: chart,
                x: projected.xAxis,
                y: projected.yAxis,
                context: context,
                reserveRight: reserve
            )
        }
        frame.beginSeries(&context)
        let plot = frame.plot
        for (index, series) in fractions.enumerated() {
            let color = Palette.color(index)
            let xs = series.xs.map { plot.x + $0 * plot.width }
            let ys = series.ys.map { plot.maxY - $0 * plot.height }
            if asLines {
                drawLine(xs: xs, ys: ys, color: color, frame: frame, context: &context)
            } else {
                drawMarkers(xs: xs, ys: ys, color: color, context: &context)
            }
        }
        context.svg.close("g")
        frame.drawAxes(&context)
        legend?.draw(&context)
    }

    /// Marks where a series is drawn; a long line is reduced first, keeping every column's extremes.
    private static func mark(_ series: (xs: [Double], ys: [Double]), asLines: Bool, in occupancy: inout Occupancy) {
        let (xs, ys) = series
        guard asLines else {
            for index in xs.indices { occupancy.mark(xs[index], ys[index]) }
            return
        }
        let indices: [Int] =
            xs.count > 4096
            ? Downsampling.minMaxIndices(xs: xs, ys: ys, columnWidth: 1.0 / 1024) : Array(xs.indices)
        var previous: Int?
        for index in indices {
            guard xs[index].isFinite, ys[index].isFinite else {
                previous = nil
                continue
            }
            if let previous {
                occupancy.markSegment(xs[previous], ys[previous], xs[index], ys[index])
            } else {
                occupancy.mark(xs[index], ys[index])
            }
            previous = index
        }
    }

    private static func drawLine(
        xs: [Double],
        ys: [Double],
        color: String,
        frame: PlotFrame,
        context: inout RenderContext
    ) {
        let indices: [Int] =
            xs.count > Int(frame.plot.width) * 2
            ? Downsampling.minMaxIndices(xs: xs, ys: ys, columnWidth: 0.5) : Array(xs.indices)
        let path = linePath(xs: xs, ys: ys, indices: indices)
        context.svg.empty(
            "path",
            [
                "class": "series", "d": path, "fill": "none", "stroke": color,
                "stroke-width": SVGNumber.string(1.8 * context.scale), "stroke-linejoin": "round",
                "stroke-linecap": "round",
            ]
        )
        let finite = indices.filter { xs[$0].isFinite && ys[$0].isFinite }
        guard Double(finite.count) <= frame.plot.width / 100 * sparsePointsPerHundredPixels else { return }
        for index in finite {
            context.svg.empty(
                "circle",
                [
                    "class": "marker", "cx": SVGNumber.string(xs[index]), "cy": SVGNumber.string(ys[index]),
                    "r": SVGNumber.string(3 * context.scale), "fill": color,
                ]
            )
        }
    }

    /// The SVG path through the points at `indices`; a non-finite point breaks it.
    private static func linePath(xs: [Double], ys: [Double], indices: [Int]) -> String {
        var path = ""
        path.reserveCapacity(indices.count * 12)
        var moving = true
        for index in indices {
            let x = xs[index]
            let y = ys[index]
            guard x.isFinite, y.isFinite else {
                moving = true
                continue
            }
            path += moving ? "M" : " "
            path += SVGNumber.string(x) + " " + SVGNumber.string(y)
            moving = false
        }
        return path
    }

    private static func drawMarkers(xs: [Double], ys: [Double], color: String, context: inout RenderContext) {
        let radius = 3.5 * context.scale
        let finite = xs.indices.filter { xs[$0].isFinite && ys[$0].isFinite }
        guard finite.count > maxIndividualMarkers else {
            for index in finite {
                context.svg.empty(
                    "circle",
                    [
                        "class": "marker", "cx": SVGNumber.string(xs[index]), "cy": SVGNumber.string(ys[index]),
                        "r": SVGNumber.string(radius), "fill": color, "fill-opacity": "0.85",
                    ]
                )
            }
            return
        }
        // One round-capped zero-length stroke per dot keeps a dense cloud to a few bytes a marker.
        var path = ""
        for index in Downsampling.distinctCellIndices(xs: xs, ys: ys, cell: radius * 0.8) {
            path += "M" + SVGNumber.string(xs[index]) + " " + SVGNumber.string(ys[index]) + "h0"
        }
        context.svg.empty(
            "path",
            [
                "class": "markers", "d": path, "fill": "none", "stroke": color,
                "stroke-width": SVGNumber.string(radius * 1.6), "stroke-linecap": "round", "stroke-opacity": "0.85",
            ]
        )
    }
}

/// A point chart's series in axis coordinates, and the axes that show them with the chart's ticks.
private struct ProjectedSeries {
    /// Each series' x and y axis coordinates; NaN where a point cannot be placed.
    private(set) var series: [(xs: [Double], ys: [Double])] = []
    let xAxis: Axis
    let yAxis: Axis

    init(_ chart: some PointChart) {
        var x = AxisProjection(
            scale: chart.xScale,
            ticks: chart.xTicks,
            tickLabels: chart.xTickLabels,
            points: chart.elements.flatMap { $0.points.prefix(50).map(\.x) }
        )
        var y = AxisProjection(
            scale: chart.yScale,
            ticks: chart.yTicks,
            tickLabels: chart.yTickLabels,
            points: chart.elements.flatMap { $0.points.prefix(50).map(\.y) }
        )
        for element in chart.elements {
            var xs: [Double] = []
            var ys: [Double] = []
            xs.reserveCapacity(element.points.count)
            ys.reserveCapacity(element.points.count)
            for point in element.points {
                let xValue = x.builder.value(point.x) ?? .nan
                let yValue = y.builder.value(point.y) ?? .nan
                xs.append(xValue)
                ys.append(yValue)
                if xValue.isFinite && yValue.isFinite {
                    x.range.add(xValue)
                    y.range.add(yValue)
                }
            }
            series.append((xs, ys))
        }
        xAxis = x.axis()
        yAxis = y.axis()
    }
}

/// One axis of a point chart while its series are placed: how values map, and the range of those placed.
private struct AxisProjection {
    var builder: Axis.Builder
    var range = ValueRange()
    let ticks: [ChartValue]
    let tickLabels: [String]

    /// The axis kind comes from the scale, or from the ticks and a sample of the points when the scale says nothing.
    init(scale: String?, ticks: [ChartValue], tickLabels: [String], points: [ChartValue]) {
        builder = Axis.Builder(
            kind: Axis.kind(scale: scale, sample: ticks + points),
            ticks: ticks,
            tickLabels: tickLabels
        )
        self.ticks = ticks
        self.tickLabels = tickLabels
    }

    /// The axis over the values placed, with the chart's ticks.
    func axis() -> Axis {
        builder.axis(dataLower: range.lower, dataUpper: range.upper, ticks: ticks, tickLabels: tickLabels)
    }
}
