import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// Pictures that state the data's real values: offsets, exact labels, axis labels, text that fits,
/// mathtext, legends, crowded labels and pie percentages.
@Suite struct ChartTrustTests {
    private func render(_ name: String, width: Double = 640, height: Double = 400) throws -> RenderedSVG {
        try RenderedSVG(ChartRenderer(width: width, height: height).svg(for: try FigureFixtures.chart(named: name)))
    }

    // MARK: 1. Offsets and multipliers

    @Test func anOffsetMatplotlibWroteIsShownAtTheAxisEnd() throws {
        let svg = try render("offset-million")
        #expect(svg.texts("y-tick-label").contains("0.08"))
        #expect(svg.texts("y-offset") == ["+1e6"])
        #expect(try render("offset-negative").texts("y-offset") == ["\u{2212}2e6"])
        #expect(try render("offset-x-scatter").texts("x-offset") == ["+1.7e9"])
    }

    @Test func aMultiplierMatplotlibWroteIsShownAtTheAxisEnd() throws {
        #expect(try render("multiplier-nano").texts("y-offset") == ["1e\u{2212}9"])
        #expect(try render("huge-values").texts("y-offset") == ["1e12"])
        #expect(try render("tiny-values").texts("y-offset") == ["1e\u{2212}7"])
    }

    @Test func labelsThatStateTheirValuesGetNoOffset() throws {
        let svg = try RenderedSVG(try RenderFixtures.chart(named: "line-multi").svg())
        #expect(svg.count("y-offset") == 0)
        #expect(svg.count("x-offset") == 0)
    }

    @Test func computedTicksNearAMillionAndNearANanosecondGetAnOffsetAndAMultiplier() throws {
        let million = try render("daemon-million")
        #expect(million.texts("y-offset") == ["+1e6"])
        let nano = try render("daemon-nano")
        #expect(nano.texts("y-offset") == ["1e\u{2212}9"])
        #expect(nano.texts("x-offset") == ["1e\u{2212}9"])
    }

    @Test func theOffsetAndMultiplierAreReadFromTheLabels() {
        let values = [999_999.99, 1_000_000.0, 1_000_000.01]
        #expect(
            TickFormat.reading(values: values, labels: ["−0.01", "0.00", "0.01"]) == .relative(.init(offset: 1e6))
        )
        #expect(TickFormat.reading(values: [1e-9, 2e-9], labels: ["1", "2"]) == .relative(.init(exponent: -9)))
        #expect(TickFormat.reading(values: [0, 1, 2], labels: ["0", "1", "2"]) == .states)
        // Custom labels that are no shift or scaling of the values are the figure's own: left alone.
        #expect(TickFormat.reading(values: [0, 1, 2], labels: ["2", "4", "8"]) == .unrelated)
    }

    // MARK: 2. Computed labels state their values exactly

    @Test func computedLabelsStateTheirTicksExactlyWithOneNumberOfDecimals() throws {
        #expect(TickFormat.linear([-2.5, 0, 2.5, 5, 7.5]).labels == ["−2.5", "0.0", "2.5", "5.0", "7.5"])
        #expect(TickFormat.linear([1, 1.25, 1.5, 1.75]).labels == ["1.00", "1.25", "1.50", "1.75"])
        #expect(TickFormat.linear([0, 0.1, 0.2, 0.30000000000000004]).labels == ["0.0", "0.1", "0.2", "0.3"])
        let svg = try render("daemon-quarter-steps")
        #expect(svg.texts("x-tick-label") == ["−2.5", "0.0", "2.5", "5.0", "7.5"])
        let decimals = Set(svg.texts("y-tick-label").map { $0.split(separator: ".").last?.count ?? 0 })
        #expect(decimals.count == 1)
    }

    @Test func computedLabelsAtQuarterStepsKeepTheirSecondDecimal() throws {
        // Before issue 12 the renderer gave quarter steps one decimal: 1.25 read "1.2" and 1.75 read "1.8".
        let chart = Chart.line(
            LineChart(elements: [PointData(label: "s", points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2)])])
        )
        let svg = try RenderedSVG(ChartRenderer(width: 640, height: 400).svg(for: chart))
        #expect(svg.texts("y-tick-label") == ["1.00", "1.25", "1.50", "1.75", "2.00"])
    }

    // MARK: 3. Horizontal bars

    @Test func horizontalBarsPutTheValueAxisLabelAlongTheBottom() throws {
        let svg = try render("barh-labels")
        #expect(svg.texts("x-label") == ["amount (kg)"])
        #expect(svg.texts("y-label") == ["name"])
        let vertical = try render("bar-labels")
        #expect(vertical.texts("x-label") == ["name"])
        #expect(vertical.texts("y-label") == ["amount (kg)"])
        let daemon = try render("daemon-hbar")
        #expect(daemon.texts("x-label") == ["points"])
        #expect(daemon.texts("y-label") == ["team"])
    }

    // MARK: 4. Log axes

    @Test func ticksOutsideALogAxisRangeAreNotDrawn() throws {
        let svg = try render("log-decades")
        #expect(!svg.texts("y-tick-label").contains("10⁻¹"))
        #expect(!svg.texts("y-tick-label").contains("10⁷"))
        let plot = try #require(svg.elements("plot-area").first)
        let top = try #require(plot.attributes["y"].flatMap(Double.init))
        let bottom = top + (try #require(plot.attributes["height"].flatMap(Double.init)))
        for tick in svg.elements("y-tick") {
            let y = try #require(tick.attributes["y1"].flatMap(Double.init))
            #expect(y >= top - 0.01 && y <= bottom + 0.01)
        }
    }

    // MARK: 5. Text that fits, in linear time

    @Test func textIsMeasuredWithDejaVuSansWidths() throws {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/fonts/sample-widths.json")
        guard case .array(let samples) = try JSONValue(jsonBytes: Data(contentsOf: url)) else {
            Issue.record("sample-widths.json")
            return
        }
        #expect(samples.count >= 5)
        for sample in samples {
            guard case .object(let fields) = sample, case .string(let text)? = fields["text"],
                let regular = fields["regular"]?.numericValue, let bold = fields["bold"]?.numericValue
            else { continue }
            #expect(abs(TextMetrics.width(of: text, size: 1) - regular) < 1e-9, "\(text)")
            #expect(abs(TextMetrics.width(of: text, size: 1, bold: true) - bold) < 1e-9, "\(text)")
        }
    }

    @Test func aLongBoldTitleWrapsOverTwoLinesInsideTheCanvas() throws {
        let svg = try render("long-title")
        let lines = svg.texts("title") + svg.texts("title-continued")
        #expect(lines.count == 2)
        #expect(lines.joined(separator: " ").hasPrefix("Quarterly revenue by region"))
        let check = try ReadingCheck(svg)
        check.expectTextInsideCanvas()
    }

    /// A chart whose title, axis labels, series label and tick labels are `length` characters each.
    private func hugeTextChart(_ length: Int) -> Chart {
        let word = "Wide title words "
        let title = String(repeating: word, count: length / word.count)
        let label = String(repeating: "W", count: length)
        return Chart.line(
            LineChart(
                title: title,
                elements: [PointData(label: label, points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2)])],
                xLabel: label,
                yLabel: label,
                xTicks: [0, 1],
                xTickLabels: [label, label]
            )
        )
    }

    /// The processor time this thread spends rendering, which other work on the machine does not inflate.
    private func renderTime(_ chart: Chart) -> (seconds: Double, svg: String) {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        let svg = chart.svg(width: 640, height: 400)
        return (now() - start, svg)
    }

    @Test func hugeTextIsLaidOutInLinearTimeAndShortened() throws {
        _ = renderTime(hugeTextChart(1000))
        let small = renderTime(hugeTextChart(12_000))
        let large = renderTime(hugeTextChart(48_000))
        // The quadratic layout took 4.3 s and 68 s; four times the text now takes about four times as long.
        #expect(large.seconds < 1, "\(large.seconds) s")
        #expect(large.seconds < small.seconds * 8 + 0.05, "12,000: \(small.seconds) s, 48,000: \(large.seconds) s")
        #expect(large.svg.utf8.count < 20_000)
        let svg = try RenderedSVG(large.svg)
        #expect(svg.texts("title-continued").first?.hasSuffix("…") == true)
        #expect(svg.texts("x-label").first?.hasSuffix("…") == true)
        let check = try ReadingCheck(svg)
        check.expectTextInsideCanvas()
        check.expectNoOverlappingText()
    }

    // MARK: 6. Mathtext

    @Test func mathtextIsRenderedInTitlesAxisLabelsAndLegends() throws {
        let svg = try render("mathtext")
        #expect(svg.texts("x-label") == ["θ (rad)"])
        #expect(svg.texts("legend-label") == ["sin²θ", "1/2\u{2009}cos\u{2009}θ", "αi\u{A0}· rate"])
        #expect(svg.texts("title").joined() == "Waves: Δϕ = π/2, xₙ₊₁ = xₙ²")
        #expect(svg.texts("y-label") == ["μ [m\u{2009}s⁻¹]"])
        #expect(!svg.source.contains("$"))
        #expect(!svg.source.contains("\\"))
        // A subscript without a Unicode form is a lowered run.
        #expect(svg.nodes.contains { $0.name == "tspan" && $0.text == "i" })
    }

    @Test func mathtextSubset() {
        #expect(MathText.plain(#"$\mathdefault{10^{-3}}$"#) == "10⁻³")
        #expect(MathText.plain(#"$\mathdefault{2\times10^{1}}$"#) == "2 × 10¹")
        #expect(MathText.plain(#"$\frac{a+b}{2}$ m"#) == "(a + b)/2 m")
        #expect(MathText.plain(#"$\sqrt{x}$, $\pm 3$, $x \leq 5$"#) == "√x, ±3, x ≤ 5")
        #expect(MathText.plain(#"cost in \$ and $5"#) == "cost in $ and $5")
        #expect(MathText.plain(#"$\unknowncommand{x}$"#) == #"\unknowncommand{x}"#)
        #expect(MathText.plain(#"$\mathrm{Total\ energy}$ (J)"#) == "Total energy (J)")
        #expect(
            MathText.plain(String(repeating: "{", count: 5000) + "$x$") == String(repeating: "{", count: 5000) + "x"
        )
        #expect(MathText.plain("$" + String(repeating: "{", count: 5000) + "$") == String(repeating: "{", count: 5000))
    }

    // MARK: 7. Legends

    @Test func aLegendThatWouldCoverDataGoesOutsideThePlot() throws {
        let svg = try render("legend-over-data")
        let frame = try #require(svg.elements("legend-frame").first)
        let plot = try #require(svg.elements("plot-area").first)
        let legendX = try #require(frame.attributes["x"].flatMap(Double.init))
        let plotRight =
            try #require(plot.attributes["x"].flatMap(Double.init))
            + (try #require(plot.attributes["width"].flatMap(Double.init)))
        let legend = try rect(frame)
        // No series vertex and no segment between two vertices crosses the legend.
        for path in svg.elements("series", named: "path") {
            let vertices = AxisMappings.vertices(path.attributes["d"] ?? "")
            for (a, b) in zip(vertices, vertices.dropFirst()) {
                #expect(!segment(a, b, crosses: legend), "segment \(a)–\(b) crosses the legend")
            }
        }
        #expect(legendX >= plotRight || svg.count("legend-frame") == 1)
    }

    @Test func aLegendInsideAvoidsTheData() throws {
        let svg = try RenderedSVG(try RenderFixtures.chart(named: "line-multi").svg())
        let legend = try rect(try #require(svg.elements("legend-frame").first))
        for path in svg.elements("series", named: "path") {
            let vertices = AxisMappings.vertices(path.attributes["d"] ?? "")
            for (a, b) in zip(vertices, vertices.dropFirst()) { #expect(!segment(a, b, crosses: legend)) }
        }
    }

    @Test func fiftyEntriesSayHowManyAreNotShown() throws {
        let svg = try render("fifty-series")
        let shown = svg.texts("legend-label").count
        let more = try #require(svg.texts("legend-more").first)
        #expect(more == "+\(50 - shown) more")
        #expect(shown >= 10)
    }

    @Test func theLegendTitleIsShown() throws {
        let svg = try render("daemon-legend-title")
        #expect(svg.texts("legend-title") == ["Runs (n = 3)"])
        #expect(svg.texts("legend-label").count == 3)
    }

    // MARK: 8. Crowded labels

    @Test func twentyLongCategoriesAreTurnedAndEachIsLabelled() throws {
        let svg = try render("categories-long")
        let labels = svg.elements("x-tick-label")
        #expect(labels.count == 20)
        #expect(labels.allSatisfy { $0.attributes["transform"]?.hasPrefix("rotate(-45") == true })
        #expect(labels.first?.text.hasPrefix("Department") == true)
        let check = try ReadingCheck(svg)
        check.expectTextInsideCanvas()
        check.expectNoOverlappingText()
    }

    @Test func crowdedDateLabelsDoNotOverlap() throws {
        let svg = try render("dates-crowded")
        let labels = svg.texts("x-tick-label")
        #expect(labels.count >= 10)
        #expect(labels.allSatisfy { !$0.contains("…") })
        let check = try ReadingCheck(svg)
        check.expectNoOverlappingText()
        check.expectTextInsideCanvas()
    }

    // MARK: 9. Pie percentages

    @Test func pieLabelsAndPercentagesArePairedByTheWedgesAngles() throws {
        let svg = try render("pie-browsers")
        #expect(svg.texts("pie-label") == ["Chrome", "Safari", "Edge", "Firefox", "Other"])
        #expect(svg.texts("autopct") == ["65.0%", "18.0%", "9.0%", "5.0%", "3.0%"])
        let unlabelled = try render("pie-autopct-only")
        #expect(unlabelled.texts("pie-label").isEmpty)
        #expect(unlabelled.texts("autopct") == ["10%", "20%", "30%", "40%"])
    }

    @Test func aPercentageThatDisagreesWithItsAngleIsReplacedByTheAngles() throws {
        let chart = Chart.pie(
            PieChart(elements: [
                PieData(label: "a", angle: 90, autopct: "50.0%"), PieData(label: "b", angle: 270, autopct: "75.0%"),
            ])
        )
        let svg = try RenderedSVG(chart.svg())
        #expect(svg.texts("autopct") == ["25.0%", "75.0%"])
        #expect(svg.texts("pie-label") == ["a", "b"])
    }

    // MARK: Helpers

    private func rect(_ node: RenderedSVG.Node) throws -> RenderRect {
        let number = { (key: String) throws -> Double in try #require(node.attributes[key].flatMap(Double.init)) }
        return RenderRect(
            x: try number("x"),
            y: try number("y"),
            width: try number("width"),
            height: try number("height")
        )
    }

    /// Whether the segment from `a` to `b` passes through the rectangle (sampled finely).
    private func segment(_ a: (Double, Double), _ b: (Double, Double), crosses rect: RenderRect) -> Bool {
        for step in 0...100 {
            let t = Double(step) / 100
            let x = a.0 + (b.0 - a.0) * t
            let y = a.1 + (b.1 - a.1) * t
            if x > rect.x && x < rect.maxX && y > rect.y && y < rect.maxY { return true }
        }
        return false
    }
}
