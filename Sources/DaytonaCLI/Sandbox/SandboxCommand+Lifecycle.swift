import ArgumentParser
import Daytona

extension SandboxCommand {
    /// `sandbox start ID`.
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start a sandbox; returns once it is started."
        )

        @Argument(help: "The sandbox's id or name.") var id: String
        @Option(help: "Seconds to wait (0: no limit).") var timeout: Double = 60

        func run() async throws {
            let sandbox = try await CommandClient.make().get(id)
            try await sandbox.start(timeout: try TimeoutOption.duration(timeout) ?? .seconds(60))
        }
    }

    /// `sandbox stop ID`.
    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop",
            abstract: "Stop a sandbox; returns once it is stopped."
        )

        @Argument(help: "The sandbox's id or name.") var id: String
        @Option(help: "Seconds to wait (0: no limit).") var timeout: Double = 60

        func run() async throws {
            let sandbox = try await CommandClient.make().get(id)
            try await sandbox.stop(timeout: try TimeoutOption.duration(timeout) ?? .seconds(60))
        }
    }

    /// `sandbox delete ID`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a sandbox; returns once the API has accepted it."
        )

        @Argument(help: "The sandbox's id or name.") var id: String

        func run() async throws {
            try await CommandClient.make().get(id).delete()
        }
    }
}
