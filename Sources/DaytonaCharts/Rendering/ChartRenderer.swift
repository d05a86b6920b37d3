import DaytonaErrors
import DaytonaJSON

/// Renders charts as standalone SVG documents, in pure Swift, on every platform.
///
/// The output is well-formed XML with a `viewBox`, so it scales to any size. Labels and titles
/// come from sandbox code and are escaped; the document holds no scripts and no references
/// outside itself (an embedded PNG is inlined as a `data:` URI).
///
///     let renderer = ChartRenderer(width: 800, height: 500, theme: .dark)
///     let svg = renderer.svg(for: chart)
///     try svg.write(toFile: "chart.svg", atomically: true, encoding: .utf8)
public struct ChartRenderer: Sendable, Hashable {
    /// The colour scheme of a rendered chart.
    public enum Theme: String, Sendable, Hashable, CaseIterable {
        /// Dark text on white, like matplotlib's default style.
        case light
        /// Light text on a dark background.
        case dark
    }

    /// The width of the drawing, in SVG user units (pixels at 100%), as given.
    ///
    /// It is kept as set; rendering draws a width below 50 or not finite at 50, and one above
    /// 20,000 at 20,000.
    public var width: Double
    /// The height of the drawing, in SVG user units, as given; rendering limits it like ``width``.
    public var height: Double
    /// The colour scheme.
    public var theme: Theme
    /// The CSS font family list for all text.
    public var fontFamily: String

    /// The default font list: fonts found on most Linux, macOS and Windows systems.
    public static let defaultFontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// Creates a renderer.
    ///
    /// The sizes are stored as given. When drawing, a size below 50 units or not finite is drawn
    /// at 50, and one above 20,000 at 20,000.
    public init(
        width: Double = 720,
        height: Double = 450,
        theme: Theme = .light,
        fontFamily: String = defaultFontFamily
    ) {
        self.width = width
        self.height = height
        self.theme = theme
        self.fontFamily = fontFamily
    }

    /// The font family with everything but letters, digits, spaces, commas, dots, hyphens and quotes removed,
    /// so it is safe in an attribute and in a style sheet.
    var safeFontFamily: String {
        let kept = fontFamily.unicodeScalars.filter { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " ,.-_'".unicodeScalars.contains(scalar)
        }
        let text = String(String.UnicodeScalarView(kept))
        return text.isEmpty ? Self.defaultFontFamily : text
    }

    /// The chart as an SVG document.
    ///
    /// Composite charts lay out their subplots in a grid; a chart without vector data shows its
    /// embedded PNG, or a labelled empty frame.
    public func svg(for chart: Chart) -> String {
        svgDocument(for: chart, idPrefix: "c")
    }

    func svgDocument(for chart: Chart, idPrefix: String) -> String {
        let width = Self.usable(width)
        let height = Self.usable(height)
        let bounds = RenderRect(x: 0, y: 0, width: width, height: height)
        var context = RenderContext(
            svg: SVGWriter(idPrefix: idPrefix),
            theme: theme,
            scale: RenderContext.scale(for: bounds)
        )
        let w = SVGNumber.string(width)
        let h = SVGNumber.string(height)
        context.svg.open(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink",
                "width": w, "height": h, "viewBox": "0 0 \(w) \(h)", "font-family": safeFontFamily,
                "class": "daytona-chart chart-\(chart.type.rawValue)",
            ]
        )
        if let title = chart.title, !title.isEmpty {
            // What a screen reader says: the title as drawn, not its TeX, and not without end.
            let plain = MathText.plain(String(title.unicodeScalars.prefix(1000)))
            context.svg.element("title", [:], text: title.unicodeScalars.count > 1000 ? plain + "…" : plain)
        }
        context.svg.empty(
            "rect",
            ["class": "background", "x": "0", "y": "0", "width": w, "height": h, "fill": context.background]
        )
        Self.draw(chart, in: bounds.inset(top: 4, left: 4, bottom: 4, right: 4), depth: 0, context: &context)
        context.svg.close("svg")
        return context.svg.text + "\n"
    }

    /// The size a drawing is made at: `size` limited to 50...20,000, and 50 when it is not finite.
    static func usable(_ size: Double) -> Double {
        size.isFinite ? Swift.min(Swift.max(size, 50), 20_000) : 50
    }

    /// Draws any chart into a rectangle of the document.
    static func draw(_ chart: Chart, in rect: RenderRect, depth: Int, context: inout RenderContext) {
        let saved = context.scale
        context.scale = RenderContext.scale(for: rect)
        defer { context.scale = saved }
        switch chart {
        case .line(let line): PointChartRenderer.draw(line, asLines: true, in: rect, context: &context)
        case .scatter(let scatter): PointChartRenderer.draw(scatter, asLines: false, in: rect, context: &context)
        case .bar(let bar): BarChartRenderer.draw(bar, in: rect, context: &context)
        case .pie(let pie): PieChartRenderer.draw(pie, in: rect, context: &context)
        case .boxAndWhisker(let box): BoxChartRenderer.draw(box, in: rect, context: &context)
        case .composite(let composite):
            if depth < CompositeChartRenderer.maxDepth {
                CompositeChartRenderer.draw(composite, in: rect, depth: depth, context: &context)
            } else {
                UnknownChartRenderer.drawEmptyFrame(label: "nested figure", in: rect, context: &context)
            }
        case .unknown(let unknown):
            UnknownChartRenderer.draw(
                title: unknown.title,
                typeName: unknown.typeName,
                png: unknown.png,
                in: rect,
                context: &context
            )
        }
    }
}

extension Chart {
    /// The chart as an SVG document of the given size, light theme; see ``ChartRenderer`` for more options.
    ///
    ///     let svg = chart.svg(width: 640, height: 400)
    public func svg(width: Double = 720, height: Double = 450) -> String {
        ChartRenderer(width: width, height: height).svg(for: self)
    }
}
