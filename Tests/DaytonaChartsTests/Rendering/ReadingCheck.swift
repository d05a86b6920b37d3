import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// Reads a rendered chart back as a person would, and checks that it says what the data says.
///
/// - Every tick label states the value the plot puts at its pixel. The mapping comes from the
///   series' own vertices (a line's path, a scatter's markers, a bar's ends, a box's quartiles, median,
///   caps and outliers), not from the renderer.
///   An axis's offset and multiplier text (`+1e6`, `1e−9`) is read with its labels.
/// - Every text element lies inside the canvas, measured with DejaVu Sans's advance widths.
/// - No two text elements overlap.
struct ReadingCheck {
    let svg: RenderedSVG
    let width: Double
    let height: Double

    init(_ svg: RenderedSVG) throws {
        self.svg = svg
        let root = try #require(svg.nodes.first)
        width = try #require(root.attributes["width"].flatMap(Double.init))
        height = try #require(root.attributes["height"].flatMap(Double.init))
    }

    /// Runs every check on `chart` rendered at the given size.
    static func expectReadable(
        _ chart: Chart,
        width: Double = 640,
        height: Double = 400,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let check = try ReadingCheck(RenderedSVG(ChartRenderer(width: width, height: height).svg(for: chart)))
        check.expectTextInsideCanvas(sourceLocation: sourceLocation)
        check.expectNoOverlappingText(sourceLocation: sourceLocation)
        check.expectTickLabelsStateValues(of: chart, sourceLocation: sourceLocation)
    }

    // MARK: Text boxes

    struct TextBox {
        let index: Int
        let className: String
        let text: String
        /// The corners, clockwise, after the element's rotation.
        let corners: [(x: Double, y: Double)]

        var minX: Double { corners.map(\.x).min() ?? 0 }
        var maxX: Double { corners.map(\.x).max() ?? 0 }
        var minY: Double { corners.map(\.y).min() ?? 0 }
        var maxY: Double { corners.map(\.y).max() ?? 0 }
    }

    /// The drawn width of a text element: its own text at its size, each `tspan` at the span's size.
    func textWidth(_ index: Int) -> Double {
        let node = svg.nodes[index]
        let size = Double(node.attributes["font-size"] ?? "") ?? 10
        let bold = node.attributes["font-weight"] == "bold"
        var width = TextMetrics.width(of: node.ownText, size: size, bold: bold)
        for child in svg.children(of: index) where svg.nodes[child].name == "tspan" {
            let spanSize = Double(svg.nodes[child].attributes["font-size"] ?? "") ?? size
            width += TextMetrics.width(of: svg.nodes[child].text, size: spanSize, bold: bold)
        }
        return width
    }

    /// The box of every non-empty text element, from its anchor, size, width and rotation.
    func textBoxes() -> [TextBox] {
        svg.nodes.indices.compactMap { index in
            let node = svg.nodes[index]
            guard node.name == "text", !node.text.isEmpty, let x = Double(node.attributes["x"] ?? ""),
                let y = Double(node.attributes["y"] ?? "")
            else { return nil }
            let size = Double(node.attributes["font-size"] ?? "") ?? 10
            let width = textWidth(index)
            let left: Double
            switch node.attributes["text-anchor"] {
            case "middle": left = x - width / 2
            case "end": left = x - width
            default: left = x
            }
            // Capitals and most descenders of DejaVu Sans, not the full line box.
            let top = y - size * 0.74
            let bottom = y + size * 0.2
            var corners = [(left, top), (left + width, top), (left + width, bottom), (left, bottom)]
            if let rotation = Self.rotation(node.attributes["transform"]) {
                let (angle, cx, cy) = rotation
                let (c, s) = (cos(angle * .pi / 180), sin(angle * .pi / 180))
                corners = corners.map { point in
                    (cx + (point.0 - cx) * c - (point.1 - cy) * s, cy + (point.0 - cx) * s + (point.1 - cy) * c)
                }
            }
            return TextBox(
                index: index,
                className: node.attributes["class"] ?? "",
                text: node.text,
                corners: corners.map { (x: $0.0, y: $0.1) }
            )
        }
    }

    /// `rotate(a cx cy)` as numbers.
    static func rotation(_ transform: String?) -> (Double, Double, Double)? {
        guard let transform, transform.hasPrefix("rotate(") else { return nil }
        let numbers = transform.dropFirst(7).dropLast().split(separator: " ").compactMap { Double($0) }
        guard numbers.count == 3 else { return nil }
        return (numbers[0], numbers[1], numbers[2])
    }

    func expectTextInsideCanvas(sourceLocation: SourceLocation = #_sourceLocation) {
        for box in textBoxes() {
            let inside = box.minX >= -0.5 && box.maxX <= width + 0.5 && box.minY >= -0.5 && box.maxY <= height + 0.5
            #expect(
                inside,
                "\(box.className) '\(box.text.prefix(60))' spans x \(box.minX)...\(box.maxX), y \(box.minY)...\(box.maxY) on a \(width)×\(height) canvas",
                sourceLocation: sourceLocation
            )
        }
    }

    func expectNoOverlappingText(sourceLocation: SourceLocation = #_sourceLocation) {
        let boxes = textBoxes()
        for (offset, first) in boxes.enumerated() {
            for second in boxes[(offset + 1)...] where Self.overlap(first.corners, second.corners) {
                Issue.record(
                    "\(first.className) '\(first.text.prefix(40))' overlaps \(second.className) '\(second.text.prefix(40))'",
                    sourceLocation: sourceLocation
                )
            }
        }
    }

    /// Whether two convex polygons overlap by more than a fraction of a pixel (separating axis test).
    static func overlap(_ a: [(x: Double, y: Double)], _ b: [(x: Double, y: Double)]) -> Bool {
        for polygon in [a, b] {
            for index in polygon.indices {
                let p = polygon[index]
                let q = polygon[(index + 1) % polygon.count]
                let axis = (x: q.y - p.y, y: p.x - q.x)
                let length = (axis.x * axis.x + axis.y * axis.y).squareRoot()
                guard length > 0 else { continue }
                let project = { (point: (x: Double, y: Double)) in (point.x * axis.x + point.y * axis.y) / length }
                let (aLow, aHigh) = (a.map(project).min()!, a.map(project).max()!)
                let (bLow, bHigh) = (b.map(project).min()!, b.map(project).max()!)
                if aHigh - 0.3 <= bLow || bHigh - 0.3 <= aLow { return false }
            }
        }
        return true
    }

    // MARK: Tick labels

    /// The charts drawn in their own plot, in document order, with the element that holds each.
    func plots(of chart: Chart) -> [(chart: Chart, group: Int)] {
        var leaves: [Chart] = []
        func collect(_ chart: Chart, depth: Int) {
            if case .composite(let composite) = chart, depth < CompositeChartRenderer.maxDepth {
                for child in composite.elements { collect(child, depth: depth + 1) }
            } else {
                leaves.append(chart)
            }
        }
        collect(chart, depth: 0)
        if case .composite = chart {
            let subplots = svg.nodes.indices.filter { index in
                svg.nodes[index].classes.contains("subplot")
                    && !svg.nodes.indices.contains {
                        svg.nodes[$0].classes.contains("subplot") && svg.isInside($0, index)
                    }
            }
            guard subplots.count == leaves.count else { return [] }
            return Array(zip(leaves, subplots))
        }
        return [(chart, 0)]
    }

    /// Checks every numeric tick label of every plot against the pixel→value mapping of its series.
    ///
    /// - Returns: How many labels were checked.
    @discardableResult
    func expectTickLabelsStateValues(of chart: Chart, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        var checked = 0
        for (plot, group) in plots(of: chart) {
            let members = svg.nodes.indices.filter { group == 0 || svg.isInside($0, group) }
            guard let mapping = AxisMappings(chart: plot, svg: svg, members: members) else { continue }
            for axis in ["x", "y"] {
                guard let map = axis == "x" ? mapping.x : mapping.y else { continue }
                checked += expectLabels(axis: axis, map: map, members: members, sourceLocation: sourceLocation)
            }
        }
        return checked
    }

    private func expectLabels(
        axis: String,
        map: AxisMappings.Map,
        members: [Int],
        sourceLocation: SourceLocation
    ) -> Int {
        var checked = 0
        let nodes = members.map { svg.nodes[$0] }
        let ticks = nodes.filter { $0.classes.contains("\(axis)-tick") && $0.name == "line" }.compactMap {
            Double($0.attributes[axis == "x" ? "x1" : "y1"] ?? "")
        }
        let shared =
            nodes.first { $0.classes.contains("\(axis)-offset") }.map { Self.annotation($0.text) } ?? (
                exponent: 0, offset: 0
            )
        for label in nodes where label.classes.contains("\(axis)-tick-label") {
            guard let stated = TickFormat.number(in: label.text),
                let anchor = Double(label.attributes[axis] ?? "")
            else { continue }
            let size = Double(label.attributes["font-size"] ?? "") ?? 10
            // A y label sits a third of its size below its tick; an x label right on it.
            let target = axis == "x" ? anchor : anchor - size * 0.35
            guard let pixel = ticks.min(by: { abs($0 - target) < abs($1 - target) }), abs(pixel - target) < size * 0.6
            else {
                Issue.record("\(axis) label '\(label.text)' has no tick", sourceLocation: sourceLocation)
                continue
            }
            let scale = pow(10, Double(shared.exponent))
            let value = stated.value * scale + shared.offset
            let actual = map.value(at: pixel)
            checked += 1
            let tolerance = stated.precision * scale * 1.001 + map.valuePerPixel(at: pixel) * 0.05 + abs(actual) * 1e-9
            #expect(
                abs(value / 2 - actual / 2) <= tolerance / 2,
                "\(axis) label '\(label.text)' (offset text \(shared)) states \(value); the plot puts \(actual) at its pixel",
                sourceLocation: sourceLocation
            )
        }
        return checked
    }

    /// `1e−9`, `+1e6`, `1e−3+1e6`: the exponent of the multiplier and the offset.
    static func annotation(_ text: String) -> (exponent: Int, offset: Double) {
        var rest = Substring(text.replacingOccurrences(of: "−", with: "-"))
        var exponent = 0
        if rest.hasPrefix("1e") {
            rest = rest.dropFirst(2)
            var digits = ""
            while let first = rest.first, first.isNumber || (digits.isEmpty && first == "-") {
                digits.append(first)
                rest = rest.dropFirst()
            }
            exponent = Int(digits) ?? 0
        }
        return (exponent, Double(rest) ?? 0)
    }
}

/// How a plot maps data values to pixels, read from what it drew.
struct AxisMappings {
    /// A linear map from (log) values to pixels, computed on half values so that spans near 1e308 stay finite.
    struct Map {
        /// Pixels per half unit of value.
        let slope: Double
        let pixel0: Double
        let halfValue0: Double
        let log: Bool

        func value(at pixel: Double) -> Double {
            let raw = 2 * ((pixel - pixel0) / slope + halfValue0)
            return log ? pow(10, raw) : raw
        }

        func valuePerPixel(at pixel: Double) -> Double {
            abs(value(at: pixel + 0.5) / 2 - value(at: pixel - 0.5) / 2) * 2
        }

        /// The map through the two pairs with the most distant values; `nil` when they coincide.
        init?(_ pairs: [(value: Double, pixel: Double)], log: Bool) {
            let usable = pairs.filter { $0.value.isFinite && $0.pixel.isFinite && (!log || $0.value > 0) }
                .map { (value: log ? log10($0.value) : $0.value, pixel: $0.pixel) }
            guard let low = usable.min(by: { $0.value < $1.value }), let high = usable.max(by: { $0.value < $1.value }),
                high.value > low.value
            else { return nil }
            slope = (high.pixel - low.pixel) / (high.value / 2 - low.value / 2)
            pixel0 = low.pixel
            halfValue0 = low.value / 2
            self.log = log
        }
    }

    var x: Map?
    var y: Map?

    init?(chart: Chart, svg: RenderedSVG, members: [Int]) {
        let nodes = members.map { svg.nodes[$0] }
        switch chart {
        case .line(let line):
            let paths = nodes.filter { $0.classes.contains("series") && $0.name == "path" }
            guard paths.count == line.elements.count else { return nil }
            var xs: [(Double, Double)] = []
            var ys: [(Double, Double)] = []
            for (series, path) in zip(line.elements, paths) {
                let points = series.points.compactMap { point -> (Double, Double)? in
                    guard let x = point.x.number, let y = point.y.number, x.isFinite, y.isFinite else { return nil }
                    return (x, y)
                }
                let vertices = Self.vertices(path.attributes["d"] ?? "")
                guard points.count == vertices.count, points.count == series.points.count else { continue }
                for (point, vertex) in zip(points, vertices) {
                    xs.append((point.0, vertex.0))
                    ys.append((point.1, vertex.1))
                }
            }
            x = Map(xs.map { (value: $0.0, pixel: $0.1) }, log: line.xScale == "log")
            y = Map(ys.map { (value: $0.0, pixel: $0.1) }, log: line.yScale == "log")
            if line.xScale == "datetime" || line.xScale == "categorical" { x = nil }
            if line.yScale == "datetime" || line.yScale == "categorical" { y = nil }
        case .scatter(let scatter):
            let markers = nodes.filter { $0.classes.contains("marker") && $0.name == "circle" }
            let points = scatter.elements.flatMap(\.points).compactMap { point -> (Double, Double)? in
                guard let x = point.x.number, let y = point.y.number, x.isFinite, y.isFinite else { return nil }
                return (x, y)
            }
            guard markers.count == points.count, points.count == scatter.elements.flatMap(\.points).count else {
                return nil
            }
            let pixels = markers.map {
                (Double($0.attributes["cx"] ?? "") ?? .nan, Double($0.attributes["cy"] ?? "") ?? .nan)
            }
            x = Map(zip(points, pixels).map { (value: $0.0, pixel: $1.0) }, log: scatter.xScale == "log")
            y = Map(zip(points, pixels).map { (value: $0.1, pixel: $1.1) }, log: scatter.yScale == "log")
        case .bar(let bar):
            let rects = nodes.filter { $0.classes.contains("bar") && $0.name == "rect" }
            let values = bar.elements.compactMap { $0.value?.numericValue }.filter(\.isFinite)
            guard rects.count == values.count, !values.isEmpty else { return nil }
            let categories = bar.elements.map(\.label)
            let horizontal = BarChartRenderer.isHorizontal(bar, categories: Array(Set(categories)))
            var pairs: [(value: Double, pixel: Double)] = []
            for (value, rect) in zip(values, rects) {
                let number = { (key: String) in Double(rect.attributes[key] ?? "") ?? .nan }
                if horizontal {
                    let (start, end) = (number("x"), number("x") + number("width"))
                    pairs += value >= 0 ? [(0, start), (value, end)] : [(0, end), (value, start)]
                } else {
                    let (top, base) = (number("y"), number("y") + number("height"))
                    pairs += value >= 0 ? [(0, base), (value, top)] : [(0, top), (value, base)]
                }
            }
            if horizontal { x = Map(pairs, log: false) } else { y = Map(pairs, log: false) }
        case .boxAndWhisker(let box):
            let horizontal = BoxChartRenderer.isHorizontal(box)
            let pairs = Self.boxPairs(box, nodes: nodes, horizontal: horizontal)
            if horizontal { x = Map(pairs, log: false) } else { y = Map(pairs, log: false) }
        default:
            return nil
        }
    }

    /// A box chart's values beside the pixels of the marks drawn for them.
    ///
    /// The marks are the medians, the caps at the whiskers' ends, the outliers and the boxes' quartile
    /// edges. A kind of mark whose count differs from what the data asks for (one the renderer could not
    /// place) is left out.
    private static func boxPairs(
        _ box: BoxAndWhiskerChart,
        nodes: [RenderedSVG.Node],
        horizontal: Bool
    ) -> [(value: Double, pixel: Double)] {
        var medians: [Double] = []
        var caps: [Double] = []
        var outliers: [Double] = []
        var quartiles: [(low: Double, high: Double)] = []
        for element in box.elements {
            if let low = element.firstQuartile, let high = element.thirdQuartile, low.isFinite, high.isFinite {
                // The renderer draws the low whisker's cap, then the high one's, then the box.
                caps += [element.min, element.max].compactMap { $0 }.filter(\.isFinite)
                quartiles.append((low, high))
            }
            if let median = element.median, median.isFinite { medians.append(median) }
            outliers += element.outliers.filter(\.isFinite)
        }
        func drawn(_ className: String, _ name: String, _ key: String) -> [Double] {
            nodes.filter { $0.classes.contains(className) && $0.name == name }.map {
                Double($0.attributes[key] ?? "") ?? .nan
            }
        }
        let along = horizontal ? "x1" : "y1"
        var pairs: [(value: Double, pixel: Double)] = []
        for (values, pixels) in [
            (medians, drawn("median", "line", along)), (caps, drawn("cap", "line", along)),
            (outliers, drawn("outlier", "circle", horizontal ? "cx" : "cy")),
        ] where values.count == pixels.count {
            pairs += zip(values, pixels).map { (value: $0, pixel: $1) }
        }
        let rects = nodes.filter { $0.classes.contains("box") && $0.name == "rect" }
        if rects.count == quartiles.count {
            for (quartile, rect) in zip(quartiles, rects) where quartile.low <= quartile.high {
                let number = { (key: String) in Double(rect.attributes[key] ?? "") ?? .nan }
                pairs +=
                    horizontal
                    ? [(quartile.low, number("x")), (quartile.high, number("x") + number("width"))]
                    : [(quartile.low, number("y") + number("height")), (quartile.high, number("y"))]
            }
        }
        return pairs
    }

    /// The points of an SVG path written as `M x y x y …` (and `L`), in order.
    static func vertices(_ d: String) -> [(Double, Double)] {
        let numbers = d.split(whereSeparator: { $0 == " " || $0 == "M" || $0 == "L" }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }
}
