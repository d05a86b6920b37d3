import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// `Chart(jsonBytes:)` reads series and sub-charts straight into the model; it must agree with
/// decoding the `JSONValue` tree in every case.
@Suite("Chart direct reading")
struct ChartDirectReadingTests {
    private func bothWays(_ bytes: [UInt8]) throws -> (direct: Chart, tree: Chart) {
        (try Chart(jsonBytes: bytes), try Chart(jsonValue: JSONValue(jsonBytes: bytes)))
    }

    @Test(arguments: try ChartVector.load().filter { $0.expect == "ok" })
    func directReadingEqualsTreeDecoding(_ vector: ChartVector) throws {
        let (direct, tree) = try bothWays(vector.input)
        #expect(direct.jsonValue.jsonBytes == tree.jsonValue.jsonBytes)
    }

    @Test(arguments: [
        #"{"elements": [{"label": "a", "points": [[1, 2]]}], "type": "line"}"#,
        #"{"type": "line", "elements": [{"label": "a", "points": [[1, 2]]}], "type": "bar"}"#,
        #"{"type": "line", "elements": [{"label": "a", "points": [[1, 2]], "points": null}]}"#,
        #"{"type": "line", "elements": [{"label": "a", "points": [[1, 2]]}], "elements": null}"#,
        #"{"type": "scatter", "elements": [{"points": [ [ "a" , 2 ] , [3,4] ], "label": "b", "x": [1]}]}"#,
        #"{"type": "composite_chart", "elements": [{}, {"type": "line", "elements": [{"points": [[1, 2]]}]}, {"type": "composite_chart", "elements": []}]}"#,
        #"{"type": "composite_chart", "elements": [{"type": "pie"}], "type": "unknown"}"#,
        #"{"type": "line", "elements": {}}"#,
    ])
    func directReadingHandlesKeyOrderAndRepeatedKeys(_ text: String) throws {
        let (direct, tree) = try bothWays(Array(text.utf8))
        #expect(direct.jsonValue.jsonBytes == tree.jsonValue.jsonBytes)
    }

    @Test(arguments: [
        #"{"type": "line", "elements": [{"label": "a", "points": [[1, 2], [1, 2, 3]]}]}"#,
        #"{"type": "line", "elements": [{"label": "a", "points": [[1, 2], []]}]}"#,
        #"{"type": "line", "elements": [{"label": "a", "points": [[1, 2], 5]}]}"#,
        #"{"type": "line", "elements": [{"label": "a", "points": [[1, {}]]}]}"#,
        #"{"type": "line", "elements": [3]}"#,
        #"{"type": "composite_chart", "elements": [{"type": "bar"}, [1]]}"#,
        #"{"type": "composite_chart", "elements": [{"type": "line", "elements": [{"label": 1}]}]}"#,
    ])
    func directReadingGivesTheSameErrors(_ text: String) throws {
        let bytes = Array(text.utf8)
        let direct = try #require(throws: DaytonaValidationError.self) { try Chart(jsonBytes: bytes) }
        let tree = try #require(throws: DaytonaValidationError.self) {
            try Chart(jsonValue: JSONValue(jsonBytes: bytes))
        }
        #expect(direct.message == tree.message)
    }

    @Test func syntaxErrorsInsideSeriesNameTheirPath() throws {
        let error = try #require(throws: DaytonaValidationError.self) {
            try chart(#"{"type": "line", "elements": [{"label": "a", "points": [[1, 2], [3, 4}]}]}"#)
        }
        #expect(error.message.hasPrefix("invalid JSON: elements[0].points[1]"), "\(error.message)")
        #expect(error.message.contains("at byte"))
    }
}

@Suite("Chart nesting limits")
struct ChartNestingTests {
    @Test func deeplyNestedCompositesAreAnErrorNotACrash() throws {
        let depth = 5_000
        let text =
            String(repeating: #"{"type": "composite_chart", "elements": ["#, count: depth)
            + String(repeating: "]}", count: depth)
        let error = try #require(throws: DaytonaValidationError.self) { try chart(text) }
        #expect(error.message.contains("nesting deeper"))
    }

    @Test func compositesNestedTwentyDeepDecode() throws {
        let depth = 20
        let text =
            String(repeating: #"{"type": "composite_chart", "elements": ["#, count: depth)
            + #"{"type": "line"}"# + String(repeating: "]}", count: depth)
        var current = try chart(text)
        var levels = 0
        while case .composite(let composite) = current, let child = composite.elements.first {
            current = child
            levels += 1
        }
        #expect(levels == depth)
        #expect(current.type == .line)
    }
}
