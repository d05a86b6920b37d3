import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// Bar and box charts are drawn from their typed tick and scale fields.
@Suite struct CategoryChartTickRenderingTests {
    static let bars = [BarData(label: "one", value: .int(3)), BarData(label: "two", value: .int(-2))]

    @Test func aBarChartWithACategoricalYScaleIsDrawnSideways() throws {
        let svg = try RenderedSVG(Chart.bar(BarChart(elements: Self.bars, yScale: "categorical")).svg())
        #expect(svg.texts("y-tick-label") == ["one", "two"])
        let xs = Set(svg.elements("bar", named: "rect").compactMap { $0.attributes["x"] })
        #expect(xs.count == 2)  // one bar grows right from zero, the other left to it
        let vertical = try RenderedSVG(Chart.bar(BarChart(elements: Self.bars)).svg())
        #expect(vertical.texts("x-tick-label") == ["one", "two"])
    }

    @Test func aBarChartsValueAxisUsesItsTicksAndLabels() throws {
        let chart = BarChart(elements: Self.bars, yTicks: [-2, 0, 3], yTickLabels: ["low", "zero", "high"])
        let svg = try RenderedSVG(Chart.bar(chart).svg())
        #expect(svg.texts("y-tick-label") == ["low", "zero", "high"])
    }

    @Test func aBoxChartWithItsPositionsOnTheYAxisIsDrawnSideways() throws {
        let boxes = [
            BoxAndWhiskerData(label: "a", min: 1, firstQuartile: 2, median: 3, thirdQuartile: 4, max: 5),
            BoxAndWhiskerData(label: "b", min: 2, firstQuartile: 3, median: 4, thirdQuartile: 6, max: 8),
        ]
        let chart = BoxAndWhiskerChart(
            elements: boxes,
            xTicks: [2, 4, 6, 8],
            yTicks: [1, 2],
            yTickLabels: ["p", "q"]
        )
        let svg = try RenderedSVG(Chart.boxAndWhisker(chart).svg())
        #expect(svg.texts("y-tick-label") == ["p", "q"])
        #expect(svg.texts("x-tick-label") == ["2", "4", "6", "8"])
        let vertical = try RenderedSVG(Chart.boxAndWhisker(BoxAndWhiskerChart(elements: boxes)).svg())
        #expect(vertical.texts("x-tick-label") == ["a", "b"])
    }

    @Test func decodedAndTypedTickFieldsDrawTheSameChart() throws {
        let decoded = try chart(
            #"{"type": "bar", "y_ticks": [0, 1], "y_tick_labels": ["one", "two"], "y_scale": "categorical", "elements": [{"label": "one", "value": 3}, {"label": "two", "value": -2}]}"#
        )
        let typed = BarChart(elements: Self.bars, yTicks: [0, 1], yTickLabels: ["one", "two"], yScale: "categorical")
        #expect(decoded.svg() == Chart.bar(typed).svg())
    }
}
