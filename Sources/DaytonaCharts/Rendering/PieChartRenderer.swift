import DaytonaErrors
import DaytonaJSON
import Foundation

/// Draws pie charts: wedges in order, counter-clockwise from three o'clock as matplotlib does, with labels and autopct text.
enum PieChartRenderer {
    static func draw(_ chart: PieChart, in rect: RenderRect, context: inout RenderContext) {
        var area = rect
        if let title = chart.title, !title.isEmpty {
            ChartTitle.draw(title, centeredOver: rect.midX, top: rect.y, width: rect.width, context: &context)
            area = rect.inset(top: context.titleSize * 2)
        }
        let labelled = chart.elements.contains { Legend.shows($0.label) }
        let pie = PieGeometry(
            area: area,
            radius: Swift.max(4, Swift.min(area.width, area.height) / 2 * (labelled ? 0.7 : 0.85)),
            angles: sliceAngles(chart.elements)
        )
        context.svg.open("g", ["class": "pie"])
        for (index, start) in pie.starts.enumerated() where pie.angles[index] > 0 {
            let path = wedgePath(cx: pie.centerX, cy: pie.centerY, r: pie.radius, from: start, sweep: pie.angles[index])
            context.svg.empty(
                "path",
                [
                    "class": "wedge", "d": path, "fill": Palette.color(index), "stroke": context.background,
                    "stroke-width": "1",
                ]
            )
        }
        for (index, slice) in chart.elements.enumerated() {
            drawTexts(
                of: slice,
                middle: (pie.starts[index] + pie.angles[index] / 2) * .pi / 180,
                pie: pie,
                context: &context
            )
        }
        context.svg.close("g")
    }

    /// A slice's label outside the pie and its autopct text inside, at the angle (radians) through its middle.
    private static func drawTexts(of slice: PieData, middle: Double, pie: PieGeometry, context: inout RenderContext) {
        let (cosine, sine) = (cos(middle), -sin(middle))
        if let label = slice.label, Legend.shows(label) {
            context.text(
                label,
                x: pie.centerX + cosine * pie.radius * 1.1,
                y: pie.centerY + sine * pie.radius * 1.1 + context.labelSize * 0.35,
                size: context.labelSize,
                anchor: abs(cosine) < 0.1 ? "middle" : (cosine > 0 ? "start" : "end"),
                className: "pie-label",
                maxWidth: Swift.max(context.labelSize * 3, (pie.area.width / 2 - pie.radius * 1.1) - 4)
            )
        }
        if let text = autopctText(slice.autopct) {
            context.text(
                text,
                x: pie.centerX + cosine * pie.radius * 0.6,
                y: pie.centerY + sine * pie.radius * 0.6 + context.tickSize * 0.35,
                size: context.tickSize,
                className: "autopct",
                color: "#ffffff",
                maxWidth: pie.radius * 0.8
            )
        }
    }

    /// Each slice's sweep in degrees; missing angles share what is left, and more than a full turn is scaled down.
    static func sliceAngles(_ slices: [PieData]) -> [Double] {
        let given = slices.map { $0.angle.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } }
        let known = given.compactMap { $0 }.reduce(0, +)
        let missing = given.filter { $0 == nil }.count
        let share = missing > 0 ? Swift.max(0, 360 - known) / Double(missing) : 0
        var angles = given.map { $0 ?? share }
        let total = angles.reduce(0, +)
        if total > 360.0001 { angles = angles.map { $0 * 360 / total } }
        return angles
    }

    /// The autopct value as text: strings as written, numbers as percentages.
    static func autopctText(_ value: ChartValue?) -> String? {
        switch value {
        case .string(let text): text.isEmpty ? nil : text
        case .number(let number): number.isFinite ? String(format: "%.1f%%", number) : nil
        case nil: nil
        }
    }

    /// An SVG wedge; a full turn is drawn as two half arcs, since one arc cannot end where it starts.
    static func wedgePath(cx: Double, cy: Double, r: Double, from start: Double, sweep: Double) -> String {
        func point(_ degrees: Double) -> String {
            let radians = degrees * .pi / 180
            return SVGNumber.string(cx + r * cos(radians)) + " " + SVGNumber.string(cy - r * sin(radians))
        }
        let radius = SVGNumber.string(r)
        if sweep >= 359.999 {
            return
                "M\(point(start))A\(radius) \(radius) 0 1 0 \(point(start + 180))A\(radius) \(radius) 0 1 0 \(point(start))Z"
        }
        let large = sweep > 180 ? 1 : 0
        return
            "M\(SVGNumber.string(cx)) \(SVGNumber.string(cy))L\(point(start))A\(radius) \(radius) 0 \(large) 0 \(point(start + sweep))Z"
    }
}

/// Where a pie sits and where each slice starts.
private struct PieGeometry {
    let area: RenderRect
    let radius: Double
    /// Each slice's sweep in degrees.
    let angles: [Double]
    /// Each slice's start in degrees, counter-clockwise from three o'clock.
    let starts: [Double]

    var centerX: Double { area.midX }
    var centerY: Double { area.midY }

    init(area: RenderRect, radius: Double, angles: [Double]) {
        self.area = area
        self.radius = radius
        self.angles = angles
        var start = 0.0
        starts = angles.map { sweep in
            defer { start += sweep }
            return start
        }
    }
}
