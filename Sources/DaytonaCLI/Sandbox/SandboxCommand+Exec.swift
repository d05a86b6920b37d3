import ArgumentParser
import Daytona

extension SandboxCommand {
    /// `sandbox exec ID -- COMMAND...`: the command's output, and its exit status as the tool's.
    struct Exec: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exec",
            abstract: "Run a shell command in a sandbox; prints its output and exits with its status.",
            discussion: """
                The COMMAND words are joined with single spaces into the one command line the \
                sandbox's shell runs, as `ssh HOST -- ...` does. With --json the tool prints \
                {"exit_code": N, "result": "..."} and exits 0.
                """
        )

        @Argument(help: "The sandbox's id or name.") var id: String
        @Option(help: "The working folder.") var cwd: String?
        @Option(help: ArgumentHelp("An environment variable, KEY=VALUE; repeatable.", valueName: "K=V"))
        var env: [String] = []
        @Option(help: "Seconds the command may run.") var timeout: Double?
        @Flag(help: "Print the exit code and output as JSON and exit 0.") var json = false
        @Argument(parsing: .postTerminator, help: "The command.") var command: [String] = []

        func validate() throws {
            if command.isEmpty { throw ValidationError("Give the command after --: sandbox exec ID -- COMMAND...") }
        }

        func run() async throws {
            let env = try KeyValueWords.parse(env, option: "--env")
            let timeout = try TimeoutOption.duration(timeout)
            let sandbox = try await CommandClient.make().get(id)
            let ran = try await sandbox.process.exec(
                command.joined(separator: " "),
                cwd: cwd,
                env: env,
                timeout: timeout
            )
            try RunOutput(result: ran, charts: nil).emit(json: json)
        }
    }
}

/// Prints a command's or code run's result as the contract says, and ends with its status.
struct RunOutput {
    var result: ExecutionResult
    var charts: [Chart]?

    func emit(json: Bool) throws {
        if json {
            var object: JSONObject = ["exit_code": .int(result.exitCode), "result": .string(result.result)]
            if let charts { object["charts"] = .array(charts.map(\.jsonValue)) }
            StandardStreams.write(JSONValue.object(object).jsonString + "\n")
            return
        }
        StandardStreams.write(result.result)
        if result.exitCode != 0 {
            // An exit status is a byte; 256 would read as success.
            let status = Int32(truncatingIfNeeded: result.exitCode & 0xFF)
            throw ExitCode(status == 0 ? 1 : status)
        }
    }
}
