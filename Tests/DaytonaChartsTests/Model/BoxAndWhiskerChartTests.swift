import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("BoxAndWhiskerChart")
struct BoxAndWhiskerChartTests {
    @Test func boxStatisticsDecodeAndOutliersDefaultToEmpty() throws {
        let decoded = try chart(
            #"{"type":"box_and_whisker","x_label":"svc","elements":[{"label":"api","min":1,"first_quartile":"2","median":3,"third_quartile":4,"max":5,"outliers":[9,"12.5"]},{"label":"db","median":2}]}"#
        )
        guard case .boxAndWhisker(let box) = decoded else {
            Issue.record("expected a box chart")
            return
        }
        #expect(box.xLabel == "svc")
        #expect(
            box.elements[0]
                == BoxAndWhiskerData(
                    label: "api",
                    min: 1,
                    firstQuartile: 2,
                    median: 3,
                    thirdQuartile: 4,
                    max: 5,
                    outliers: [9, 12.5]
                )
        )
        #expect(box.elements[1].outliers == [])
        #expect(box.elements[1].min == nil)
        let dict = decoded.toDict()
        #expect(
            dict["elements"] == [
                [
                    "label": "api", "min": 1.0, "first_quartile": 2.0, "median": 3.0, "third_quartile": 4.0, "max": 5.0,
                    "outliers": [9.0, 12.5],
                ], ["label": "db", "median": 2.0, "outliers": []],
            ]
        )
    }

    @Test func anOutlierThatIsNotANumberNamesItsPath() throws {
        let error = try #require(throws: DaytonaValidationError.self) {
            try chart(#"{"type":"box_and_whisker","elements":[{"outliers":[1, null]}]}"#)
        }
        #expect(error.message.contains("elements[0].outliers[1]"))
    }
}
