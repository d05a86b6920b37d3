import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

/// The root of the `daytona-swift` command tree.
///
/// It only holds the tree and maps errors to the contract: on failure nothing goes to stdout,
/// one `error: …` line goes to stderr, and the exit status is non-zero.
public struct DaytonaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "daytona-swift",
        abstract: "Build Daytona sandbox images, run code in Daytona sandboxes, and read the charts it produces.",
        subcommands: [ImageCommand.self, ChartCommand.self, SandboxCommand.self, SnapshotCommand.self]
    )

    public init() {}

    /// Runs the command for the given arguments and exits the process.
    ///
    /// On the main actor, so that a synchronous command (`chart normalize`, `image dockerfile`)
    /// runs on the main thread: on a pool thread glibc's malloc grows a thread arena with one
    /// `mprotect` call after another (19,484 for a 1,000,000-point chart; see
    /// `Benchmarks/charts/RESULTS.md`).
    @MainActor
    public static func main(arguments: [String]) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as DaytonaError {
            StandardStreams.writeError("error: \(Self.line(for: error))\n")
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

extension DaytonaCommand {
    /// The one line an error prints: its message and, for an HTTP answer, the status.
    static func line(for error: DaytonaError) -> String {
        guard let status = error.statusCode else { return error.message }
        return "\(error.message) (\(status))"
    }
}

/// A command-line failure that is not the library's: an unwritable output file, a missing tool.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
