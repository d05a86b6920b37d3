import DaytonaCharts
import Foundation

/// Runs commands and code in a sandbox; reach it as ``Sandbox/process``.
public struct SandboxProcess: Sendable {
    let sandbox: Sandbox

    /// The margin an HTTP request gets beyond the run's own time-out, so that the sandbox's
    /// time-out answer arrives before the client gives up.
    static let responseMargin = Duration.seconds(30)

    /// Runs a shell command and waits for it to finish.
    ///
    ///     let ran = try await sandbox.process.exec("ls", cwd: "work", env: ["X": "1"], timeout: .seconds(10))
    ///
    /// - Parameters:
    ///   - command: The command line, run by the sandbox's shell.
    ///   - cwd: The working folder; relative paths are inside the user's home; `nil` is the sandbox's working folder.
    ///   - env: Environment variables for this command.
    ///   - timeout: How long the command may run; `nil` leaves it to the sandbox.
    /// - Returns: The exit code and output; a non-zero exit is a result, not an error.
    public func exec(
        _ command: String,
        cwd: String? = nil,
        env: [String: String] = [:],
        timeout: Duration? = nil
    ) async throws -> ExecutionResult {
        let request = Components.Schemas.ExecuteRequest(
            command: command,
            cwd: cwd,
            envs: env.isEmpty ? nil : .init(additionalProperties: env),
            timeout: try timeout.map(Self.wholeSeconds)
        )
        let toolbox = try await sandbox.toolbox(timeout: requestTimeout(timeout))
        let response = try await sandbox.client.http.perform("execute command") {
            try await toolbox.executeCommand(body: .json(request)).ok.body.json
        }
        let output = response.result
        return ExecutionResult(
            exitCode: response.exitCode ?? 0,
            result: output,
            artifacts: ExecutionArtifacts(stdout: output)
        )
    }

    /// Runs code in the sandbox's language and returns its output and the charts it drew.
    ///
    ///     let code = try await sandbox.process.codeRun("print(1 + 1)")
    ///     for chart in code.artifacts.charts { print(chart.type) }
    ///
    /// - Parameters:
    ///   - code: The program.
    ///   - language: The language; `nil` is the sandbox's (``Sandbox/language``).
    ///   - arguments: Command-line arguments for the program.
    ///   - env: Environment variables for this run.
    ///   - timeout: How long the run may take; `nil` leaves it to the sandbox.
    /// - Throws: a `DaytonaError` naming the chart whose metadata is malformed.
    public func codeRun(
        _ code: String,
        language: CodeLanguage? = nil,
        arguments: [String] = [],
        env: [String: String] = [:],
        timeout: Duration? = nil
    ) async throws -> ExecutionResult {
        let request = Components.Schemas.CodeRunRequest(
            code: code,
            language: (language ?? sandbox.language).rawValue,
            argv: arguments.isEmpty ? nil : arguments,
            envs: env.isEmpty ? nil : .init(additionalProperties: env),
            timeout: try timeout.map(Self.wholeSeconds)
        )
        let toolbox = try await sandbox.toolbox(timeout: requestTimeout(timeout))
        let response = try await sandbox.client.http.perform("run code") {
            try await toolbox.codeRun(body: .json(request)).ok.body.json
        }
        let output = response.result ?? ""
        var charts: [Chart] = []
        for (index, wire) in (response.artifacts?.charts ?? []).enumerated() {
            do {
                charts.append(try Chart(jsonBytes: try JSONEncoder().encode(wire)))
            } catch let error as DaytonaError {
                throw error.prefixed("Failed to run code: chart \(index + 1) of the result: ")
            }
        }
        return ExecutionResult(
            exitCode: response.exitCode ?? 0,
            result: output,
            artifacts: ExecutionArtifacts(stdout: response.artifacts?.stdout ?? output, charts: charts)
        )
    }

    private func requestTimeout(_ runTimeout: Duration?) -> Duration {
        let base = sandbox.client.configuration.requestTimeout
        guard let runTimeout else { return base }
        return max(base, runTimeout + Self.responseMargin)
    }

    /// The API counts whole seconds; a fraction rounds up so the run gets at least what was asked.
    static func wholeSeconds(_ duration: Duration) throws -> Int {
        guard duration >= .zero else {
            throw DaytonaBadRequestError(message: "Timeout must be a non-negative number")
        }
        let (seconds, attoseconds) = duration.components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }
}
