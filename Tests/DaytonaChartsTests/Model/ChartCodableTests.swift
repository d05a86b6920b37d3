import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

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
        #expect(second.jsonValue.isEquivalent(to: first.jsonValue))
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
        let again = try Chart(jsonBytes: original.jsonValue.jsonBytes)
        #expect(again.jsonValue.isEquivalent(to: original.jsonValue))
        #expect(again.pointChart?.elements[0].points[0].x.number?.isNaN == true)
    }
}

@Suite("Chart through JSONDecoder")
struct ChartJSONDecoderVectorTests {
    /// Foundation's reader rejects the bare NaN and Infinity tokens, so vectors holding them are left out.
    static func strictJSONVectors() throws -> [ChartVector] {
        try ChartVector.load().filter { vector in
            let text = String(decoding: vector.input, as: UTF8.self)
            return !text.contains("NaN") && !text.contains("Infinity")
        }
    }

    @Test(arguments: try strictJSONVectors())
    func jsonDecoderGivesTheVectorsExpectedOutput(_ vector: ChartVector) throws {
        let data = Data(vector.input)
        switch vector.expect {
        case "ok":
            let decoded = try JSONDecoder().decode(Chart.self, from: data)
            #expect(decoded.jsonValue.isEquivalent(to: try #require(vector.output)))
            #expect(decoded.jsonValue.isEquivalent(to: try Chart(jsonBytes: vector.input).jsonValue))
        default:
            #expect(throws: DaytonaValidationError.self) { try JSONDecoder().decode(Chart.self, from: data) }
        }
    }

    @Test func mostVectorsAreStrictJSON() throws {
        #expect(try Self.strictJSONVectors().count > 40)
    }
}
