import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// The reading check over every conformance input and every figure made with matplotlib.
@Suite struct ChartReadingTests {
    @Test func figuresAreFound() {
        #expect(FigureFixtures.names().count >= 20)
    }

    @Test(arguments: RenderFixtures.names())
    func conformanceInputsReadTrue(_ name: String) throws {
        let chart = try RenderFixtures.chart(named: name)
        try ReadingCheck.expectReadable(chart)
        try ReadingCheck.expectReadable(chart, width: 360, height: 260)
        try ReadingCheck.expectReadable(chart, width: 1200, height: 700)
        try ReadingCheck.expectReadable(chart, width: 220, height: 160)
    }

    @Test(arguments: FigureFixtures.names())
    func figuresReadTrue(_ name: String) throws {
        let chart = try FigureFixtures.chart(named: name)
        try ReadingCheck.expectReadable(chart)
        try ReadingCheck.expectReadable(chart, width: 360, height: 260)
        try ReadingCheck.expectReadable(chart, width: 1200, height: 700)
        try ReadingCheck.expectReadable(chart, width: 220, height: 160)
    }

    @Test(arguments: [
        "offset-million", "multiplier-nano", "offset-negative", "huge-values", "tiny-values", "offset-x-scatter",
        "daemon-million", "daemon-nano", "daemon-quarter-steps", "log-decades", "bar-labels", "barh-labels",
        "composite-mixed",
    ])
    func theCheckReadsTheNumericLabels(_ name: String) throws {
        let chart = try FigureFixtures.chart(named: name)
        let check = try ReadingCheck(RenderedSVG(chart.svg(width: 640, height: 400)))
        #expect(check.expectTickLabelsStateValues(of: chart) >= 6)
    }

    /// Box plots are read from their medians, whisker caps, outliers and quartile edges, upright and sideways.
    @Test(arguments: [("box-vertical-patch", 4), ("box-notched", 3), ("box-horizontal", 3), ("daemon-box", 2)])
    func theCheckReadsTheNumericLabelsOfBoxPlots(_ name: String, labels: Int) throws {
        let chart = try RenderFixtures.chart(named: name)
        let check = try ReadingCheck(RenderedSVG(chart.svg(width: 640, height: 400)))
        #expect(check.expectTickLabelsStateValues(of: chart) >= labels)
    }

    @Test func theCheckCatchesABoxPlotLabelThatMisstatesItsValue() throws {
        // The tick at 20 is labelled "20"; drawn as "25", the label no longer states the value at its pixel.
        let chart = try RenderFixtures.chart(named: "box-vertical-patch")
        var svg = ChartRenderer(width: 640, height: 400).svg(for: chart)
        let label = try #require(svg.range(of: ">20</text>"))
        svg.replaceSubrange(label, with: ">25</text>")
        let check = try ReadingCheck(RenderedSVG(svg))
        withKnownIssue {
            check.expectTickLabelsStateValues(of: chart)
        }
    }

    @Test func theCheckCatchesLabelsThatMisstateTheirValues() throws {
        // The labels matplotlib wrote relative to +1e6, drawn without the offset, state 0.00…0.08.
        let chart = try FigureFixtures.chart(named: "offset-million")
        var svg = ChartRenderer(width: 640, height: 400).svg(for: chart)
        let offset = try #require(svg.range(of: "+1e6"))
        svg.replaceSubrange(offset, with: "")
        let check = try ReadingCheck(RenderedSVG(svg))
        withKnownIssue {
            check.expectTickLabelsStateValues(of: chart)
        }
    }
}
