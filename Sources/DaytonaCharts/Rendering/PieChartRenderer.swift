import DaytonaErrors
import DaytonaJSON
import Foundation

/// Draws pie charts: wedges in order, counter-clockwise from three o'clock as matplotlib does, with labels and autopct text.
enum PieChartRenderer {
    static func draw(_ chart: PieChart, in rect: RenderRect, context: inout RenderContext) {
        var area = rect
        if let title = chart.title, !title.isEmpty {
            let lines = ChartTitle.lines(title, width: rect.width, context: context)

            ChartTitle.draw(lines, centeredOver: rect.midX, top: rect.y, frame: rect, context: &context)

            area = rect.inset(top: ChartTitle.height(lines, context: context) + 4)
        }
        let angles = sliceAngles(chart.elements)
        let texts = PieTexts.repaired(chart.elements, angles: angles)
        let labelled = texts.contains { $0.label != nil }
        let pie = PieGeometry(
            area: area,
            radius: Swift.max(4, Swift.min(area.width, area.height) / 2 * (labelled ? 0.7 : 0.85)),
            angles: angles
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
        var outside = PieOutsideTexts(pie: pie, size: context.labelSize)
        for (index, text) in texts.enumerated() where pie.angles[index] > 0 {
            let middle = (pie.starts[index] + pie.angles[index] / 2) * .pi / 180
            if let label = text.label { outside.add(MathText.parse(label), className: "pie-label", at: middle) }
            guard let percent = text.percent else { continue }
            // Inside the wedge when it fits there, else outside next to the label.
            let width = TextMetrics.width(of: percent, size: context.tickSize)
            let arc = pie.angles[index] * .pi / 180 * pie.radius * 0.6
            if arc >= context.tickSize * 1.6 && width <= pie.radius * 0.8 && pie.angles[index] >= 12 {
                context.text(
                    percent,
                    x: pie.centerX + cos(middle) * pie.radius * 0.6,
                    y: pie.centerY - sin(middle) * pie.radius * 0.6 + context.tickSize * 0.35,
                    size: context.tickSize,
                    className: "autopct",
                    color: "#ffffff"
                )
            } else {
                outside.add(RichText(plain: percent), className: "autopct autopct-outside", at: middle)
            }
        }
        outside.draw(&context)
        context.svg.close("g")
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

/// The label and percentage text of each wedge, checked against the wedges' angles.
///
/// The seed-era extractor reads matplotlib's pie texts in pairs, label then percentage; matplotlib
/// 3.11 adds all labels first and all percentages after, so the pairs come out shifted (Chrome's
/// wedge reads "Safari"). The texts are put back in their original order and read both ways; the
/// way whose percentages agree with the angles wins. A percentage is shown only when it agrees with
/// its wedge's angle; otherwise the percentage computed from the angle is shown in its place.
enum PieTexts {
    static func repaired(_ slices: [PieData], angles: [Double]) -> [(label: String?, percent: String?)] {
        let total = angles.reduce(0, +)
        let shares = angles.map { total > 0 ? $0 / total * 100 : 0 }
        var labels = slices.map { $0.label }
        var percents = slices.map { text(of: $0.autopct) }
        if slices.count > 1, percents.allSatisfy({ $0 != nil }) {
            let sequence = zip(labels, percents).flatMap { [$0 ?? "", $1 ?? ""] }
            let blocked = (Array(sequence.prefix(slices.count)), Array(sequence.suffix(slices.count)))
            if !agrees(percents, shares) && agrees(blocked.1, shares) {
                labels = blocked.0
                percents = blocked.1
            }
        }
        return slices.indices.map { index in
            let label = labels[index].flatMap { Legend.shows($0) ? $0 : nil }
            guard let given = percents[index], !given.isEmpty else { return (label, nil) }
            if agrees(given, shares[index]) { return (label, given) }
            return (label, String(format: "%.1f%%", shares[index]))
        }
    }

    /// The autopct value as text: strings as written, numbers as percentages.
    static func text(of value: ChartValue?) -> String? {
        switch value {
        case .string(let text): text
        case .number(let number): number.isFinite ? TickFormat.short(number) + "%" : nil
        case nil: nil
        }
    }

    /// Whether every non-empty text agrees with its share; at least one must be a number.
    private static func agrees(_ texts: [String?], _ shares: [Double]) -> Bool {
        var numbers = 0
        for (text, share) in zip(texts, shares) {
            guard let text, !text.isEmpty else { continue }
            guard agrees(text, share) else { return false }
            numbers += 1
        }
        return numbers > 0
    }

    /// Whether the first number in `text` states `share` (percent) to its own precision.
    static func agrees(_ text: String, _ share: Double) -> Bool {
        var digits = ""
        var started = false
        for character in text {
            if character.isNumber || (character == "." && started) {
                digits.append(character)
                started = true
            } else if started {
                break
            }
        }
        guard let value = Double(digits) else { return false }
        let places = digits.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        return abs(value - share) <= 0.5 * pow(10, -Double(places)) + 1e-6
    }
}

/// Texts around a pie, on each side stacked so that none overlaps another or leaves the area.
private struct PieOutsideTexts {
    let pie: PieGeometry
    let size: Double
    private var items: [(text: RichText, className: String, angle: Double)] = []

    init(pie: PieGeometry, size: Double) {
        self.pie = pie
        self.size = size
    }

    mutating func add(_ text: RichText, className: String, at angle: Double) {
        items.append((text, className, angle))
    }

    func draw(_ context: inout RenderContext) {
        let lineHeight = size * 1.25
        let area = pie.area
        var placed = [Double?](repeating: nil, count: items.count)
        for right in [true, false] {
            let side = items.indices.filter { (cos(items[$0].angle) >= 0) == right }
            var ys: [Int: Double] = [:]
            for index in side { ys[index] = pie.centerY - sin(items[index].angle) * pie.radius * 1.1 }
            let order = side.sorted { ys[$0]! < ys[$1]! }
            // Down from the top, then up from the bottom: each at least a line below the one before.
            var floor = area.y + size
            for index in order {
                ys[index] = Swift.max(ys[index]!, floor)
                floor = ys[index]! + lineHeight
            }
            var ceiling = area.maxY - size * 0.4
            for index in order.reversed() {
                ys[index] = Swift.min(ys[index]!, ceiling)
                ceiling = ys[index]! - lineHeight
            }
            for index in order where ys[index]! >= area.y + size * 0.7 { placed[index] = ys[index] }
        }
        for (index, item) in items.enumerated() {
            guard let y = placed[index] else { continue }
            let right = cos(item.angle) >= 0
            let offset = y - pie.centerY
            let radius = pie.radius * 1.1
            // Along the circle where it can be, pushed out sideways when stacked below or above it.
            let spread = Swift.max(0, radius * radius - offset * offset).squareRoot()
            let x = pie.centerX + (right ? 1 : -1) * Swift.max(spread, size * 0.5)
            let room = right ? area.maxX - x - 2 : x - area.x - 2
            context.text(
                item.text,
                x: x,
                y: y + size * 0.35,
                size: size,
                anchor: right ? "start" : "end",
                className: item.className,
                maxWidth: Swift.max(0, room)
            )
        }
    }
}
