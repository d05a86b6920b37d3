import DaytonaErrors
import DaytonaJSON

/// What every kind's renderer draws with: the writer, the colours and the font sizes for one frame.
struct RenderContext {
    var svg: SVGWriter
    let theme: ChartRenderer.Theme
    /// Scales fonts and strokes so that small composite cells stay legible without crowding.
    var scale: Double

    var titleSize: Double { 15 * scale }
    var labelSize: Double { 12 * scale }
    var tickSize: Double { 10.5 * scale }
    var legendSize: Double { 10.5 * scale }

    var background: String { theme == .dark ? "#1e1e1e" : "#ffffff" }
    var foreground: String { theme == .dark ? "#e6e6e6" : "#262626" }
    var axisColor: String { theme == .dark ? "#b0b0b0" : "#4d4d4d" }
    var gridColor: String { theme == .dark ? "#3a3a3a" : "#e5e5e5" }
    var mutedColor: String { theme == .dark ? "#8c8c8c" : "#8c8c8c" }

    /// The scale that suits a frame of this size: 1 at 640×400, smaller in composite cells.
    static func scale(for rect: RenderRect) -> Double {
        Swift.min(1.4, Swift.max(0.6, Swift.min(rect.width / 640, rect.height / 400).squareRoot()))
    }

    /// Writes one line of text; `anchor` is `start`, `middle` or `end`.
    ///
    /// With `maxWidth` the text is shortened with `…` to fit; `rotation` turns it (degrees,
    /// clockwise as SVG counts) about its anchor point. Raised and lowered runs become `tspan`s.
    mutating func text(
        _ content: RichText,
        x: Double,
        y: Double,
        size: Double,
        anchor: String = "middle",
        className: String,
        color: String? = nil,
        weight: String? = nil,
        rotation: Double = 0,
        maxWidth: Double? = nil
    ) {
        let shown =
            maxWidth.map { TextLayout.fit(content, maxWidth: $0, size: size, bold: weight == "bold") } ?? content
        let sx = SVGNumber.string(x)
        let sy = SVGNumber.string(y)
        var attributes: [(String, String)] = [
            ("class", className), ("x", sx), ("y", sy), ("font-size", SVGNumber.string(size)),
            ("text-anchor", anchor), ("fill", color ?? foreground),
        ]
        if rotation != 0 {
            attributes.append(("transform", "rotate(\(SVGNumber.string(rotation)) \(sx) \(sy))"))
            if let weight { attributes.append(("font-weight", weight)) }
        } else {
            attributes.append(("font-weight", weight ?? "normal"))
        }
        svg.open("text", attributes: attributes)
        var rise = 0.0
        for (index, piece) in shown.runs.enumerated() {
            // Viewers drop spaces at the edges of spans; no-break spaces of the same width stay.
            var run = piece
            if shown.runs.count > 1 { run.text = Self.keepingEdgeSpaces(run.text) }
            if index == 0 && run.shift == .baseline {
                svg.escapedText(run.text)
                continue
            }
            var span: [(String, String)] = []
            if run.shift.rise != rise { span.append(("dy", SVGNumber.string((rise - run.shift.rise) * size))) }
            if run.shift != .baseline { span.append(("font-size", SVGNumber.string(size * run.shift.scale))) }
            rise = run.shift.rise
            svg.open("tspan", attributes: span)
            svg.escapedText(run.text)
            svg.close("tspan")
        }
        svg.close("text")
    }

    /// The text with a space at either end written as a no-break space.
    static func keepingEdgeSpaces(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == " " { scalars[0] = "\u{A0}" }
        if scalars.last == " " { scalars[scalars.count - 1] = "\u{A0}" }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Writes one line of plain text (no mathtext); see ``text(_:x:y:size:anchor:className:color:weight:rotation:maxWidth:)``.
    mutating func text(
        _ content: String,
        x: Double,
        y: Double,
        size: Double,
        anchor: String = "middle",
        className: String,
        color: String? = nil,
        weight: String? = nil,
        maxWidth: Double? = nil
    ) {
        text(
            RichText(plain: content),
            x: x,
            y: y,
            size: size,
            anchor: anchor,
            className: className,
            color: color,
            weight: weight,
            maxWidth: maxWidth
        )
    }
}
