import DaytonaErrors
import DaytonaJSON
import Foundation

/// Draws a composite figure: its title, then each subplot in a grid cell, nested composites recursively.
enum CompositeChartRenderer {
    /// Deeper figures are drawn as labelled frames; each level shrinks the cells, so there is nothing left to see.
    static let maxDepth = 6

    static func draw(_ chart: CompositeChart, in rect: RenderRect, depth: Int, context: inout RenderContext) {
        var area = rect
        if let title = chart.title, !title.isEmpty {
            let lines = ChartTitle.lines(title, width: rect.width, context: context)

            ChartTitle.draw(lines, centeredOver: rect.midX, top: rect.y, frame: rect, context: &context)

            area = rect.inset(top: ChartTitle.height(lines, context: context) + 4)
        }
        let count = chart.elements.count
        guard count > 0 else {
            if UnknownChartRenderer.dataURI(chart.png) != nil {
                UnknownChartRenderer.draw(title: nil, typeName: "figure", png: chart.png, in: area, context: &context)
                return
            }
            UnknownChartRenderer.drawEmptyFrame(
                label: "empty figure",
                in: area.inset(top: 4, left: 4, bottom: 4, right: 4),
                context: &context
            )
            return
        }
        let (rows, columns) = grid(count: count, aspect: area.width / area.height)
        let cellWidth = area.width / Double(columns)
        let cellHeight = area.height / Double(rows)
        for (index, child) in chart.elements.enumerated() {
            let cell = RenderRect(
                x: area.x + Double(index % columns) * cellWidth,
                y: area.y + Double(index / columns) * cellHeight,
                width: cellWidth,
                height: cellHeight
            )
            context.svg.open("g", ["class": "subplot"])
            ChartRenderer.draw(
                child,
                in: cell.inset(top: 2, left: 2, bottom: 2, right: 2),
                depth: depth + 1,
                context: &context
            )
            context.svg.close("g")
        }
    }

    /// Rows and columns for `count` cells: the most square cells the frame allows, like `plt.subplots` layouts.
    static func grid(count: Int, aspect: Double) -> (rows: Int, columns: Int) {
        var best = (rows: 1, columns: count)
        var bestScore = Double.infinity
        for columns in 1...Swift.max(1, count) {
            let rows = (count + columns - 1) / columns
            let cellAspect = aspect * Double(rows) / Double(columns)
            // Prefer cells a bit wider than tall, and few empty cells.
            let score = abs(log2(cellAspect / 1.4)) + Double(rows * columns - count) * 0.3
            if score < bestScore {
                bestScore = score
                best = (rows, columns)
            }
        }
        return best
    }
}
