import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

extension ChartCommand {
    /// `daytona-swift chart normalize FILE`: print the chart's `to_dict()` as one JSON object.
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "normalize",
            abstract: "Print a chart's normalized metadata (the seed-era Python to_dict(), with C1-C5) as JSON.",
            discussion: """
                The output is one JSON object in Python json.dumps layout; NaN and the infinities are \
                written as the bare tokens NaN, Infinity and -Infinity. On error nothing is written to \
                stdout.
                """
        )

        @Argument(help: ArgumentHelp("A chart JSON file, or - for standard input.", valueName: "FILE"))
        var file: String

        /// Reads and decodes the chart; the input bytes are released on return.
        func decode() throws -> Chart {
            try ChartInput.chart(at: file)
        }

        /// The normalized JSON as text.
        func render() throws -> String {
            String(decoding: try decode().normalizedJSON(), as: UTF8.self)
        }

        func run() throws {
            // Everything that can fail happens in decode(), before the first byte goes out.
            let chart = try decode()
            chart.writeNormalizedJSON { chunk in StandardStreams.write(chunk) }
        }
    }
}
