import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

extension ChartCommand {
    /// `daytona-swift chart png FILE -o OUT.png`: write the PNG embedded in a chart.
    struct PNG: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "png",
            abstract: "Write the PNG image embedded in a chart.",
            discussion: """
                A chart with a PNG of its own (a composite included) writes it to OUT. A composite \
                without one writes each subplot's PNG instead, as OUT-1.png, OUT-2.png, ... numbered \
                by the subplot's position (subplots without a PNG are skipped). Every image is decoded \
                and written to a temporary file first and only then moved into place, so on error \
                nothing is written. The paths written are printed, one a line.
                """
        )

        @Argument(help: ArgumentHelp("A chart JSON file, or - for standard input.", valueName: "FILE"))
        var file: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The PNG file to write.", valueName: "OUT"))
        var output: String

        /// The files to write and their bytes, without writing anything.
        func plan() throws -> [(path: String, data: Data)] {
            let chart = try ChartInput.chart(at: file)
            let own: Data?
            do {
                own = try chart.pngData
            } catch let error as DaytonaError {
                throw DaytonaBadRequestError(message: "\(file): \(error.message)")
            }
            if let own {
                return [(output, own)]
            }
            guard case .composite(let composite) = chart else {
                throw DaytonaBadRequestError(message: "\(file): the chart has no PNG")
            }
            var planned: [(path: String, data: Data)] = []
            for (index, child) in composite.elements.enumerated() {
                let data: Data?
                do {
                    data = try child.pngData
                } catch let error as DaytonaError {
                    throw DaytonaBadRequestError(message: "\(file): elements[\(index)].\(error.message)")
                }
                if let data { planned.append((Self.numbered(output, index + 1), data)) }
            }
            guard !planned.isEmpty else {
                throw DaytonaBadRequestError(message: "\(file): neither the composite nor its subplots have a PNG")
            }
            return planned
        }

        /// `out.png` with number 2 gives `out-2.png`; a name without `.png` gets the number at its end.
        static func numbered(_ path: String, _ number: Int) -> String {
            if path.lowercased().hasSuffix(".png") {
                return String(path.dropLast(4)) + "-\(number)" + String(path.suffix(4))
            }
            return path + "-\(number)"
        }

        /// Writes the images and returns the paths written, one a line.
        func render() throws -> String {
            let planned = try plan()
            try AtomicFiles.write(planned)
            return planned.map { $0.path + "\n" }.joined()
        }

        func run() throws {
            StandardStreams.write(try render())
        }
    }
}
