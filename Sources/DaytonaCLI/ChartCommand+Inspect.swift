import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

extension ChartCommand {
    /// `daytona-swift chart inspect FILE`: a readable summary of a chart.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Summarize a chart: kind, title, axes, element and point counts, subplots as a tree.",
            discussion: """
                With --json the summary is one JSON object with the keys type, title, x_label, y_label, \
                x_scale, y_scale, elements, points, has_png and, for a composite, subplots (the same \
                object for each sub-chart); absent values are left out.
                """
        )

        @Argument(help: ArgumentHelp("A chart JSON file, or - for standard input.", valueName: "FILE"))
        var file: String

        @Flag(help: "Print the summary as JSON, for programs.")
        var json = false

        /// The summary, as text or JSON.
        func render() throws -> String {
            let chart = try ChartInput.chart(at: file)
            if json {
                return ChartSummary.json(for: chart).jsonString + "\n"
            }
            var lines: [String] = []
            ChartSummary.describe(chart, prefix: "", childPrefix: "", into: &lines)
            return lines.joined(separator: "\n") + "\n"
        }

        func run() throws {
            StandardStreams.write(try render())
        }
    }
}

/// Builds the `chart inspect` summaries.
enum ChartSummary {
    /// The number of points of a line or scatter chart, or `nil` for other kinds.
    static func pointCount(_ chart: Chart) -> Int? {
        chart.pointChart.map { $0.elements.reduce(0) { $0 + $1.points.count } }
    }

    static func elementNoun(_ chart: Chart, count: Int) -> String {
        let noun: String
        switch chart {
        case .line, .scatter: noun = "series"
        case .bar: noun = count == 1 ? "bar" : "bars"
        case .pie: noun = count == 1 ? "slice" : "slices"
        case .boxAndWhisker: noun = count == 1 ? "box" : "boxes"
        case .composite: noun = count == 1 ? "subplot" : "subplots"
        case .unknown: noun = count == 1 ? "element" : "elements"
        }
        return "\(count) \(noun)"
    }

    static func elementCount(_ chart: Chart) -> Int {
        switch chart {
        case .line(let c): c.elements.count
        case .scatter(let c): c.elements.count
        case .bar(let c): c.elements.count
        case .pie(let c): c.elements.count
        case .boxAndWhisker(let c): c.elements.count
        case .composite(let c): c.elements.count
        case .unknown(let c): c.elements.count
        }
    }

    static func headline(_ chart: Chart) -> String {
        var text = chart.typeName
        if let title = chart.title, !title.isEmpty { text += " \"\(title)\"" }
        var counts = [elementNoun(chart, count: elementCount(chart))]
        if let points = pointCount(chart) { counts.append("\(points) point\(points == 1 ? "" : "s")") }
        text += ": " + counts.joined(separator: ", ")
        if chart.png != nil { text += ", PNG" }
        return text
    }

    static func axis(_ name: String, label: String?, scale: String?, ticks: Int?) -> String? {
        var parts: [String] = []
        if let label, !label.isEmpty { parts.append("label \"\(label)\"") }
        if let scale { parts.append("scale \(scale)") }
        if let ticks, ticks > 0 { parts.append("\(ticks) tick\(ticks == 1 ? "" : "s")") }
        return parts.isEmpty ? nil : "\(name) axis: " + parts.joined(separator: ", ")
    }

    /// Appends the tree lines for a chart; `prefix` starts its first line, `childPrefix` the lines below it.
    static func describe(_ chart: Chart, prefix: String, childPrefix: String, into lines: inout [String]) {
        lines.append(prefix + headline(chart))
        var details: [String] = []
        if let point = chart.pointChart {
            details += [
                axis("x", label: point.xLabel, scale: point.xScale, ticks: point.xTicks.count),
                axis("y", label: point.yLabel, scale: point.yScale, ticks: point.yTicks.count),
            ].compactMap { $0 }
            details += point.elements.map { "series \"\($0.label)\": \($0.points.count) points" }
        } else if let plane = chart.chart2D {
            details += [
                axis("x", label: plane.xLabel, scale: nil, ticks: nil),
                axis("y", label: plane.yLabel, scale: nil, ticks: nil),
            ].compactMap { $0 }
        }
        for detail in details { lines.append(childPrefix + "  " + detail) }
        guard case .composite(let composite) = chart else { return }
        for (index, child) in composite.elements.enumerated() {
            let last = index == composite.elements.count - 1
            describe(
                child,
                prefix: childPrefix + (last ? "└─ " : "├─ ") + "[\(index + 1)] ",
                childPrefix: childPrefix + (last ? "   " : "│  "),
                into: &lines
            )
        }
    }

    /// The `--json` summary of a chart.
    static func json(for chart: Chart) -> JSONValue {
        var object: JSONObject = ["type": .string(chart.typeName)]
        if let title = chart.title { object["title"] = .string(title) }
        if let plane = chart.chart2D {
            if let label = plane.xLabel { object["x_label"] = .string(label) }
            if let label = plane.yLabel { object["y_label"] = .string(label) }
        }
        if let point = chart.pointChart {
            if let scale = point.xScale { object["x_scale"] = .string(scale) }
            if let scale = point.yScale { object["y_scale"] = .string(scale) }
        }
        object["elements"] = .int(elementCount(chart))
        if let points = pointCount(chart) { object["points"] = .int(points) }
        object["has_png"] = .bool(chart.png != nil)
        if case .composite(let composite) = chart {
            object["subplots"] = .array(composite.elements.map(json(for:)))
        }
        return .object(object)
    }
}
