import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("PieChart")
struct PieChartTests {
    @Test func pieSlicesCoerceFloatsAndKeepAutopct() throws {
        let decoded = try chart(
            #"{"type": "pie", "title": "Share", "elements": [{"label": "x", "angle": 120, "radius": "1", "autopct": "33.3%"}, {"angle": 240, "autopct": 66}]}"#
        )
        guard case .pie(let pie) = decoded else {
            Issue.record("expected a pie chart")
            return
        }
        #expect(pie.title == "Share")
        #expect(pie.elements[0] == PieData(label: "x", angle: 120, radius: 1, autopct: "33.3%"))
        #expect(pie.elements[1] == PieData(label: nil, angle: 240, autopct: .number(66)))
        #expect(decoded.chart2D == nil)
    }

    @Test func numericStringsInFloatFieldsReadLikePythonFloat() throws {
        let decoded = try chart(
            #"{"type": "pie", "elements": [{"angle": " 2.5 "}, {"angle": "1_000"}, {"angle": "-inf"}, {"angle": "1e3"}, {"angle": false}]}"#
        )
        guard case .pie(let pie) = decoded else { return }
        #expect(pie.elements.map(\.angle) == [2.5, 1000, -.infinity, 1000, 0])
    }

    @Test(arguments: ["wide", "0x10", "", "1 000", "1__0", "_1"])
    func aNonNumericStringInAFloatFieldIsAnError(_ text: String) throws {
        let error = try #require(throws: DaytonaValidationError.self) {
            try chart(#"{"type": "pie", "elements": [{"label": "a"}, {"angle": "\#(text)"}]}"#)
        }
        #expect(error.message.contains("elements[1].angle"))
    }
}
