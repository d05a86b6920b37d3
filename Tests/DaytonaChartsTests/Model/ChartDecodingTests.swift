import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("Chart decoding: malformed input and unknown fields")
struct ChartDecodingTests {
    @Test(arguments: [
        (#"{"type": "line", "title": 5}"#, "title", "expected a string"),
        (#"{"type": "line", "elements": [{"label": 3}]}"#, "elements[0].label", "expected a string"),
        (
            #"{"type": "line", "elements": [{"label": "a", "points": [[1, 2], [3]]}]}"#, "elements[0].points[1]",
            "1 item"
        ),
        (
            #"{"type": "scatter", "elements": [{"label": "a", "points": [[1, null]]}]}"#, "elements[0].points[0][1]",
            "null"
        ),
        (#"{"type": "line", "elements": [{"label": "a", "points": {"x": 1}}]}"#, "elements[0].points", "an object"),
        (#"{"type": "line", "elements": [{"label": "a"}, 7]}"#, "elements[1]", "expected an object"),
        (#"{"type": "line", "x_tick_labels": ["a", 2]}"#, "x_tick_labels[1]", "expected a string"),
        (#"{"type": "line", "elements": "ab"}"#, "elements", "expected an array"),
        (#"{"type": "unknown", "elements": {"a": 1}}"#, "elements", "expected an array"),
        (#"{"type": "pie", "elements": [{"angle": "wide"}]}"#, "elements[0].angle", "wide"),
        (#"{"type": "bar", "png": 3}"#, "png", "expected a string"),
        (#"[1, 2]"#, "$", "expected a chart object"),
        (#"{}"#, "$", "no chart"),
    ])
    func malformedInputIsAValidationErrorNamingThePath(_ text: String, _ path: String, _ reason: String) throws {
        let error = try #require(throws: DaytonaValidationError.self) { try chart(text) }
        #expect(error.message.contains("\(path): "), "\(error.message)")
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test func notJSONIsAValidationError() throws {
        let error = try #require(throws: DaytonaValidationError.self) { try chart("{\"type\": line}") }
        #expect(error.message.hasPrefix("invalid JSON: type: "))
    }

    @Test func jsonDecoderEntryPointGivesTheSameErrorWithItsPath() throws {
        let error = try #require(throws: DaytonaValidationError.self) {
            try decodedWithJSONDecoder(
                #"{"type": "line", "elements": [{"label": "a", "points": [[1, 2], [1, 2, 3]]}]}"#
            )
        }
        #expect(error.message.contains("elements[0].points[1]"))
        #expect(throws: DaytonaValidationError.self) { try decodedWithJSONDecoder("{}") }
        #expect(throws: DaytonaValidationError.self) { try decodedWithJSONDecoder("[1]") }
    }

    @Test func jsonDecoderDecodesTheRightConcreteType() throws {
        let decoded = try decodedWithJSONDecoder(
            #"{"type": "bar", "elements": [{"label": "a", "value": 2}], "x_label": "x"}"#
        )
        guard case .bar(let bar) = decoded else {
            Issue.record("expected a bar chart")
            return
        }
        #expect(bar.elements[0].value == .int(2))
        #expect(bar.xLabel == "x")
    }

    @Test func unknownFieldsSurviveAtTopLevelAndInElements() throws {
        let decoded = try chart(
            #"{"type": "bar", "meta": {"k": [1, 2, {"n": null}]}, "gone": null, "elements": [{"label": "a", "value": 2, "color": "red", "none": null}]}"#
        )
        #expect(decoded.extraFields == ["meta": ["k": [1, 2, ["n": nil]]]])
        guard case .bar(let bar) = decoded else { return }
        #expect(bar.elements[0].extraFields == ["color": "red"])
        let dict = decoded.toDict()
        #expect(dict["meta"] == ["k": [1, 2, ["n": nil]]])
        #expect(dict["gone"] == nil)
        #expect(dict["elements"] == [["label": "a", "value": 2, "color": "red"]])
    }

    @Test func fieldsOfOtherChartKindsAreUnknownFields() throws {
        let dict = try chart(#"{"type": "pie", "x_label": "x", "x_ticks": [1]}"#).toDict()
        #expect(dict["x_label"] == "x")
        #expect(dict["x_ticks"] == [1])
    }

    @Test func seedAndCurrentWireFormsOfTheSameChartAreEqual() throws {
        let seed = try chart(
            #"{"type": "line", "title": "t", "png": null, "x_label": null, "elements": [{"label": "a", "points": [[1.0, 2.0]]}], "x_ticks": [], "x_tick_labels": [], "y_ticks": [], "y_tick_labels": []}"#
        )
        let current = try chart(#"{"type":"line","title":"t","elements":[{"label":"a","points":[[1,2]]}]}"#)
        #expect(seed == current)
    }
}
