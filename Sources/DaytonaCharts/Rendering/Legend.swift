import DaytonaErrors
import DaytonaJSON

/// The key that names each series: inside the plot where it covers no data, else right of the plot.
///
/// Like matplotlib's `loc="best"`, the inside places are tried in matplotlib's order (upper right,
/// upper left, lower left, lower right, right, centre left, centre right, lower centre, upper
/// centre, centre) and the first that covers no drawn data wins. When each covers some, the legend
/// goes outside, right of the plot. Entries that do not fit end in a `+N more` row, so a cut list
/// says it is cut.
enum Legend {
    /// How an entry's swatch looks.
    enum Swatch {
        case line
        case marker
        case box
    }

    struct Entry {
        var label: String
        var color: String
        var swatch: Swatch
    }

    /// Whether a label is worth a legend entry: matplotlib hides labels starting with `_`.
    static func shows(_ label: String?) -> Bool {
        guard let label else { return false }
        return !label.isEmpty && !label.hasPrefix("_")
    }

    /// The legend's title, when the metadata carries one: `legend_title`, or `legend.title`.
    static func title(in fields: JSONObject) -> String? {
        if case .string(let title)? = fields["legend_title"], !title.isEmpty { return title }
        if case .object(let legend)? = fields["legend"], case .string(let title)? = legend["title"], !title.isEmpty {
            return title
        }
        return nil
    }

    /// Lays out the frame and the legend together: the frame is laid out again with room on the
    /// right when the legend has to go outside the plot.
    static func layout(
        _ entries: [Entry],
        title: String?,
        occupancy: Occupancy,
        in rect: RenderRect,
        context: RenderContext,
        frame makeFrame: (_ reserveRight: Double) -> PlotFrame
    ) -> (frame: PlotFrame, legend: LegendBox?) {
        let frame = makeFrame(0)
        let shown = entries.filter { shows($0.label) }
        guard !shown.isEmpty else { return (frame, nil) }
        let inside = LegendBox(
            entries: shown,
            title: title,
            maxTextWidth: frame.plot.width * 0.4,
            maxHeight: frame.plot.height - 16,
            size: context.legendSize
        )
        let places = inside.places(in: frame.plot)
        let covered = places.map { occupancy.count(covering: $0, size: (inside.width, inside.height), in: frame.plot) }
        let best = covered.indices.min { covered[$0] < covered[$1] } ?? 0
        let outsideWidth = Swift.min(rect.width * 0.3, inside.width)
        let roomOutside = rect.width - outsideWidth - 12 >= rect.width * 0.55
        if covered[best] == 0 && inside.hidden == 0 || !roomOutside {
            var box = inside
            box.origin = (places[best].x, places[best].y)
            return (frame, box)
        }
        let reserve = outsideWidth + 12
        let narrower = makeFrame(reserve)
        var box = LegendBox(
            entries: shown,
            title: title,
            maxTextWidth: outsideWidth - context.legendSize * 3.2,
            maxHeight: narrower.plot.height,
            size: context.legendSize
        )
        box.origin = (narrower.plot.maxX + 12, narrower.plot.y)
        return (narrower, box)
    }
}

/// A legend's entries as they fit, its size and where it goes.
struct LegendBox {
    let size: Double
    let lineHeight: Double
    let entries: [(label: RichText, color: String, swatch: Legend.Swatch)]
    let title: RichText?
    /// How many entries did not fit: the last row says `+N more`.
    let hidden: Int
    let width: Double
    let height: Double
    var origin = (x: 0.0, y: 0.0)

    init(entries all: [Legend.Entry], title: String?, maxTextWidth: Double, maxHeight: Double, size: Double) {
        self.size = size
        lineHeight = size * 1.5
        let textWidth = Swift.max(size * 2, maxTextWidth)
        self.title = title.map { TextLayout.fit(MathText.parse($0), maxWidth: textWidth + size * 2.1, size: size) }
        let titleRows = self.title == nil ? 0 : 1
        let capacity = Swift.max(1, Int((maxHeight - size * 0.6) / lineHeight) - titleRows)
        let kept = all.count <= capacity ? all.count : Swift.max(0, capacity - 1)
        hidden = all.count - kept
        entries = all.prefix(kept).map { entry in
            (TextLayout.fit(MathText.parse(entry.label), maxWidth: textWidth, size: size), entry.color, entry.swatch)
        }
        var widest = entries.map { $0.label.width(size: size) }.max() ?? 0
        if hidden > 0 { widest = Swift.max(widest, TextMetrics.width(of: Self.moreText(hidden), size: size)) }
        if let title = self.title { widest = Swift.max(widest, title.width(size: size) - size * 2.1) }
        width = widest + size * 3.2
        height = Double(entries.count + titleRows + (hidden > 0 ? 1 : 0)) * lineHeight + size * 0.6
    }

    static func moreText(_ count: Int) -> String { "+\(count) more" }

    /// The inside places in matplotlib's order of preference, as top-left corners.
    func places(in plot: RenderRect) -> [(x: Double, y: Double)] {
        let pad = 8.0
        let left = plot.x + pad
        let right = plot.maxX - width - pad
        let center = plot.midX - width / 2
        let top = plot.y + pad
        let bottom = plot.maxY - height - pad
        let middle = plot.midY - height / 2
        return [
            (right, top), (left, top), (left, bottom), (right, bottom), (right, middle), (left, middle),
            (right, middle), (center, bottom), (center, top), (center, middle),
        ]
    }

    func draw(_ context: inout RenderContext) {
        let (left, top) = origin
        context.svg.open("g", ["class": "legend"])
        context.svg.empty(
            "rect",
            [
                "class": "legend-frame", "x": SVGNumber.string(left), "y": SVGNumber.string(top),
                "width": SVGNumber.string(width), "height": SVGNumber.string(height), "rx": "3",
                "fill": context.background, "fill-opacity": "0.85", "stroke": context.gridColor,
            ]
        )
        var row = 0.0
        func baseline(_ row: Double) -> Double { top + size * 0.3 + lineHeight * (row + 0.5) + size * 0.35 }
        if let title {
            context.text(
                title,
                x: left + width / 2,
                y: baseline(row),
                size: size,
                className: "legend-title"
            )
            row += 1
        }
        for entry in entries {
            drawEntry(entry, left: left, middle: baseline(row) - size * 0.35, context: &context)
            row += 1
        }
        if hidden > 0 {
            context.text(
                RichText(plain: Self.moreText(hidden)),
                x: left + size * 0.5,
                y: baseline(row),
                size: size,
                anchor: "start",
                className: "legend-more",
                color: context.mutedColor
            )
        }
        context.svg.close("g")
    }

    /// One row: the swatch and the label, vertically centred on `middle`.
    private func drawEntry(
        _ entry: (label: RichText, color: String, swatch: Legend.Swatch),
        left: Double,
        middle: Double,
        context: inout RenderContext
    ) {
        let swatchX = left + size * 0.5
        context.svg.open("g", ["class": "legend-entry"])
        drawSwatch(entry.swatch, color: entry.color, x: swatchX, middle: middle, context: &context)
        context.text(
            entry.label,
            x: swatchX + size * 2.1,
            y: middle + size * 0.35,
            size: size,
            anchor: "start",
            className: "legend-label"
        )
        context.svg.close("g")
    }

    private func drawSwatch(
        _ swatch: Legend.Swatch,
        color: String,
        x: Double,
        middle: Double,
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

/// Where data is drawn, on a coarse grid over the plot's unit square (x right, y up): what a legend must not cover.
struct Occupancy {
    static let columns = 64
    static let rows = 40
    private var cells = [Bool](repeating: false, count: columns * rows)

    private static func column(_ x: Double) -> Int { Swift.min(columns - 1, Swift.max(0, Int(x * Double(columns)))) }
    private static func row(_ y: Double) -> Int { Swift.min(rows - 1, Swift.max(0, Int(y * Double(rows)))) }

    /// Marks the cell of a point; points outside the unit square are not drawn and not marked.
    mutating func mark(_ x: Double, _ y: Double) {
        guard x.isFinite, y.isFinite, x >= 0, x <= 1, y >= 0, y <= 1 else { return }
        cells[Self.row(y) * Self.columns + Self.column(x)] = true
    }

    /// Marks the cells a line from one point to another crosses (clipped to the unit square).
    mutating func markSegment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
        let steps = Int(
            Swift.min(
                Double(Self.columns + Self.rows) * 2,
                (abs(x1 - x0) * Double(Self.columns) + abs(y1 - y0) * Double(Self.rows)).rounded(.up)
            )
        )
        if steps <= 1 {
            mark(x0, y0)
            mark(x1, y1)
            return
        }
        for step in 0...steps {
            let t = Double(step) / Double(steps)
            mark(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
        }
    }

    /// Marks every cell of a rectangle given by two corners.
    mutating func markRect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
        let (left, right) = (Swift.max(0, Swift.min(x0, x1)), Swift.min(1, Swift.max(x0, x1)))
        let (low, high) = (Swift.max(0, Swift.min(y0, y1)), Swift.min(1, Swift.max(y0, y1)))
        guard left <= right, low <= high else { return }
        for row in Self.row(low)...Self.row(high) {
            for column in Self.column(left)...Self.column(right) { cells[row * Self.columns + column] = true }
        }
    }

    /// How many marked cells a box (top-left corner in pixels, with the legend's size) would cover in `plot`.
    func count(
        covering corner: (x: Double, y: Double),
        size: (width: Double, height: Double),
        in plot: RenderRect
    ) -> Int {
        let margin = 3.0
        let left = (corner.x - margin - plot.x) / plot.width
        let right = (corner.x + size.width + margin - plot.x) / plot.width
        let top = (plot.maxY - corner.y + margin) / plot.height
        let bottom = (plot.maxY - corner.y - size.height - margin) / plot.height
        guard right >= 0, left <= 1, top >= 0, bottom <= 1 else { return 0 }
        var count = 0
        for row in Self.row(Swift.max(0, bottom))...Self.row(Swift.min(1, top)) {
            for column in Self.column(Swift.max(0, left))...Self.column(Swift.min(1, right))
            where cells[row * Self.columns + column] {
                count += 1
            }
        }
        return count
    }
}
