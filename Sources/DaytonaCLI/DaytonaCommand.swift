import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

/// The root of the `daytona-swift` command tree.
///
/// It only holds the tree and maps errors to the contract: on failure nothing goes to stdout,
/// one `error: …` line goes to stderr, and the exit status is non-zero.
public struct DaytonaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "daytona-swift",
        abstract: "Build Daytona sandbox images and read the charts sandbox code produces.",
        subcommands: [ImageCommand.self, ChartCommand.self]
    )

    public init() {}

    /// Parses the process arguments, runs the command and exits with the contract's status.
    public static func main() {
        main(arguments: Array(CommandLine.arguments.dropFirst()))
    }

    /// Runs the command for the given arguments and exits the process.
    public static func main(arguments: [String]) {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as DaytonaError {
            StandardStreams.writeError("error: \(error.message)\n")
            Foundation.exit(1)
        } catch let error as CLIError {
            StandardStreams.writeError("error: \(error.message)\n")
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            var text = fullMessage(for: error)
            if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
            StandardStreams.writeError("error: " + text + "\n")
            Foundation.exit(code.rawValue)
        }
    }
}

/// A command-line failure that is not the library's: an unwritable output file, a missing tool.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
