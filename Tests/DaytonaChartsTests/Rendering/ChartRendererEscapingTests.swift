import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite struct ChartRendererEscapingTests {
    static let hostile: [String] = [
        "<script>alert(1)</script>",
        "]]><![CDATA[",
        "\"quoted\" & 'single' <b>",
        "&amp; &#x3C; &unknown;",
        "مرحبا بالعالم שלום",
        "📈 growth 👩‍👩‍👧 ✓",
        "ctl\u{0}\u{1}\u{7}\u{8}\u{B}\u{C}\u{1B}\u{7F}\u{85}\u{9F}\u{FFFE}\u{FFFF}end",
        "tab\tnew\nline\rreturn",
        "<svg onload=\"alert(1)\"><foreignObject><iframe src=\"http://evil.example\"/></foreignObject>",
    ]

    /// What a label looks like after rendering: XML-forbidden characters dropped, line breaks as spaces.
    static func shown(_ text: String) -> String { XMLText.clean(text) }

    @Test(arguments: hostile)
    func hostileLabelsAreEscapedInEveryKind(_ label: String) throws {
        let points = [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2)]
        let charts: [Chart] = [
            .line(
                LineChart(
                    title: label,
                    elements: [PointData(label: label, points: points)],
                    xLabel: label,
                    yLabel: label,
                    xTicks: [0, 1],
                    xTickLabels: [label, label]
                )
            ),
            .scatter(ScatterChart(title: label, elements: [PointData(label: label, points: points)])),
            .bar(
                BarChart(
                    title: label,
                    elements: [
                        BarData(label: label, group: label, value: .int(1)),
                        BarData(label: "b", group: "g", value: .int(2)),
                    ]
                )
            ),
            .pie(PieChart(title: label, elements: [PieData(label: label, angle: 360, autopct: .string(label))])),
            .boxAndWhisker(
                BoxAndWhiskerChart(
                    title: label,
                    elements: [BoxAndWhiskerData(label: label, firstQuartile: 1, median: 2, thirdQuartile: 3)]
                )
            ),
            .unknown(UnknownChart(typeName: label, title: label, png: "\"/><script>alert(1)</script>")),
        ]
        let composite = Chart.composite(CompositeChart(title: label, elements: charts))
        for chart in charts + [composite] {
            let text = chart.svg(width: 400, height: 300)
            let svg = try RenderedSVG(text)
            #expect(!text.contains("<script"))
            #expect(!text.contains("<foreignObject"))
            #expect(!text.contains("<iframe"))
            #expect(!text.contains("\u{0}") && !text.contains("\u{1B}") && !text.contains("\u{FFFE}"))
            for node in svg.nodes {
                #expect(!["script", "foreignObject", "iframe"].contains(node.name))
                #expect(node.attributes.keys.allSatisfy { !$0.lowercased().hasPrefix("on") })
                for (key, value) in node.attributes where key.hasSuffix("href") {
                    #expect(value.hasPrefix("data:image/png;base64,"))
                }
            }
            let titles = svg.texts("title")
            #expect(!titles.isEmpty)
            for title in titles {
                #expect(Self.shown(label).hasPrefix(title.replacingOccurrences(of: "…", with: "")))
            }
        }
    }

    @Test func escapedTextRoundTripsThroughTheParser() throws {
        let label = "a < b && c > \"d\" 'e' ]]> \u{202E}rtl\u{202C} 🎉"
        let chart = Chart.line(LineChart(title: label, elements: []))
        let svg = try RenderedSVG(chart.svg(width: 1200, height: 400))
        #expect(svg.texts("title") == [label])
        let document = svg.nodes.first { $0.name == "title" }
        #expect(document?.text == label)
    }

    @Test func controlCharactersAreDroppedAndBreaksBecomeSpaces() {
        #expect(XMLText.escape("a\u{0}b\u{1F}c\u{7F}d\u{FFFF}e") == "abcde")
        #expect(XMLText.escape("a\tb\nc\rd") == "a b c d")
        #expect(XMLText.escape("<&>\"'") == "&lt;&amp;&gt;&quot;&#39;")
        #expect(XMLText.escape("M1 2L3 4") == "M1 2L3 4")
    }
}
