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

    /// An estimate of the drawn width of text; fonts are not available, so it assumes an average glyph.
    static func width(of text: String, size: Double) -> Double {
        var units = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x300..<0x370, 0x200B...0x200F, 0xFE00...0xFE0F: continue  // combining marks, joiners
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F000...0x1FAFF:
                units += 1.0  // wide: CJK, emoji
            case 0x69, 0x6A, 0x6C, 0x2E, 0x2C, 0x3A, 0x3B, 0x21, 0x27, 0x7C, 0x20:
                units += 0.3
            default:
                units += 0.6
            }
        }
        return units * size
    }

    /// The text, cut with an ellipsis so it fits in `maxWidth`.
    static func fit(_ text: String, maxWidth: Double, size: Double) -> String {
        let cleaned = XMLText.clean(text)
        guard width(of: cleaned, size: size) > maxWidth else { return cleaned }
        var characters = Array(cleaned)
        while !characters.isEmpty && width(of: String(characters) + "…", size: size) > maxWidth {
            characters.removeLast()
        }
        return characters.isEmpty ? "" : String(characters) + "…"
    }

    /// Writes one line of text; `anchor` is `start`, `middle` or `end`.
    mutating func text(
        _ content: String,
        x: Double,
        y: Double,
        size: Double,
        anchor: String = "middle",
        className: String,
        color: String? = nil,
        weight: String? = nil,
        rotate: Bool = false,
        maxWidth: Double? = nil
    ) {
        let shown = maxWidth.map { Self.fit(content, maxWidth: $0, size: size) } ?? XMLText.clean(content)
        let sx = SVGNumber.string(x)
        let sy = SVGNumber.string(y)
        let fill = color ?? foreground
        let fontSize = SVGNumber.string(size)
        if rotate {
            svg.element(
                "text",
                [
                    "class": className, "x": sx, "y": sy, "font-size": fontSize, "text-anchor": anchor, "fill": fill,
                    "transform": "rotate(-90 \(sx) \(sy))",
                ],
                text: shown
            )
        } else {
            svg.element(
                "text",
                [
                    "class": className, "x": sx, "y": sy, "font-size": fontSize, "text-anchor": anchor, "fill": fill,
                    "font-weight": weight ?? "normal",
                ],
                text: shown
            )
        }
    }
}
