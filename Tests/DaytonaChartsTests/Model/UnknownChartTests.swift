import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("UnknownChart and ChartType")
struct UnknownChartTests {
    @Test func unknownTypeStringsKeepTheOriginalString() throws {
        let decoded = try chart(
            #"{"type": "histogram", "title": "h", "elements": [1, null, {"a": null}], "extra": {"k": null}}"#
        )
        guard case .unknown(let unknown) = decoded else {
            Issue.record("expected the base chart")
            return
        }
        #expect(unknown.typeName == "histogram")
        #expect(decoded.type == .unknown)
        #expect(unknown.elements == [1, nil, ["a": nil]])
        #expect(
            decoded.jsonValue.isEquivalent(to: [
                "type": "histogram", "title": "h", "elements": [1, nil, ["a": nil]], "extra": ["k": nil],
            ])
        )
    }

    @Test func noTypeAndNullTypeAreUnknown() throws {
        #expect(try chart(#"{"title": "t"}"#).toDict()["type"] == "unknown")
        #expect(try chart(#"{"type": null, "title": "t"}"#).typeName == "unknown")
    }

    @Test(arguments: [#"{"type": 3}"#, #"{"type": ["line"]}"#, #"{"type": true}"#])
    func aTypeThatIsNotAStringIsAnError(_ text: String) throws {
        let error = try #require(throws: DaytonaValidationError.self) { try chart(text) }
        #expect(error.message.contains("type"))
    }

    @Test func chartTypeWireNames() throws {
        #expect(ChartType(wireName: "box_and_whisker") == .boxAndWhisker)
        #expect(ChartType(wireName: "composite_chart") == .compositeChart)
        #expect(ChartType(wireName: "heatmap") == .unknown)
        #expect(
            ChartType.allCases.map(\.rawValue) == [
                "line", "scatter", "bar", "pie", "box_and_whisker", "composite_chart", "unknown",
            ]
        )
    }
}
