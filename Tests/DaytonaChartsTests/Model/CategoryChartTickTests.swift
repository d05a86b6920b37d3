import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// The typed tick and scale fields of bar and box charts, which the seed model keeps as undeclared fields.
@Suite("Bar and box chart tick fields")
struct CategoryChartTickTests {
    static let barText =
        #"{"type": "bar", "x_label": "x", "meta": {"k": 1}, "x_ticks": [0, 1.5, "2"], "x_tick_labels": ["a", "b", "c"], "x_scale": "categorical", "y_ticks": [0.0, 5.0], "y_tick_labels": ["0", "5"], "y_scale": "linear", "zzz": [1], "elements": [{"label": "a", "value": 3}]}"#

    @Test func barTickFieldsDecodeIntoTypedProperties() throws {
        guard case .bar(let bar) = try chart(Self.barText) else {
            Issue.record("expected a bar chart")
            return
        }
        #expect(bar.xTicks == [0, 1.5, "2"])
        #expect(bar.xTickLabels == ["a", "b", "c"])
        #expect(bar.xScale == "categorical")
        #expect(bar.yTicks == [0, 5])
        #expect(bar.yTickLabels == ["0", "5"])
        #expect(bar.yScale == "linear")
        // Declared now: they are no longer among the unknown fields, which keep their order.
        #expect(bar.extraFields.keys == ["meta", "zzz"])
    }

    @Test func boxTickFieldsDecodeIntoTypedProperties() throws {
        let text =
            #"{"type": "box_and_whisker", "y_ticks": [1, 2], "y_tick_labels": ["p", "q"], "x_scale": "linear", "elements": [{"label": "b", "median": 2}]}"#
        guard case .boxAndWhisker(let box) = try chart(text) else {
            Issue.record("expected a box chart")
            return
        }
        #expect(box.yTicks == [1, 2])
        #expect(box.yTickLabels == ["p", "q"])
        #expect(box.xScale == "linear")
        #expect(box.xTicks.isEmpty && box.xTickLabels.isEmpty && box.yScale == nil)
        #expect(box.extraFields.isEmpty)
    }

    @Test func normalizingWritesTheTickFieldsBackAsSentAndInPlace() throws {
        // Integers stay integers and only the fields sent come back, in their order among the unknown
        // ones: the seed model does not declare them for bar charts.
        let expected =
            #"{"type": "bar", "elements": [{"label": "a", "value": 3}], "x_label": "x", "meta": {"k": 1}, "x_ticks": [0, 1.5, "2"], "x_tick_labels": ["a", "b", "c"], "x_scale": "categorical", "y_ticks": [0.0, 5.0], "y_tick_labels": ["0", "5"], "y_scale": "linear", "zzz": [1]}"#
        let decoded = try chart(Self.barText)
        #expect(String(decoding: decoded.normalizedJSON(), as: UTF8.self) == expected)
        #expect(decoded.jsonValue.jsonString == expected)
        var streamed: [UInt8] = []
        decoded.writeNormalizedJSON { streamed.append(contentsOf: $0) }
        #expect(String(decoding: streamed, as: UTF8.self) == expected)
        #expect(try chart(expected) == decoded)
    }

    @Test func malformedTickFieldsAreKeptAsSentAndReadLeniently() throws {
        let text =
            #"{"type": "bar", "x_ticks": "abc", "x_tick_labels": [1, 2.5, null, "z"], "x_scale": 5, "y_ticks": [null, 1, "2", true], "elements": []}"#
        let decoded = try chart(text)
        guard case .bar(let bar) = decoded else {
            Issue.record("expected a bar chart")
            return
        }
        #expect(bar.xTicks.isEmpty)
        #expect(bar.xTickLabels == ["1", "2.5", "", "z"])
        #expect(bar.xScale == nil)
        #expect(bar.yTicks == [1, "2"])
        #expect(
            decoded.jsonValue.jsonString
                == #"{"type": "bar", "elements": [], "x_ticks": "abc", "x_tick_labels": [1, 2.5, null, "z"], "x_scale": 5, "y_ticks": [null, 1, "2", true]}"#
        )
    }

    @Test func typedTickFieldsRoundTripThroughTheMetadata() throws {
        let bar = BarChart(
            elements: [BarData(label: "a", value: .int(1))],
            yLabel: "n",
            xTicks: [0],
            xTickLabels: ["a"],
            yScale: "categorical",
            extraFields: ["meta": 1]
        )
        let object = try #require(bar.jsonValue.objectValue)
        #expect(object.keys == ["type", "elements", "y_label", "x_ticks", "x_tick_labels", "y_scale", "meta"])
        #expect(object["x_ticks"] == [0.0])
        let decoded = try Chart(jsonBytes: Chart.bar(bar).normalizedJSON())
        #expect(decoded == .bar(bar))

        let box = BoxAndWhiskerChart(
            elements: [BoxAndWhiskerData(label: "b", median: 2)],
            yTicks: [1],
            yTickLabels: ["b"]
        )
        #expect(try Chart(jsonValue: box.jsonValue) == .boxAndWhisker(box))
    }

    @Test func settingATickFieldReplacesItAndEmptyingItRemovesIt() throws {
        guard case .bar(var bar) = try chart(Self.barText) else {
            Issue.record("expected a bar chart")
            return
        }
        bar.xTicks = [7]
        bar.yTickLabels = []
        bar.yScale = nil
        let object = try #require(bar.jsonValue.objectValue)
        #expect(
            object.keys == [
                "type", "elements", "x_label", "meta", "x_ticks", "x_tick_labels", "x_scale", "y_ticks", "zzz",
            ]
        )
        #expect(object["x_ticks"] == [7.0])
    }

    @Test func tickKeysAmongTheExtraFieldsStillSetTheTickFields() throws {
        // Code written before bar charts had typed tick fields passed them this way.
        var bar = BarChart(extraFields: ["y_scale": "categorical", "y_tick_labels": ["a"], "note": "n"])
        #expect(bar.yScale == "categorical")
        #expect(bar.yTickLabels == ["a"])
        #expect(bar.extraFields == ["note": "n"])
        // A typed argument wins over the same key among the extra fields; replacing the extra fields keeps the ticks.
        let typed = BarChart(xScale: "linear", extraFields: ["x_scale": "log"])
        #expect(typed.xScale == "linear")
        bar.extraFields = ["other": 1]
        #expect(bar.yScale == "categorical")
        #expect(bar.extraFields == ["other": 1])
    }

    @Test func lineChartsStillWriteAllFourTickListsNormalized() throws {
        let line = try chart(#"{"type": "line", "x_ticks": [1, "2"], "y_scale": "log", "zzz": 1}"#)
        #expect(
            line.jsonValue.jsonString
                == #"{"type": "line", "elements": [], "x_ticks": [1.0, "2"], "x_tick_labels": [], "y_ticks": [], "y_tick_labels": [], "y_scale": "log", "zzz": 1}"#
        )
        #expect(line.extraFields == ["zzz": 1])
    }
}

extension JSONValue {
    /// The object, or `nil` for any other value.
    fileprivate var objectValue: JSONObject? {
        guard case .object(let object) = self else { return nil }
        return object
    }
}
