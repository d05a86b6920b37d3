import DaytonaErrors
import DaytonaJSON

/// The key that names each series, drawn in the corner of the plot that hides the least data.
enum Legend {
    /// How an entry's swatch looks.
    enum Swatch {
        case line
        case marker
        case box
    }

    /// Whether a label is worth a legend entry: matplotlib hides labels starting with `_`.
    static func shows(_ label: String?) -> Bool {
        guard let label else { return false }
        return !label.isEmpty && !label.hasPrefix("_")
    }

    static func draw(
        _ entries: [(label: String, color: String, swatch: Swatch)],
        in plot: RenderRect,
        avoiding points: [(x: Double, y: Double)] = [],
        context: inout RenderContext
    ) {
        let shown = entries.filter { shows($0.label) }
        guard !shown.isEmpty else { return }
        let box = LegendBox(labels: shown.map(\.label), in: plot, size: context.legendSize)
        let (left, top) = box.bestCorner(in: plot, avoiding: points)
        context.svg.open("g", ["class": "legend"])
        context.svg.empty(
            "rect",
            [
                "class": "legend-frame", "x": SVGNumber.string(left), "y": SVGNumber.string(top),
                "width": SVGNumber.string(box.width), "height": SVGNumber.string(box.height), "rx": "3",
                "fill": context.background, "fill-opacity": "0.85", "stroke": context.gridColor,
            ]
        )
        for (index, entry) in shown.prefix(box.rows).enumerated() {
            let middle = top + box.size * 0.3 + box.lineHeight * (Double(index) + 0.5)
            drawEntry(entry, left: left, middle: middle, box: box, context: &context)
        }
        context.svg.close("g")
    }

    /// One row: the swatch and the label, vertically centred on `middle`.
    private static func drawEntry(
        _ entry: (label: String, color: String, swatch: Swatch),
        left: Double,
        middle: Double,
        box: LegendBox,
        context: inout RenderContext
    ) {
        let size = box.size
        let swatchX = left + size * 0.5
        context.svg.open("g", ["class": "legend-entry"])
        drawSwatch(entry.swatch, color: entry.color, x: swatchX, middle: middle, size: size, context: &context)
        context.text(
            entry.label,
            x: swatchX + size * 2.1,
            y: middle + size * 0.35,
            size: size,
            anchor: "start",
            className: "legend-label",
            maxWidth: box.maxTextWidth
        )
        context.svg.close("g")
    }

    private static func drawSwatch(
        _ swatch: Swatch,
        color: String,
        x: Double,
        middle: Double,
        size: Double,
        context: inout RenderContext
    ) {
        switch swatch {
        case .line:
            context.svg.empty(
                "line",
                [
                    "x1": SVGNumber.string(x), "y1": SVGNumber.string(middle), "x2": SVGNumber.string(x + size * 1.6),
                    "y2": SVGNumber.string(middle), "stroke": color, "stroke-width": "2",
                ]
            )
        case .marker:
            context.svg.empty(
                "circle",
                [
                    "cx": SVGNumber.string(x + size * 0.8), "cy": SVGNumber.string(middle),
                    "r": SVGNumber.string(size * 0.35), "fill": color,
                ]
            )
        case .box:
            context.svg.empty(
                "rect",
                [
                    "x": SVGNumber.string(x + size * 0.2), "y": SVGNumber.string(middle - size * 0.4),
                    "width": SVGNumber.string(size * 1.2), "height": SVGNumber.string(size * 0.8), "fill": color,
                ]
            )
        }
    }
}

/// The size of a legend: a row per entry that fits in the plot, as wide as the longest label allows.
private struct LegendBox {
    /// The font size of the labels.
    let size: Double
    let lineHeight: Double
    /// Labels longer than this are cut with an ellipsis.
    let maxTextWidth: Double
    /// How many entries fit.
    let rows: Int
    let width: Double
    let height: Double

    init(labels: [String], in plot: RenderRect, size: Double) {
        self.size = size
        lineHeight = size * 1.5
        maxTextWidth = plot.width * 0.4
        let textWidth = Swift.min(
            maxTextWidth,
            labels.map { RenderContext.width(of: XMLText.clean($0), size: size) }.max() ?? 0
        )
        rows = Swift.max(1, Swift.min(labels.count, Int((plot.height - 12) / lineHeight)))
        width = textWidth + size * 3.2
        height = Double(rows) * lineHeight + size * 0.6
    }

    /// Like matplotlib's loc="best": the corner that covers the fewest data points, top right on a tie.
    func bestCorner(in plot: RenderRect, avoiding points: [(x: Double, y: Double)]) -> (Double, Double) {
        let corners = [
            (plot.maxX - width - 8, plot.y + 8), (plot.x + 8, plot.y + 8),
            (plot.maxX - width - 8, plot.maxY - height - 8), (plot.x + 8, plot.maxY - height - 8),
        ]
        let covered = corners.map { corner in
            points.count {
                $0.x >= corner.0 && $0.x <= corner.0 + width && $0.y >= corner.1 && $0.y <= corner.1 + height
            }
        }
        let best = covered.indices.min { covered[$0] < covered[$1] } ?? 0
        return corners[best]
    }
}
