import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("BarChart")
struct BarChartTests {
    @Test func barValuesKeepTheirWireTypes() throws {
        let decoded = try chart(
            #"{"type": "bar", "x_label": "p", "elements": [{"label": "i", "value": 1}, {"label": "f", "value": 1.5, "group": "g"}, {"label": "s", "value": "40"}, {"label": "b", "value": true}, {"label": "n"}]}"#
        )
        guard case .bar(let bar) = decoded else {
            Issue.record("expected a bar chart")
            return
        }
        #expect(bar.xLabel == "p")
        #expect(bar.elements.map(\.value) == [.int(1), .double(1.5), .string("40"), .double(1), nil])
        #expect(bar.elements[1].group == "g")
        #expect(bar.elements[2].value?.numericValue == 40)
        let dict = decoded.toDict()
        #expect(
            dict["elements"] == [
                ["label": "i", "value": 1], ["label": "f", "group": "g", "value": 1.5], ["label": "s", "value": "40"],
                ["label": "b", "value": 1.0], ["label": "n"],
            ]
        )
    }

    @Test func aBarWithoutLabelGetsTheEmptyString() throws {
        guard case .bar(let bar) = try chart(#"{"type":"bar","elements":[{"value":"3"}]}"#) else {
            Issue.record("expected a bar chart")
            return
        }
        #expect(bar.elements[0].label == "")
    }

    @Test func aBarValueThatIsAnArrayIsAnErrorNamingItsPath() throws {
        let error = try #require(throws: DaytonaValidationError.self) {
            try chart(#"{"type":"bar","elements":[{"label":"a","value":1},{"label":"b","value":[1]}]}"#)
        }
        #expect(error.message.contains("elements[1].value"))
    }
}
