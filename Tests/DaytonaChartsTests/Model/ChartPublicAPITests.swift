import DaytonaCharts  // not @testable: only the public API
import Foundation
import Testing

/// The chart API as the README uses it, through a plain import: it must keep compiling.
@Suite struct ChartPublicAPITests {
    @Test func theTwoAxisChartsKeepTheirInitializersAndProperties() throws {
        var line = LineChart(title: "t", elements: [PointData(label: "a", points: [ChartPoint(x: 1, y: 2)])])
        line.xLabel = "x"
        line.xTicks = [1]
        line.xTickLabels = ["one"]
        line.xScale = "linear"
        line.yTicks = []
        line.yTickLabels = []
        line.yScale = nil
        line.extraFields["note"] = "n"
        line.elements[0].points.append(ChartPoint(x: 2, y: 3))
        let scatter = ScatterChart(elements: [], yLabel: "y")
        var bar = BarChart(
            title: "b",
            elements: [BarData(label: "a", value: .int(1))],
            png: nil,
            xLabel: "x",
            yLabel: "y"
        )
        bar.yScale = "categorical"
        let box = BoxAndWhiskerChart(elements: [BoxAndWhiskerData(label: "b", median: 1)], extraFields: ["k": 1])
        let charts: [Chart] = [.line(line), .scatter(scatter), .bar(bar), .boxAndWhisker(box), .line(LineChart())]
        for chart in charts {
            #expect(chart.chart2D != nil)
            #expect(!chart.toDict().isEmpty)
            #expect(try chart.pngData == nil)
            #expect(chart.svg(width: 320, height: 200).hasPrefix("<svg"))
            #expect(try JSONDecoder().decode(Chart.self, from: JSONEncoder().encode(chart)) == chart)
        }
        #expect(line.elements.map(\.points.count) == [2])
        #expect(line.extraFields == ["note": "n"])
        #expect(Chart.line(line).pointChart?.xTickLabels == ["one"])
        #expect(bar.yScale == "categorical" && box.xTicks.isEmpty)
        let page = ChartRenderer(width: 800, height: 500, theme: .dark, fontFamily: "Inter, sans-serif").html(
            for: .bar(bar)
        )
        #expect(page.contains("<svg"))
    }

    @Test func codeWrittenForAnyTwoAxisChartStillWorks() throws {
        func labels(_ chart: some Chart2D) -> [String?] { [chart.title, chart.xLabel, chart.yLabel] }
        func ticks(_ chart: some PointChart) -> Int { chart.xTicks.count + chart.yTicks.count }
        #expect(labels(BarChart(title: "t", xLabel: "x")) == ["t", "x", nil])
        #expect(ticks(ScatterChart(elements: [], xTicks: [1, 2])) == 2)
        let data = Data(
            #"{"type": "bar", "x_label": "p", "y_ticks": [0, 1], "elements": [{"label": "a", "value": 1}]}"#.utf8
        )
        let chart = try JSONDecoder().decode(Chart.self, from: data)
        guard case .bar(let bar) = chart else {
            Issue.record("expected a bar chart")
            return
        }
        #expect(bar.elements.map(\.value) == [.int(1)])
        #expect(bar.yTicks == [0, 1])
        #expect(chart.jsonValue == (try Chart(jsonBytes: data)).jsonValue)
    }
}
