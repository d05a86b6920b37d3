import ArgumentParser
import Daytona

extension SandboxCommand {
    /// `sandbox list`: every sandbox, or those with all the given labels.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List sandboxes: ID<TAB>NAME<TAB>STATE lines (a JSON array with --json)."
        )

        @Option(help: ArgumentHelp("Only sandboxes with this label, KEY=VALUE; repeatable.", valueName: "K=V"))
        var label: [String] = []
        @Flag(help: "Print a JSON array of sandbox objects.") var json = false

        func run() async throws {
            let labels = try KeyValueWords.parse(label, option: "--label")
            let sandboxes = try await CommandClient.make().list(labels: labels)
            if json {
                StandardStreams.write(JSONValue.array(sandboxes.map(\.jsonValue)).jsonString + "\n")
            } else {
                StandardStreams.write(sandboxes.map(\.line).joined())
            }
        }
    }

    /// `sandbox get ID`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Show one sandbox: ID<TAB>NAME<TAB>STATE (the object with --json)."
        )

        @Argument(help: "The sandbox's id or name.") var id: String
        @Flag(help: "Print the sandbox object as JSON.") var json = false

        func run() async throws {
            let sandbox = try await CommandClient.make().get(id)
            StandardStreams.write(json ? sandbox.jsonValue.jsonString + "\n" : sandbox.line)
        }
    }
}
