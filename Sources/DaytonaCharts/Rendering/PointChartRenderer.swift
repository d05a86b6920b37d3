import DaytonaErrors
import DaytonaJSON

/// Draws line and scatter charts: one path or one set of markers per series, with axes and a legend.
enum PointChartRenderer {
    /// Line series with no more points than this per hundred pixels of width get a marker on each point.
    private static let sparsePointsPerHundredPixels = 8.0
    /// Above this many points a scatter series is thinned to one marker per occupied cell.
    private static let maxIndividualMarkers = 2000

    static func draw(_ chart: some PointChart, asLines: Bool, in rect: RenderRect, context: inout RenderContext) {
        let xSample = chart.xTicks + chart.elements.flatMap { $0.points.prefix(50).map(\.x) }
        let ySample = chart.yTicks + chart.elements.flatMap { $0.points.prefix(50).map(\.y) }
        var xBuilder = Axis.Builder(
            kind: Axis.kind(scale: chart.xScale, sample: xSample),
            ticks: chart.xTicks,
            tickLabels: chart.xTickLabels
        )
        var yBuilder = Axis.Builder(
            kind: Axis.kind(scale: chart.yScale, sample: ySample),
            ticks: chart.yTicks,
            tickLabels: chart.yTickLabels
        )
        var series: [(xs: [Double], ys: [Double])] = []
        var xRange = ValueRange()
        var yRange = ValueRange()
        for element in chart.elements {
            var xs: [Double] = []
            var ys: [Double] = []
            xs.reserveCapacity(element.points.count)
            ys.reserveCapacity(element.points.count)
            for point in element.points {
                let x = xBuilder.value(point.x) ?? .nan
                let y = yBuilder.value(point.y) ?? .nan
                xs.append(x)
                ys.append(y)
                if x.isFinite && y.isFinite {
                    xRange.add(x)
                    yRange.add(y)
                }
            }
            series.append((xs, ys))
        }
        let frame = PlotFrame(
            in: rect,
            chart: chart,
            x: xBuilder.axis(
                dataLower: xRange.lower,
                dataUpper: xRange.upper,
                ticks: chart.xTicks,
                tickLabels: chart.xTickLabels
            ),
            y: yBuilder.axis(
                dataLower: yRange.lower,
                dataUpper: yRange.upper,
                ticks: chart.yTicks,
                tickLabels: chart.yTickLabels
            ),
            context: context
        )
        frame.beginSeries(&context)
        var sample: [(x: Double, y: Double)] = []
        for (index, values) in series.enumerated() {
            let color = Palette.color(index)
            let xs = values.xs.map(frame.px)
            let ys = values.ys.map(frame.py)
            let step = Swift.max(1, xs.count / 2000)
            for point in stride(from: 0, to: xs.count, by: step) { sample.append((xs[point], ys[point])) }
            if asLines {
                drawLine(xs: xs, ys: ys, color: color, frame: frame, context: &context)
            } else {
                drawMarkers(xs: xs, ys: ys, color: color, context: &context)
            }
        }
        context.svg.close("g")
        frame.drawAxes(&context)
        Legend.draw(
            chart.elements.enumerated().map { ($1.label, Palette.color($0), asLines ? .line : .marker) },
            in: frame.plot,
            avoiding: sample,
            context: &context
        )
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
