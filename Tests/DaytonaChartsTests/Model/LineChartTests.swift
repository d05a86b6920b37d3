import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("LineChart and ScatterChart")
struct LineChartTests {
    @Test func seedEraLineChartDecodesEveryField() throws {
        let decoded = try chart(
            """
            {"type": "line", "title": "T", "x_label": "time", "y_label": "v", "x_scale": "datetime",
             "x_ticks": ["2024-01-01T00:00:00", 19723.5], "x_tick_labels": ["Jan"], "y_ticks": [0, 1.5],
             "y_tick_labels": ["0", "1.5"], "y_scale": "log", "png": "iVBO",
             "elements": [{"label": "s", "points": [["2024-01-01", 1], [2, NaN], ["a", "4"]]}]}
            """
        )
        guard case .line(let line) = decoded else {
            Issue.record("expected a line chart, got \(decoded.type)")
            return
        }
        #expect(line.title == "T")
        #expect(line.xLabel == "time")
        #expect(line.yLabel == "v")
        #expect(line.xScale == "datetime")
        #expect(line.yScale == "log")
        #expect(line.xTicks == [.string("2024-01-01T00:00:00"), .number(19723.5)])
        #expect(line.xTickLabels == ["Jan"])
        #expect(line.yTicks == [0, 1.5])
        #expect(line.png == "iVBO")
        #expect(line.elements.count == 1)
        let points = line.elements[0].points
        #expect(points[0] == ChartPoint(x: "2024-01-01", y: 1))
        #expect(points[1].y.number?.isNaN == true)
        #expect(points[2] == ChartPoint(x: "a", y: .string("4")))
    }

    @Test func currentDaemonLineChartWithNumberPairsDecodes() throws {
        let decoded = try chart(#"{"type":"line","elements":[{"label":"a","points":[[1,2],[3,4.5]]}]}"#)
        guard case .line(let line) = decoded else {
            Issue.record("expected a line chart")
            return
        }
        #expect(line.elements[0].points == [ChartPoint(x: 1, y: 2), ChartPoint(x: 3, y: 4.5)])
        #expect(line.xTicks.isEmpty)
        #expect(line.xScale == nil)
    }

    @Test func pointChartAlwaysWritesItsFourTickLists() throws {
        let dict = try chart(#"{"type": "scatter"}"#).toDict()
        #expect(dict["x_ticks"] == .array([]))
        #expect(dict["x_tick_labels"] == .array([]))
        #expect(dict["y_ticks"] == .array([]))
        #expect(dict["y_tick_labels"] == .array([]))
        #expect(dict["x_scale"] == nil)
        #expect(dict["type"] == "scatter")
        #expect(dict["elements"] == .array([]))
    }

    @Test func scatterDecodesAsScatterAndIsAPointChart() throws {
        let decoded = try chart(
            #"{"type": "scatter", "x_label": "x", "elements": [{"label": "p", "points": [[1, 2]]}]}"#
        )
        guard case .scatter(let scatter) = decoded else {
            Issue.record("expected a scatter chart")
            return
        }
        #expect(scatter.type == .scatter)
        let point = try #require(decoded.pointChart)
        #expect(point.xLabel == "x")
        #expect(point.elements[0].points.count == 1)
        #expect(decoded.chart2D?.xLabel == "x")
    }

    @Test func missingOrNullSeriesLabelIsTheEmptyString() throws {
        let decoded = try chart(#"{"type": "line", "elements": [{"points": []}, {"label": null}]}"#)
        #expect(decoded.pointChart?.elements.map(\.label) == ["", ""])
    }

    @Test func nullTickListsAndPointsReadAsEmpty() throws {
        let decoded = try chart(#"{"type": "line", "x_ticks": null, "elements": [{"label": "a", "points": null}]}"#)
        #expect(decoded.pointChart?.xTicks == [])
        #expect(decoded.pointChart?.elements[0].points == [])
    }

    @Test func numbersBecomeDoublesAndStringsStayStrings() throws {
        let dict = try chart(#"{"type": "line", "x_ticks": [1, "2", true]}"#).jsonValue
        guard case .object(let object) = dict else { return }
        #expect(object["x_ticks"] == [.double(1), .string("2"), .double(1)])
    }

    @Test func metadataKeysComeInTheSeedModelsOrder() throws {
        let value = try chart(#"{"zzz": 1, "y_scale": "log", "title": "t", "type": "line", "x_label": "x"}"#)
            .jsonValue
        guard case .object(let object) = value else { return }
        #expect(
            object.keys == [
                "type", "title", "elements", "x_label", "x_ticks", "x_tick_labels", "y_ticks", "y_tick_labels",
                "y_scale", "zzz",
            ]
        )
    }
}
