import DaytonaErrors
import DaytonaJSON

/// A rectangle in SVG user units, y growing downwards.
struct RenderRect: Sendable, Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    /// The rectangle shrunk by the given margins; never negative in size.
    func inset(top: Double = 0, left: Double = 0, bottom: Double = 0, right: Double = 0) -> RenderRect {
        RenderRect(
            x: x + left,
            y: y + top,
            width: Swift.max(1, width - left - right),
            height: Swift.max(1, height - top - bottom)
        )
    }
}
