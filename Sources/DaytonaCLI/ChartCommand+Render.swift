import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

extension ChartCommand {
    /// `daytona-swift chart render FILE -o OUT.svg`: draw a chart as SVG, or every chart of a file as one HTML page.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Render a chart as a standalone SVG image, or as an HTML page with --html.",
            discussion: """
                The SVG is drawn from the chart's metadata: axes, ticks, series, legend and title. A chart \
                without vector data shows its embedded PNG, inlined. With --html the output is one \
                self-contained page holding the chart and, for a composite, each of its subplots. The \
                output is written to a temporary file and moved into place, so on error nothing is \
                written. The path written is printed.
                """
        )

        @Argument(help: ArgumentHelp("A chart JSON file, or - for standard input.", valueName: "FILE"))
        var file: String

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("The SVG (or, with --html, HTML) file to write.", valueName: "OUT")
        )
        var output: String

        @Option(help: "The drawing width in pixels (50-20000).")
        var width: Double = 720

        @Option(help: "The drawing height in pixels (50-20000).")
        var height: Double = 450

        @Option(help: "The colour theme: light or dark.")
        var theme: String = "light"

        @Flag(help: "Write an HTML page with every chart in the file instead of one SVG.")
        var html = false

        /// The renderer the options describe.
        func renderer() throws -> ChartRenderer {
            for (name, value) in [("width", width), ("height", height)]
            where !(value.isFinite && value >= 50 && value <= 20_000) {
                throw DaytonaBadRequestError(message: "--\(name) must be between 50 and 20000, not \(value)")
            }
            guard let theme = ChartRenderer.Theme(rawValue: theme) else {
                throw DaytonaBadRequestError(message: "--theme must be light or dark, not '\(theme)'")
            }
            return ChartRenderer(width: width, height: height, theme: theme)
        }

        /// The document text, without writing anything.
        func document() throws -> String {
            let renderer = try renderer()
            let chart = try ChartInput.chart(at: file)
            return html ? renderer.html(for: chart) : renderer.svg(for: chart)
        }

        /// Writes the document and returns the path written, with a newline.
        func render() throws -> String {
            try AtomicFiles.write(Data(try document().utf8), to: output)
            return output + "\n"
        }

        func run() throws {
            StandardStreams.write(try render())
        }
    }
}
