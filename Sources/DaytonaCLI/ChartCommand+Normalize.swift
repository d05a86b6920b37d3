import ArgumentParser
import Daytona
import Foundation

extension ChartCommand {
    /// `daytona-swift chart normalize FILE`: print the chart's `to_dict()` as one JSON object.
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a chart's normalized metadata (the seed-era Python to_dict(), with C1-C5) as JSON.",
            discussion: """
                The output is one JSON object in Python json.dumps layout; NaN and the infinities are \
                written as the bare tokens NaN, Infinity and -Infinity. On error nothing is written to \
                stdout.
                """
        )

        @Argument(help: "A chart JSON file, or - for standard input.")
        var file: String

        /// The normalized JSON as bytes.
        func renderBytes() throws -> [UInt8] {
            let data = try ChartInput.read(file)
            do {
                return try Chart.normalize(jsonBytes: data)
            } catch let error as DaytonaError {
                throw DaytonaBadRequestError(message: "\(file == "-" ? "<stdin>" : file): \(error.message)")
            }
        }

        /// The normalized JSON as text.
        func render() throws -> String {
            String(decoding: try renderBytes(), as: UTF8.self)
        }

        func run() throws {
            StandardStreams.write(try renderBytes())
        }
    }
}
