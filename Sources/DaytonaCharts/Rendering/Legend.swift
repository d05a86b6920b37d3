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
        let size = context.legendSize
        let lineHeight = size * 1.5
        let maxText = plot.width * 0.4
        let textWidth = Swift.min(
            maxText,
            shown.map { RenderContext.width(of: XMLText.clean($0.label), size: size) }.max() ?? 0
        )
        let rows = Swift.max(1, Swift.min(shown.count, Int((plot.height - 12) / lineHeight)))
        let boxWidth = textWidth + size * 3.2
        let boxHeight = Double(rows) * lineHeight + size * 0.6
        // Like matplotlib's loc="best": the corner that covers the fewest data points, top right on a tie.
        let corners = [
            (plot.maxX - boxWidth - 8, plot.y + 8), (plot.x + 8, plot.y + 8),
            (plot.maxX - boxWidth - 8, plot.maxY - boxHeight - 8), (plot.x + 8, plot.maxY - boxHeight - 8),
        ]
        let covered = corners.map { corner in
            points.count {
                $0.x >= corner.0 && $0.x <= corner.0 + boxWidth && $0.y >= corner.1 && $0.y <= corner.1 + boxHeight
            }
        }
        let best = covered.indices.min { covered[$0] < covered[$1] } ?? 0
        let (left, top) = corners[best]
        context.svg.open("g", ["class": "legend"])
        context.svg.empty(
            "rect",
            [
                "class": "legend-frame", "x": SVGNumber.string(left), "y": SVGNumber.string(top),
                "width": SVGNumber.string(boxWidth), "height": SVGNumber.string(boxHeight), "rx": "3",
                "fill": context.background, "fill-opacity": "0.85", "stroke": context.gridColor,
            ]
        )
        for (index, entry) in shown.prefix(rows).enumerated() {
            let middle = top + size * 0.3 + lineHeight * (Double(index) + 0.5)
            let swatchX = left + size * 0.5
            context.svg.open("g", ["class": "legend-entry"])
            switch entry.swatch {
            case .line:
                context.svg.empty(
                    "line",
                    [
                        "x1": SVGNumber.string(swatchX), "y1": SVGNumber.string(middle),
                        "x2": SVGNumber.string(swatchX + size * 1.6), "y2": SVGNumber.string(middle),
                        "stroke": entry.color, "stroke-width": "2",
                    ]
                )
            case .marker:
                context.svg.empty(
                    "circle",
                    [
                        "cx": SVGNumber.string(swatchX + size * 0.8), "cy": SVGNumber.string(middle),
                        "r": SVGNumber.string(size * 0.35), "fill": entry.color,
                    ]
                )
            case .box:
                context.svg.empty(
                    "rect",
                    [
                        "x": SVGNumber.string(swatchX + size * 0.2), "y": SVGNumber.string(middle - size * 0.4),
                        "width": SVGNumber.string(size * 1.2), "height": SVGNumber.string(size * 0.8),
                        "fill": entry.color,
                    ]
                )
            }
            context.text(
                entry.label,
                x: swatchX + size * 2.1,
                y: middle + size * 0.35,
                size: size,
                anchor: "start",
                className: "legend-label",
                maxWidth: maxText
            )
            context.svg.close("g")
        }
        context.svg.close("g")
    }
}
