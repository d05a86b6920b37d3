import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite struct RenderDownsamplingTests {
    /// A reproducible random walk with its extremes at known places.
    static func walk(_ count: Int, seed: UInt64 = 7) -> [Double] {
        var state = seed
        var value = 0.0
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            value += Double(Int64(bitPattern: state >> 11) % 2001 - 1000) / 1000
            return value
        }
    }

    @Test func minMaxKeepsTheExtremesAndTheEnds() {
        let ys = Self.walk(100_000)
        let xs = (0..<ys.count).map { Double($0) / 100_000 * 800 }
        let kept = Downsampling.minMaxIndices(xs: xs, ys: ys)
        #expect(kept.count <= 800 * 4 + 4)
        #expect(kept.count > 800)
        #expect(kept.first == 0)
        #expect(kept.last == ys.count - 1)
        let lowest = ys.indices.min { ys[$0] < ys[$1] }
        let highest = ys.indices.max { ys[$0] < ys[$1] }
        #expect(kept.contains(lowest ?? -1))
        #expect(kept.contains(highest ?? -1))
        #expect(kept == kept.sorted())
        // Every column's vertical extent survives, so the reduced line covers the same pixels.
        var fullExtent: [Int: (Double, Double)] = [:]
        for index in ys.indices {
            let column = Int(xs[index])
            let current = fullExtent[column] ?? (ys[index], ys[index])
            fullExtent[column] = (min(current.0, ys[index]), max(current.1, ys[index]))
        }
        var keptExtent: [Int: (Double, Double)] = [:]
        for index in kept {
            let column = Int(xs[index])
            let current = keptExtent[column] ?? (ys[index], ys[index])
            keptExtent[column] = (min(current.0, ys[index]), max(current.1, ys[index]))
        }
        #expect(fullExtent.count == keptExtent.count)
        #expect(fullExtent.allSatisfy { keptExtent[$0.key]?.0 == $0.value.0 && keptExtent[$0.key]?.1 == $0.value.1 })
    }

    @Test func gapsSurviveDownsampling() {
        var ys = Self.walk(10_000)
        ys[5_000] = .nan
        ys[5_001] = .nan
        let xs = (0..<ys.count).map { Double($0) / 100 }
        let kept = Downsampling.minMaxIndices(xs: xs, ys: ys)
        #expect(kept.filter { ys[$0].isNaN } == [5_000])
        #expect(kept.contains(4_999) && kept.contains(5_002))
    }

    @Test func aLargeLineRendersSmallAndKeepsItsExtremes() throws {
        let ys = Self.walk(300_000)
        let points = ys.enumerated().map { ChartPoint(x: .number(Double($0.offset)), y: .number($0.element)) }
        let chart = Chart.line(LineChart(title: "big", elements: [PointData(label: "walk", points: points)]))
        let text = chart.svg(width: 800, height: 500)
        #expect(text.utf8.count < 1_000_000)
        let svg = try RenderedSVG(text)
        let path = try #require(svg.elements("series", named: "path").first?.attributes["d"])
        let numbers = path.split { $0 == "M" || $0 == " " }.compactMap { Double($0) }
        let pathYs = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        #expect(pathYs.count < 10_000)
        // The top and bottom of the drawn line are the series' maximum and minimum.
        let plot = try #require(svg.elements("plot-area").first)
        let top = try #require(Double(plot.attributes["y"] ?? ""))
        let height = try #require(Double(plot.attributes["height"] ?? ""))
        // 5% margins: the extremes sit 1/22 of the plot height inside its edges.
        let margin = height / 22
        #expect(abs((pathYs.min() ?? 0) - (top + margin)) < 0.02)
        #expect(abs((pathYs.max() ?? 0) - (top + height - margin)) < 0.02)
    }

    @Test func denseScattersDrawOneDotPerOccupiedCell() throws {
        let ys = Self.walk(50_000)
        let points = ys.enumerated().map { ChartPoint(x: .number(Double($0.offset % 1000)), y: .number($0.element)) }
        let chart = Chart.scatter(ScatterChart(elements: [PointData(label: "cloud", points: points)]))
        let text = chart.svg(width: 640, height: 400)
        #expect(text.utf8.count < 1_000_000)
        let svg = try RenderedSVG(text)
        #expect(svg.count("markers", named: "path") == 1)
        #expect(svg.count("marker", named: "circle") == 0)
    }

    @Test func barsThinnerThanAPixelAreMergedPerColumnAndGroup() throws {
        let bars = (0..<20_000).map { BarData(label: "item-\($0)", group: "g\($0 % 2)", value: .int($0 % 97)) }
        let text = Chart.bar(BarChart(elements: bars)).svg(width: 640, height: 400)
        #expect(text.utf8.count < 200_000)
        let svg = try RenderedSVG(text)
        #expect(svg.count("bars", named: "path") == 2)
        #expect(svg.count("bar", named: "rect") == 0)
        #expect(svg.count("x-tick") <= 30)
    }
}
