import Daytona
import Foundation
import Testing

@Suite("Chart Codable round trips")
struct ChartCodableTests {
    private func roundTrip(_ chart: Chart) throws -> Chart {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        let data = try encoder.encode(chart)
        return try decodedWithJSONDecoder(String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: try ChartVector.load().filter { $0.expect == "ok" })
    func decodeEncodeDecodeGivesAnEqualChart(_ vector: ChartVector) throws {
        let first = try Chart(jsonBytes: vector.input)
        let second = try roundTrip(first)
        // Charts holding NaN are not == to themselves, so compare their metadata by the conformance rules.
        #expect(second.toJSONValue().isEquivalent(to: first.toJSONValue()))
        #expect(second.type == first.type)
    }

    @Test func roundTripKeepsConcreteTypesAndUnknownFields() throws {
        let original = Chart.composite(
            CompositeChart(
                title: "fig",
                elements: [
                    .bar(BarChart(elements: [BarData(label: "a", value: .string("40"))], extraFields: ["z": true])),
                    .unknown(UnknownChart(typeName: "heatmap", elements: [1, "x"])),
                    .boxAndWhisker(BoxAndWhiskerChart(elements: [BoxAndWhiskerData(median: 2, outliers: [9])])),
                ]
            )
        )
        #expect(try roundTrip(original) == original)
    }

    @Test func packageReaderAndWriterRoundTripNaN() throws {
        let original = try chart(#"{"type": "scatter", "elements": [{"label": "n", "points": [[NaN, Infinity]]}]}"#)
        let again = try Chart(jsonBytes: original.toJSONValue().jsonBytes)
        #expect(again.toJSONValue().isEquivalent(to: original.toJSONValue()))
        #expect(again.pointChart?.elements[0].points[0].x.number?.isNaN == true)
    }
}
