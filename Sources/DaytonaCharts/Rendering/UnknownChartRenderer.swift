import DaytonaErrors
import DaytonaJSON
import Foundation

/// Draws charts the model has no vector data for: the embedded PNG when there is one, else a labelled frame.
enum UnknownChartRenderer {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func draw(title: String?, typeName: String, png: String?, in rect: RenderRect, context: inout RenderContext)
    {
        var area = rect
        if let title, !title.isEmpty {
            let lines = ChartTitle.lines(title, width: rect.width, context: context)

            ChartTitle.draw(lines, centeredOver: rect.midX, top: rect.y, frame: rect, context: &context)

            area = rect.inset(top: ChartTitle.height(lines, context: context) + 4)
        }
        guard let href = dataURI(png) else {
            drawEmptyFrame(
                label: typeName.isEmpty ? "chart" : "\(typeName) chart",
                in: area.inset(top: 4, left: 4, bottom: 4, right: 4),
                context: &context
            )
            return
        }
        context.svg.empty(
            "image",
            [
                "class": "embedded-png", "x": SVGNumber.string(area.x), "y": SVGNumber.string(area.y),
                "width": SVGNumber.string(area.width), "height": SVGNumber.string(area.height),
                "preserveAspectRatio": "xMidYMid meet", "href": href, "xlink:href": href,
            ]
        )
    }

    /// A `data:` URI for the chart's PNG, or `nil` when it is missing or not a PNG.
    ///
    /// The text is decoded and encoded again, so whatever the sandbox sent, only base64 reaches the attribute.
    static func dataURI(_ png: String?) -> String? {
        guard let png, let data = Data(base64Encoded: png, options: .ignoreUnknownCharacters),
            data.starts(with: pngSignature)
        else { return nil }
        return "data:image/png;base64," + data.base64EncodedString()
    }

    static func drawEmptyFrame(label: String, in rect: RenderRect, context: inout RenderContext) {
        context.svg.empty(
            "rect",
            [
                "class": "frame", "x": SVGNumber.string(rect.x), "y": SVGNumber.string(rect.y),
                "width": SVGNumber.string(rect.width), "height": SVGNumber.string(rect.height),
                "fill": "none", "stroke": context.mutedColor, "stroke-dasharray": "4 3",
            ]
        )
        context.text(
            label,
            x: rect.midX,
            y: rect.midY + context.labelSize * 0.35,
            size: context.labelSize,
            className: "placeholder",
            color: context.mutedColor,
            maxWidth: rect.width - 8
        )
    }
}
