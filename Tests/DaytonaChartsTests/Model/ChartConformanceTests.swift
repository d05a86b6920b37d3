import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("Chart conformance vectors")
struct ChartConformanceTests {
    @Test func allSixtyThreeVectorsAreLoaded() throws {
        let vectors = try ChartVector.load()
        #expect(vectors.count == 63)
        #expect(vectors.filter { $0.expect == "error" }.count == 6)
    }

    @Test(arguments: try ChartVector.load())
    func normalizedOutputMatchesTheVector(_ vector: ChartVector) throws {
        switch vector.expect {
        case "ok":
            let expected = try #require(vector.output)
            let chart = try Chart(jsonBytes: vector.input)
            let dict = chart.jsonValue
            #expect(dict.isEquivalent(to: expected), "got \(dict.jsonString)")
            // The text the CLI prints must read back as the same value.
            let text = try Chart.normalize(jsonBytes: vector.input)
            #expect(try JSONValue(jsonBytes: text).isEquivalent(to: expected))
        case "error":
            #expect(throws: DaytonaValidationError.self) { try Chart(jsonBytes: vector.input) }
            #expect(throws: DaytonaValidationError.self) { try Chart.normalize(jsonBytes: vector.input) }
        default:
            Issue.record("unknown expectation \(vector.expect)")
        }
    }

    @Test(arguments: try ChartVector.load().filter { $0.expect == "ok" })
    func normalizingTwiceChangesNothing(_ vector: ChartVector) throws {
        let once = try Chart.normalize(jsonBytes: vector.input)
        let twice = try Chart.normalize(jsonBytes: once)
        #expect(try JSONValue(jsonBytes: once).isEquivalent(to: JSONValue(jsonBytes: twice)))
    }
}

@Suite("Chart streaming writer")
struct ChartStreamingWriterTests {
    @Test(arguments: try ChartVector.load().filter { $0.expect == "ok" })
    func streamingFromTheModelWritesTheSameBytesAsTheMetadataValue(_ vector: ChartVector) throws {
        let chart = try Chart(jsonBytes: vector.input)
        let expected = chart.jsonValue.jsonBytes
        #expect(chart.normalizedJSON() == expected)
        var chunks: [UInt8] = []
        chart.writeNormalizedJSON { chunks.append(contentsOf: $0) }
        #expect(chunks == expected)
    }

    @Test func aLargeSeriesIsHandedOverInSeveralChunks() throws {
        let points = (0..<200_000).map { ChartPoint(x: .number(Double($0)), y: .string("2024-01-01T00:00:00")) }
        let chart = Chart.line(LineChart(elements: [PointData(label: "big", points: points)]))
        var chunkCount = 0
        var bytes: [UInt8] = []
        chart.writeNormalizedJSON { chunk in
            chunkCount += 1
            bytes.append(contentsOf: chunk)
        }
        #expect(chunkCount > 1)
        #expect(bytes == chart.jsonValue.jsonBytes)
    }
}
