import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("CompositeChart")
struct CompositeChartTests {
    @Test func subChartsAreDecodedInFullAtEveryDepth() throws {
        let decoded = try chart(
            #"{"type": "composite_chart", "title": "fig", "elements": [{"type": "line", "x_label": "x", "elements": [{"label": "a", "points": [[1, 2]]}]}, {}, {"type": "composite_chart", "elements": [{"type": "scatter", "y_scale": "log"}, {"type": "heatmap", "z": 1}]}]}"#
        )
        guard case .composite(let figure) = decoded else {
            Issue.record("expected a composite")
            return
        }
        #expect(figure.title == "fig")
        #expect(figure.elements.count == 2, "the empty object is dropped")
        guard case .line(let line) = figure.elements[0], case .composite(let inner) = figure.elements[1] else {
            Issue.record("unexpected sub-charts")
            return
        }
        #expect(line.xLabel == "x")
        #expect(inner.elements[0].pointChart?.yScale == "log")
        #expect(inner.elements[1].typeName == "heatmap")
        #expect(inner.elements[1].type == .unknown)
        let dict = inner.elements[0].toDict()
        #expect(dict["x_ticks"] == .array([]))
    }

    @Test func nullTypeAndNullElementsInsideACompositeDecode() throws {
        let decoded = try chart(
            #"{"type": "composite_chart", "elements": [{"type": null, "title": "a"}, {"type": "line", "elements": null}]}"#
        )
        guard case .composite(let figure) = decoded else { return }
        #expect(figure.elements.map(\.type) == [.unknown, .line])
        #expect(figure.elements[0].typeName == "unknown")
    }

    @Test func aCompositeElementThatIsNotAnObjectIsAnErrorNamingItsPath() throws {
        let error = try #require(throws: DaytonaValidationError.self) {
            try chart(#"{"type": "composite_chart", "elements": [{"type": "pie"}, {"type": "bar"}, 3]}"#)
        }
        #expect(error.message.contains("elements[2]"))
    }

    @Test func aDeepErrorNamesTheFullPath() throws {
        let error = try #require(throws: DaytonaValidationError.self) {
            try chart(
                #"{"type": "composite_chart", "elements": [{"type": "composite_chart", "elements": [{"type": "line", "elements": [{"label": "a", "points": [[1, 2], [1, 2, 3]]}]}]}]}"#
            )
        }
        #expect(error.message.contains("elements[0].elements[0].elements[0].points[1]"), "\(error.message)")
    }
}
