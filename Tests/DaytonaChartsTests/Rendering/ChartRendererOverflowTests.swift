import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// Values near ±1e308 whose span overflows to infinity still get finite axes, ticks and shapes.
@Suite struct ChartRendererOverflowTests {
    private func expectFinite(_ svg: RenderedSVG) {
        let text = svg.source.lowercased()
        #expect(!text.contains("inf"))
        #expect(!text.contains("nan"))
    }

    private func number(_ node: RenderedSVG.Node, _ name: String) throws -> Double {
        try #require(node.attributes[name].flatMap(Double.init))
    }

    @Test func barsOfPlusAndMinus1e308HaveHeightAndTheAxisHasTicks() throws {
        let chart = Chart.bar(
            BarChart(elements: [
                BarData(label: "up", value: .double(1e308)), BarData(label: "down", value: .double(-1e308)),
            ])
        )
        let svg = try RenderedSVG(chart.svg(width: 640, height: 400))
        expectFinite(svg)
        let bars = svg.elements("bar", named: "rect")
        #expect(bars.count == 2)
        let heights = try bars.map { try number($0, "height") }
        #expect(heights.allSatisfy { $0 > 100 })
        // The bars meet at zero: the first ends where the second starts.
        let up = try number(bars[0], "y") + heights[0]
        #expect(abs(up - (try number(bars[1], "y"))) < 0.02)
        let ticks = svg.texts("y-tick-label")
        #expect(ticks.count >= 3)
        #expect(ticks.contains("0.0"))
        #expect(svg.texts("y-offset") == ["1e308"])
    }

    @Test func aBarAtTheLargestDoubleIsDrawn() throws {
        let chart = Chart.bar(
            BarChart(elements: [
                BarData(label: "max", value: .double(.greatestFiniteMagnitude)),
                BarData(label: "min", value: .double(-.greatestFiniteMagnitude)),
            ])
        )
        let svg = try RenderedSVG(chart.svg())
        expectFinite(svg)
        let bars = svg.elements("bar", named: "rect")
        #expect(try bars.map { try number($0, "height") }.allSatisfy { $0 > 100 })
        #expect(svg.texts("y-tick-label").count >= 3)
    }

    @Test(arguments: ["line", "scatter"])
    func pointsAtPlusAndMinus1e308AreSpreadAcrossTheAxis(_ type: String) throws {
        let points = [
            ChartPoint(x: .number(-1e308), y: .number(-1e308)), ChartPoint(x: .number(1e308), y: .number(1e308)),
        ]
        let elements = [PointData(label: "s", points: points)]
        let chart =
            type == "line"
            ? Chart.line(LineChart(elements: elements)) : Chart.scatter(ScatterChart(elements: elements))
        let svg = try RenderedSVG(chart.svg(width: 640, height: 400))
        expectFinite(svg)
        let markers = svg.elements("marker", named: "circle")
        #expect(markers.count == 2)
        let xs = try markers.map { try number($0, "cx") }
        let ys = try markers.map { try number($0, "cy") }
        #expect(xs[1] - xs[0] > 300)
        #expect(ys[0] - ys[1] > 200)
        #expect(svg.texts("x-tick-label").count >= 3)
        #expect(svg.texts("y-tick-label").count >= 3)
    }

    @Test func aBoxFromMinus1e308To1e308HasHeight() throws {
        let chart = Chart.boxAndWhisker(
            BoxAndWhiskerChart(elements: [
                BoxAndWhiskerData(min: -1.7e308, firstQuartile: -1e308, median: 0, thirdQuartile: 1e308, max: 1.7e308)
            ])
        )
        let svg = try RenderedSVG(chart.svg(width: 640, height: 400))
        expectFinite(svg)
        let box = try #require(svg.elements("box", named: "rect").first)
        #expect(try number(box, "height") > 100)
        #expect(svg.count("whisker") == 2)
        #expect(svg.texts("y-tick-label").count >= 3)
    }

    @Test func axisArithmeticStaysFinite() {
        let (lower, upper) = Axis.padded(kind: .linear, lower: -.greatestFiniteMagnitude, upper: 1e308)
        #expect(lower == -.greatestFiniteMagnitude)
        #expect(upper.isFinite && upper > 1e308)
        let axis = Axis(kind: .linear, lower: -1e308, upper: 1e308)
        #expect(axis.fraction(0) == 0.5)
        #expect(axis.fraction(1e308) == 1)
        let ticks = NiceTicks.linear(lower: -1.5e308, upper: 1.5e308)
        #expect(ticks.count >= 3)
        #expect(ticks.allSatisfy { $0.isFinite })
        // Ordinary ranges are unchanged.
        #expect(Axis.padded(kind: .linear, lower: 0, upper: 10) == (-0.5, 10.5))
        #expect(NiceTicks.linear(lower: 0, upper: 10) == [0, 2, 4, 6, 8, 10])
    }
}
