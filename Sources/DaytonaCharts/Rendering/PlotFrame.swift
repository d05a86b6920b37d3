import DaytonaErrors
import DaytonaJSON

/// The axes of a two-axis chart laid out in a frame: where the plot area sits and how values map into it.
struct PlotFrame {
    let plot: RenderRect
    let x: Axis
    let y: Axis
    /// The title's lines: wrapped over at most two, the second shortened with `…`.
    let titleLines: [RichText]
    let xLabel: RichText?
    let yLabel: RichText?
    let xTickLabels: TickLabels
    let yTickLabels: TickLabels
    let frame: RenderRect

    /// Lays out title, axis labels and tick labels around the plot area.
    ///
    /// - Parameter reserveRight: Room to keep free right of the plot, for a legend drawn outside it.
    init(
        in frame: RenderRect,
        title: String?,
        xLabel: String?,
        yLabel: String?,
        x: Axis,
        y: Axis,
        context: RenderContext,
        reserveRight: Double = 0
    ) {
        self.frame = frame
        self.x = x
        self.y = y
        let tickSize = context.tickSize
        titleLines = ChartTitle.lines(title, width: frame.width, context: context)
        self.xLabel = xLabel.flatMap { $0.isEmpty ? nil : MathText.parse($0) }
        self.yLabel = yLabel.flatMap { $0.isEmpty ? nil : MathText.parse($0) }
        let yLabelsForWidth = TickLabels.verticalAxis(
            labels: y.ticks.map(\.label),
            positions: [],
            size: tickSize,
            maxWidth: frame.width * 0.3
        )
        var top = ChartTitle.height(titleLines, context: context) + tickSize * 0.8 + 4
        if y.shared.annotation != nil { top += tickSize * 1.4 }
        var left = 10 + yLabelsForWidth.extent + 8 + (self.yLabel != nil ? context.labelSize * 1.6 : 0)
        let right = Swift.max(16, tickSize * 1.6) + reserveRight
        func layOutXLabels(left: Double) -> TickLabels {
            let plotX = frame.x + left
            let plotWidth = Swift.max(1, frame.width - left - right)
            return TickLabels.horizontalAxis(
                labels: x.ticks.map(\.label),
                positions: x.ticks.map { plotX + x.fraction($0.value) * plotWidth },
                frame: frame,
                size: tickSize,
                maxHeight: frame.height * 0.3
            )
        }
        var xLabels = layOutXLabels(left: left)
        if xLabels.leftShortfall > 0 {
            // Turned labels run left of their ticks: move the plot right so the first ones show whole.
            left += Swift.min(xLabels.leftShortfall + 2, Swift.max(0, frame.width * 0.25 - left))
            xLabels = layOutXLabels(left: left)
        }
        xTickLabels = xLabels
        let plotX = frame.x + left
        let plotWidth = Swift.max(1, frame.width - left - right)
        var bottom = 6 + xTickLabels.extent + 4
        if self.xLabel != nil {
            bottom += context.labelSize * 1.5
        } else if x.shared.annotation != nil {
            bottom += tickSize * 1.4
        }
        plot = RenderRect(
            x: plotX,
            y: frame.y + top,
            width: plotWidth,
            height: Swift.max(1, frame.height - top - bottom)
        )
        let plotArea = plot
        yTickLabels = TickLabels.verticalAxis(
            labels: y.ticks.map(\.label),
            positions: y.ticks.map { plotArea.maxY - y.fraction($0.value) * plotArea.height },
            size: tickSize,
            maxWidth: frame.width * 0.3
        )
    }

    /// Lays out a two-axis chart's frame from its own title and axis labels.
    init(
        in frame: RenderRect,
        chart: some Chart2D,
        x: Axis,
        y: Axis,
        context: RenderContext,
        reserveRight: Double = 0
    ) {
        self.init(
            in: frame,
            title: chart.title,
            xLabel: chart.xLabel,
            yLabel: chart.yLabel,
            x: x,
            y: y,
            context: context,
            reserveRight: reserveRight
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

    /// The x ticks and their labels.
    private func drawXTicks(_ context: inout RenderContext) {
        let tickSize = context.tickSize
        for tick in x.ticks {
            let position = px(tick.value)
            context.svg.empty(
                "line",
                [
                    "class": "x-tick", "x1": SVGNumber.string(position), "y1": SVGNumber.string(plot.maxY),
                    "x2": SVGNumber.string(position), "y2": SVGNumber.string(plot.maxY + 4),
                    "stroke": context.axisColor,
                ]
            )
        }
        let turned = xTickLabels.rotation != 0
        for label in xTickLabels.shown {
            context.text(
                label.text,
                x: label.position,
                y: plot.maxY + 6 + tickSize * (turned ? 0.6 : 1),
                size: tickSize,
                anchor: turned ? "end" : "middle",
                className: "x-tick-label",
                rotation: xTickLabels.rotation
            )
        }
        if let annotation = x.shared.annotation {
            context.text(
                RichText(plain: annotation),
                x: plot.maxX,
                y: plot.maxY + 6 + xTickLabels.extent + tickSize,
                size: tickSize,
                anchor: "end",
                className: "x-offset"
            )
        }
    }

    /// The y ticks and their labels.
    private func drawYTicks(_ context: inout RenderContext) {
        let tickSize = context.tickSize
        for tick in y.ticks {
            let position = py(tick.value)
            context.svg.empty(
                "line",
                [
                    "class": "y-tick", "x1": SVGNumber.string(plot.x - 4), "y1": SVGNumber.string(position),
                    "x2": SVGNumber.string(plot.x), "y2": SVGNumber.string(position), "stroke": context.axisColor,
                ]
            )
        }
        for label in yTickLabels.shown {
            context.text(
                label.text,
                x: plot.x - 7,
                y: label.position + tickSize * 0.35,
                size: tickSize,
                anchor: "end",
                className: "y-tick-label"
            )
        }
        if let annotation = y.shared.annotation {
            context.text(
                RichText(plain: annotation),
                x: plot.x,
                y: plot.y - tickSize * 0.7,
                size: tickSize,
                anchor: "start",
                className: "y-offset"
            )
        }
    }

    /// The axis labels and the title.
    private func drawLabels(_ context: inout RenderContext) {
        if let xLabel {
            let annotation = x.shared.annotation.map { TextMetrics.width(of: $0, size: context.tickSize) + 10 } ?? 0
            context.text(
                xLabel,
                x: plot.midX,
                y: plot.maxY + 6 + xTickLabels.extent + context.labelSize,
                size: context.labelSize,
                className: "x-label",
                maxWidth: Swift.max(0, plot.width - 2 * annotation)
            )
        }
        if let yLabel {
            context.text(
                yLabel,
                x: frame.x + 4 + context.labelSize,
                y: plot.midY,
                size: context.labelSize,
                className: "y-label",
                rotation: -90,
                maxWidth: plot.height
            )
        }
        ChartTitle.draw(titleLines, centeredOver: plot.midX, top: frame.y, frame: frame, context: &context)
    }
}

/// The title above a chart: bold, over at most two lines, centred over the plot as far as the frame allows.
enum ChartTitle {
    /// The title's lines for a frame of this width; none for no title.
    static func lines(_ title: String?, width: Double, context: RenderContext) -> [RichText] {
        guard let title, !title.isEmpty else { return [] }
        return TextLayout.wrap(title, maxWidth: Swift.max(0, width - 8), size: context.titleSize, bold: true)
    }

    /// The height the lines take, from the frame's top.
    static func height(_ lines: [RichText], context: RenderContext) -> Double {
        lines.isEmpty ? 0 : context.titleSize * (0.45 + 1.25 * Double(lines.count))
    }

    static func draw(
        _ lines: [RichText],
        centeredOver midX: Double,
        top: Double,
        frame: RenderRect,
        context: inout RenderContext
    ) {
        for (index, line) in lines.enumerated() {
            let width = line.width(size: context.titleSize, bold: true)
            // Centred over the plot, moved in when that would cross the frame's edge.
            let low = frame.x + 4 + width / 2
            let high = frame.maxX - 4 - width / 2
            let center = low <= high ? Swift.min(Swift.max(midX, low), high) : frame.midX
            context.text(
                line,
                x: center,
                y: top + context.titleSize * (1.25 * Double(index + 1)),
                size: context.titleSize,
                className: index == 0 ? "title" : "title-continued",
                weight: "bold"
            )
        }
    }
}
