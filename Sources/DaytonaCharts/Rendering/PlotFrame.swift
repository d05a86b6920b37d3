import DaytonaErrors
import DaytonaJSON

/// The axes of a two-axis chart laid out in a frame: where the plot area sits and how values map into it.
struct PlotFrame {
    let plot: RenderRect
    let x: Axis
    let y: Axis
    let title: String?
    let xLabel: String?
    let yLabel: String?
    private let frame: RenderRect

    /// Lays out title, axis labels and tick labels around the plot area.
    init(
        in frame: RenderRect,
        title: String?,
        xLabel: String?,
        yLabel: String?,
        x: Axis,
        y: Axis,
        context: RenderContext
    ) {
        self.frame = frame
        self.x = x
        self.y = y
        self.title = title.flatMap { $0.isEmpty ? nil : $0 }
        self.xLabel = xLabel.flatMap { $0.isEmpty ? nil : $0 }
        self.yLabel = yLabel.flatMap { $0.isEmpty ? nil : $0 }
        let tickSize = context.tickSize
        let widest = y.ticks.map { RenderContext.width(of: XMLText.clean($0.label), size: tickSize) }.max() ?? 0
        let yTickWidth = Swift.min(widest, frame.width * 0.25)
        let top = (self.title != nil ? context.titleSize * 2.0 : context.tickSize) + 4
        let left = 10 + yTickWidth + 8 + (self.yLabel != nil ? context.labelSize * 1.6 : 0)
        let bottom = 8 + tickSize * 1.6 + (self.xLabel != nil ? context.labelSize * 1.8 : 0) + 4
        let right = Swift.max(16, context.tickSize * 1.6)
        plot = frame.inset(top: top, left: left, bottom: bottom, right: right)
    }

    /// Lays out a two-axis chart's frame from its own title and axis labels.
    init(in frame: RenderRect, chart: some Chart2D, x: Axis, y: Axis, context: RenderContext) {
        self.init(
            in: frame,
            title: chart.title,
            xLabel: chart.xLabel,
            yLabel: chart.yLabel,
            x: x,
            y: y,
            context: context
        )
    }

    /// Draws the background and grid, then opens the clipped group that series are drawn into.
    ///
    /// Every two-axis renderer starts its series this way; it closes the group with
    /// `context.svg.close("g")` before drawing the axes over the series.
    func beginSeries(_ context: inout RenderContext) {
        drawBackground(&context)
        let clip = clip(&context)
        context.svg.open("g", ["class": "series-group", "clip-path": clip])
    }

    /// The horizontal position of an x value; NaN when it cannot be shown.
    func px(_ value: Double) -> Double { plot.x + x.fraction(value) * plot.width }
    /// The vertical position of a y value; NaN when it cannot be shown.
    func py(_ value: Double) -> Double { plot.maxY - y.fraction(value) * plot.height }

    /// Draws the plot background and grid lines; series go on top of this.
    func drawBackground(_ context: inout RenderContext) {
        context.svg.empty(
            "rect",
            [
                "class": "plot-area", "x": SVGNumber.string(plot.x), "y": SVGNumber.string(plot.y),
                "width": SVGNumber.string(plot.width), "height": SVGNumber.string(plot.height),
                "fill": context.background,
            ]
        )
        var grid = ""
        for tick in x.ticks {
            let position = px(tick.value)
            guard position.isFinite else { continue }
            grid += "M\(SVGNumber.string(position)) \(SVGNumber.string(plot.y))V\(SVGNumber.string(plot.maxY))"
        }
        for tick in y.ticks {
            let position = py(tick.value)
            guard position.isFinite else { continue }
            grid += "M\(SVGNumber.string(plot.x)) \(SVGNumber.string(position))H\(SVGNumber.string(plot.maxX))"
        }
        if !grid.isEmpty {
            context.svg.empty(
                "path",
                ["class": "grid", "d": grid, "stroke": context.gridColor, "stroke-width": "0.8", "fill": "none"]
            )
        }
    }

    /// A clip path around the plot area, so series that leave the axis range do not spill over the labels.
    func clip(_ context: inout RenderContext) -> String {
        let id = context.svg.uniqueID("clip")
        context.svg.open("clipPath", ["id": id])
        context.svg.empty(
            "rect",
            [
                "x": SVGNumber.string(plot.x - 4), "y": SVGNumber.string(plot.y - 4),
                "width": SVGNumber.string(plot.width + 8), "height": SVGNumber.string(plot.height + 8),
            ]
        )
        context.svg.close("clipPath")
        return "url(#\(id))"
    }

    /// Draws spines, ticks, tick labels, axis labels and the title.
    func drawAxes(_ context: inout RenderContext) {
        let spine =
            "M\(SVGNumber.string(plot.x)) \(SVGNumber.string(plot.y))V\(SVGNumber.string(plot.maxY))"
            + "H\(SVGNumber.string(plot.maxX))"
        context.svg.empty(
            "path",
            ["class": "axis", "d": spine, "stroke": context.axisColor, "stroke-width": "1", "fill": "none"]
        )
        drawXTicks(&context)
        drawYTicks(&context)
        drawLabels(&context)
    }

    /// The x ticks and their labels; when labels would collide only every n-th is shown, as matplotlib would thin them.
    private func drawXTicks(_ context: inout RenderContext) {
        let tickSize = context.tickSize
        let xTicks = x.ticks.filter { px($0.value).isFinite }
        let widest = xTicks.map { RenderContext.width(of: XMLText.clean($0.label), size: tickSize) }.max() ?? 0
        let room = plot.width / Double(Swift.max(1, xTicks.count))
        let every = widest + 6 > room ? Int((widest + 6) / Swift.max(1, room)) + 1 : 1
        let maxLabelWidth = every == 1 ? Swift.max(room - 4, tickSize * 3) : plot.width / 2
        for (index, tick) in xTicks.enumerated() {
            let position = px(tick.value)
            context.svg.empty(
                "line",
                [
                    "class": "x-tick", "x1": SVGNumber.string(position), "y1": SVGNumber.string(plot.maxY),
                    "x2": SVGNumber.string(position), "y2": SVGNumber.string(plot.maxY + 4),
                    "stroke": context.axisColor,
                ]
            )
            guard index % every == 0 else { continue }
            context.text(
                tick.label,
                x: position,
                y: plot.maxY + 6 + tickSize,
                size: tickSize,
                className: "x-tick-label",
                maxWidth: maxLabelWidth
            )
        }
    }

    /// The y ticks and their labels, every n-th label when they would not fit.
    private func drawYTicks(_ context: inout RenderContext) {
        let tickSize = context.tickSize
        let yTicks = y.ticks.filter { py($0.value).isFinite }
        let every = Swift.max(1, Int((tickSize * 1.3 * Double(yTicks.count)) / Swift.max(1, plot.height)) + 1)
        for (index, tick) in yTicks.enumerated() {
            let position = py(tick.value)
            context.svg.empty(
                "line",
                [
                    "class": "y-tick", "x1": SVGNumber.string(plot.x - 4), "y1": SVGNumber.string(position),
                    "x2": SVGNumber.string(plot.x), "y2": SVGNumber.string(position), "stroke": context.axisColor,
                ]
            )
            guard index % every == 0 else { continue }
            context.text(
                tick.label,
                x: plot.x - 7,
                y: position + tickSize * 0.35,
                size: tickSize,
                anchor: "end",
                className: "y-tick-label",
                maxWidth: frame.width * 0.25
            )
        }
    }

    /// The axis labels and the title.
    private func drawLabels(_ context: inout RenderContext) {
        if let xLabel {
            context.text(
                xLabel,
                x: plot.midX,
                y: plot.maxY + 8 + context.tickSize * 1.6 + context.labelSize * 1.2,
                size: context.labelSize,
                className: "x-label",
                maxWidth: plot.width
            )
        }
        if let yLabel {
            context.text(
                yLabel,
                x: frame.x + 4 + context.labelSize,
                y: plot.midY,
                size: context.labelSize,
                className: "y-label",
                rotate: true,
                maxWidth: plot.height
            )
        }
        if let title {
            ChartTitle.draw(title, centeredOver: plot.midX, top: frame.y, width: frame.width, context: &context)
        }
    }
}

/// The title line above a chart.
enum ChartTitle {
    static func draw(
        _ title: String,
        centeredOver midX: Double,
        top: Double,
        width: Double,
        context: inout RenderContext
    ) {
        context.text(
            title,
            x: midX,
            y: top + context.titleSize * 1.35,
            size: context.titleSize,
            className: "title",
            weight: "bold",
            maxWidth: width - 8
        )
    }
}
