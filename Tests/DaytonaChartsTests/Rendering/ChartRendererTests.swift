import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite struct ChartRendererTests {
    @Test func fixturesAreFound() throws {
        #expect(try RenderFixtures.charts().count >= 50)
    }

    @Test(arguments: RenderFixtures.names())
    func everyVectorRendersToWellFormedSVGWithItsShapes(_ name: String) throws {
        let chart = try RenderFixtures.chart(named: name)
        let svg = try RenderedSVG(chart.svg(width: 640, height: 400))
        let root = try #require(svg.nodes.first)
        #expect(root.name == "svg")
        #expect(root.attributes["viewBox"] == "0 0 640 400")
        try expectShapes(of: chart, in: svg)
        try expectNoExternalReferences(svg)
    }

    /// Checks the series shapes, ticks and titles of one chart (and, for a composite, of the whole tree).
    private func expectShapes(of chart: Chart, in svg: RenderedSVG) throws {
        let expected = Self.expectedCounts(chart)
        #expect(svg.count("series", named: "path") == expected.series)
        #expect(svg.count("bar", named: "rect") == expected.bars)
        #expect(svg.count("wedge", named: "path") == expected.wedges)
        #expect(svg.count("box", named: "rect") == expected.boxes)
        #expect(svg.count("embedded-png", named: "image") == expected.images)
        #expect(svg.count("subplot", named: "g") == expected.subplots)
        #expect(svg.count("title", named: "text") == expected.titles)
        if let markers = expected.markers {
            #expect(svg.count("marker", named: "circle") == markers)
        }
        if case .line = chart, let line = chart.pointChart, !line.elements.isEmpty {
            #expect(svg.count("x-tick") > 0)
            #expect(svg.count("y-tick") > 0)
            let given = Set(line.xTickLabels.map(MathText.plain))
            if !given.isEmpty {
                for label in svg.texts("x-tick-label") { #expect(given.contains(label)) }
            }
        }
        if let plane = chart.chart2D {
            #expect(svg.count("x-label") == ((plane.xLabel ?? "").isEmpty ? 0 : 1))
            #expect(svg.count("y-label") == ((plane.yLabel ?? "").isEmpty ? 0 : 1))
        }
    }

    struct Counts {
        var series = 0
        var markers: Int? = 0
        var bars = 0
        var wedges = 0
        var boxes = 0
        var images = 0
        var subplots = 0
        var titles = 0
    }

    static func expectedCounts(_ chart: Chart, depth: Int = 0) -> Counts {
        var counts = Counts()
        if let title = chart.title, !title.isEmpty { counts.titles = 1 }
        switch chart {
        case .line(let line):
            counts.series = line.elements.count
            counts.markers = nil  // markers only where the data is sparse; checked in their own test
        case .scatter(let scatter):
            let points = scatter.elements.flatMap(\.points)
            let allNumeric = points.allSatisfy { ($0.x.number?.isFinite ?? false) && ($0.y.number?.isFinite ?? false) }
            counts.markers = allNumeric ? points.count : nil
        case .bar(let bar):
            counts.bars = bar.elements.filter { $0.value?.numericValue?.isFinite ?? false }.count
        case .pie(let pie):
            counts.wedges = PieChartRenderer.sliceAngles(pie.elements).filter { $0 > 0 }.count
        case .boxAndWhisker(let box):
            counts.boxes =
                box.elements.filter { ($0.firstQuartile?.isFinite ?? false) && ($0.thirdQuartile?.isFinite ?? false) }
                .count
        case .unknown(let unknown):
            counts.images = UnknownChartRenderer.dataURI(unknown.png) == nil ? 0 : 1
        case .composite(let composite):
            counts.subplots = composite.elements.count
            if composite.elements.isEmpty {
                counts.images = UnknownChartRenderer.dataURI(composite.png) == nil ? 0 : 1
            }
            for child in composite.elements {
                let inner = expectedCounts(child, depth: depth + 1)
                counts.series += inner.series
                counts.markers = inner.markers.flatMap { a in counts.markers.map { a + $0 } }
                counts.bars += inner.bars
                counts.wedges += inner.wedges
                counts.boxes += inner.boxes
                counts.images += inner.images
                counts.subplots += inner.subplots
                counts.titles += inner.titles
            }
        }
        return counts
    }

    @Test func lineSeriesGetOnePathEachAndMarkersWhenSparse() throws {
        let chart = Chart.line(
            LineChart(
                title: "Two series",
                elements: [
                    PointData(
                        label: "a",
                        points: (0..<5).map { ChartPoint(x: .number(Double($0)), y: .number(Double($0 * $0))) }
                    ),
                    PointData(
                        label: "b",
                        points: (0..<500).map { ChartPoint(x: .number(Double($0) / 100), y: .number(1)) }
                    ),
                ],
                xLabel: "x",
                yLabel: "y"
            )
        )
        let svg = try RenderedSVG(chart.svg(width: 640, height: 400))
        #expect(svg.count("series", named: "path") == 2)
        #expect(svg.count("marker", named: "circle") == 5)
        #expect(svg.texts("legend-label") == ["a", "b"])
        #expect(svg.texts("title") == ["Two series"])
        #expect(svg.count("x-tick") >= 3)
        #expect(svg.texts("x-label") == ["x"])
    }

    @Test func givenTicksAndLabelsAreDrawnAsGiven() throws {
        let chart = try RenderFixtures.chart(named: "line-categorical")
        let svg = try RenderedSVG(chart.svg())
        #expect(svg.texts("x-tick-label") == ["mon", "tue", "wed", "thu"])
        #expect(svg.texts("y-tick-label") == ["0", "1", "2", "3"])
    }

    @Test func logTickLabelsLoseTheirTeX() throws {
        let svg = try RenderedSVG(try RenderFixtures.chart(named: "line-logy").svg())
        #expect(svg.texts("y-tick-label").contains("10³"))
        #expect(!svg.source.contains("mathdefault"))
    }

    @Test func datetimeAxisGetsCalendarTicksWhenNoneAreGiven() throws {
        let points = (0..<10).map { ChartPoint(x: .string("2024-03-\(10 + $0)T00:00:00Z"), y: .number(Double($0))) }
        let chart = Chart.line(LineChart(elements: [PointData(label: "d", points: points)], xScale: "datetime"))
        let svg = try RenderedSVG(chart.svg())
        let labels = svg.texts("x-tick-label")
        #expect(!labels.isEmpty)
        #expect(labels.allSatisfy { $0.hasPrefix("2024-03-") })
    }

    @Test(arguments: ["linear", "log", "datetime", "categorical"])
    func extremeValuesStillRenderWellFormedSVG(_ scale: String) throws {
        let extremes: [Double] = [
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e300, -1e-300, 0, .nan, .infinity,
        ]
        let points = extremes.flatMap { x in extremes.map { ChartPoint(x: .number(x), y: .number($0)) } }
        let ticks: [ChartValue] = [.number(.greatestFiniteMagnitude), .string("9999-12-31T23:59:59Z"), .string("x")]
        for chart in [
            Chart.line(LineChart(elements: [PointData(points: points)], xTicks: ticks, xScale: scale, yScale: scale)),
            Chart.scatter(ScatterChart(elements: [PointData(points: points)], xScale: scale, yScale: scale)),
            Chart.bar(BarChart(elements: extremes.map { BarData(label: "\($0)", value: .double($0)) })),
            Chart.boxAndWhisker(
                BoxAndWhiskerChart(elements: [
                    BoxAndWhiskerData(
                        min: -1e308,
                        firstQuartile: 0,
                        median: .nan,
                        thirdQuartile: 1e308,
                        max: .infinity,
                        outliers: extremes
                    )
                ])
            ),
            Chart.pie(PieChart(elements: extremes.map { PieData(label: "\($0)", angle: $0) })),
        ] {
            _ = try RenderedSVG(chart.svg())
        }
    }

    @Test func groupedBarsGetOneRectEachAndALegend() throws {
        let svg = try RenderedSVG(try RenderFixtures.chart(named: "bar-grouped").svg())
        #expect(svg.count("bar", named: "rect") == 6)
        #expect(svg.texts("legend-label") == ["2023", "2024"])
        #expect(svg.texts("x-tick-label") == ["a", "b", "c"])
    }

    @Test func horizontalBarsPutCategoriesOnTheYAxis() throws {
        let svg = try RenderedSVG(try RenderFixtures.chart(named: "bar-horizontal").svg())
        #expect(svg.texts("y-tick-label") == ["one", "two", "three"])
        let bars = svg.elements("bar", named: "rect")
        let xs = Set(bars.compactMap { $0.attributes["x"] })
        #expect(xs.count == 1)  // every bar starts at zero on the left
    }

    @Test func barValueAxisStartsAtZero() throws {
        let chart = Chart.bar(
            BarChart(elements: [BarData(label: "a", value: .int(100)), BarData(label: "b", value: .int(101))])
        )
        let svg = try RenderedSVG(chart.svg())
        #expect(svg.texts("y-tick-label").first == "0")
    }

    @Test func pieWedgesComeInOrderWithLabelsAndAutopct() throws {
        let svg = try RenderedSVG(try RenderFixtures.chart(named: "pie-labels-autopct").svg())
        #expect(svg.count("wedge") == 3)
        // The seed-era extractor paired matplotlib 3.11's texts wrongly; the angles put them back.
        #expect(svg.texts("pie-label") == ["x", "y", "z"])
        #expect(svg.texts("autopct") == ["30.0%", "20.0%", "50.0%"])
    }

    @Test func boxesHaveMedianWhiskersAndOutliers() throws {
        let svg = try RenderedSVG(try RenderFixtures.chart(named: "box-vertical-patch").svg())
        #expect(svg.count("box") == 2)
        #expect(svg.count("median") == 2)
        #expect(svg.count("whisker") == 4)
        #expect(svg.count("outlier") == 1)
        #expect(svg.texts("x-tick-label") == ["first", "second"])
    }

    @Test func nestedCompositesAreLaidOutRecursively() throws {
        let svg = try RenderedSVG(try RenderFixtures.chart(named: "composite-nested").svg())
        #expect(svg.count("subplot") == 4)  // the empty `{}` child is dropped by the model
        #expect(svg.texts("title") == ["outer"])
    }

    @Test func unknownChartsEmbedTheirPNGInlineOrShowAFrame() throws {
        let withPNG = try RenderedSVG(try RenderFixtures.chart(named: "unknown-imshow").svg())
        let image = try #require(withPNG.elements("embedded-png").first)
        #expect(image.attributes["href"]?.hasPrefix("data:image/png;base64,iVBORw0KGgo") == true)
        let without = try RenderedSVG(Chart.unknown(UnknownChart(typeName: "heatmap")).svg())
        #expect(without.count("embedded-png") == 0)
        #expect(without.texts("placeholder") == ["heatmap chart"])
    }

    @Test func sizesAreKeptAsGivenAndLimitedWhenDrawn() throws {
        let renderer = ChartRenderer(width: 10, height: .infinity)
        #expect(renderer.width == 10)
        #expect(renderer.height == .infinity)
        let svg = try RenderedSVG(renderer.svg(for: .bar(BarChart(elements: []))))
        #expect(svg.nodes.first?.attributes["viewBox"] == "0 0 50 50")
        let large = try RenderedSVG(ChartRenderer(width: 30_000, height: 60).svg(for: .bar(BarChart(elements: []))))
        #expect(large.nodes.first?.attributes["viewBox"] == "0 0 20000 60")
    }

    @Test func darkThemeAndFontFamilyAreApplied() throws {
        let renderer = ChartRenderer(width: 300, height: 200, theme: .dark, fontFamily: "Inter, sans-serif\"><script>")
        let svg = try RenderedSVG(renderer.svg(for: try RenderFixtures.chart(named: "line-multi")))
        let root = try #require(svg.nodes.first)
        #expect(root.attributes["font-family"] == "Inter, sans-serifscript")
        #expect(svg.elements("background").first?.attributes["fill"] == "#1e1e1e")
    }

    @Test func htmlPageHoldsTheCompositeAndEachSubplot() throws {
        let chart = try RenderFixtures.chart(named: "composite-nested")
        let page = ChartRenderer().html(for: chart)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.components(separatedBy: "<svg ").count - 1 == 5)  // figure, 2 subplots, 2 nested
        #expect(!page.contains("<script"))
    }

    private func expectNoExternalReferences(_ svg: RenderedSVG) throws {
        for node in svg.nodes {
            #expect(!["script", "foreignObject", "iframe", "object", "embed"].contains(node.name))
            for (key, value) in node.attributes {
                #expect(!key.lowercased().hasPrefix("on"), "event handler \(key)")
                if key == "href" || key.hasSuffix(":href") {
                    #expect(value.hasPrefix("data:image/png;base64,"), "reference \(value.prefix(40))")
                }
                if value.contains("url(") {
                    #expect(value.hasPrefix("url(#"), "reference \(value)")
                }
            }
        }
    }
}
