import DaytonaCharts
import DaytonaJSON
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
        // Keys in sorted order, the bytes the generated client sent before.
        var request: JSONObject = ["command": .string(command)]
        if let cwd { request.appendUnique("cwd", .string(cwd)) }
        if !env.isEmpty { request.appendUnique("envs", Self.stringMap(env)) }
        if let timeout { request.appendUnique("timeout", .int(try Self.wholeSeconds(timeout))) }
        let answer = try await send(request, to: "process/execute", timeout: timeout, operation: "execute command")
        let output = try answer.required(answer.string("result"), "result")
        return ExecutionResult(
            exitCode: try answer.integer("exitCode") ?? 0,
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
        var request: JSONObject = [:]
        if !arguments.isEmpty { request.appendUnique("argv", .array(arguments.map(JSONValue.string))) }
        request.appendUnique("code", .string(code))
        if !env.isEmpty { request.appendUnique("envs", Self.stringMap(env)) }
        request.appendUnique("language", .string((language ?? sandbox.language).rawValue))
        if let timeout { request.appendUnique("timeout", .int(try Self.wholeSeconds(timeout))) }
        let answer = try await send(request, to: "process/code-run", timeout: timeout, operation: "run code")
        let output = try answer.string("result") ?? ""
        let artifacts = try answer.object("artifacts")
        var charts: [Chart] = []
        for (index, wire) in try (artifacts?.array("charts") ?? []).enumerated() {
            do {
                charts.append(try Chart(jsonValue: wire))
            } catch let error as DaytonaError {
                throw error.prefixed("Failed to run code: chart \(index + 1) of the result: ")
            }
        }
        return ExecutionResult(
            exitCode: try answer.integer("exitCode") ?? 0,
            result: output,
            artifacts: ExecutionArtifacts(stdout: try artifacts?.string("stdout") ?? output, charts: charts)
        )
    }

    /// Sends one toolbox request and returns the answer's JSON object.
    private func send(
        _ request: JSONObject,
        to path: String,
        timeout: Duration?,
        operation: String
    ) async throws -> ToolboxAnswer {
        let answer = try await sandbox.client.http.sendJSON(
            .post,
            to: try await sandbox.toolboxTarget(path),
            body: Self.compactJSON(request),
            timeout: requestTimeout(timeout),
            operation: operation
        )
        guard case .object(let object) = answer else {
            throw DaytonaError(message: "Failed to \(operation): unexpected response: the body is not a JSON object")
        }
        return ToolboxAnswer(fields: object, operation: operation, path: "")
    }

    /// The request body: compact, in the order built (sorted), as the generated client sent it.
    static func compactJSON(_ object: JSONObject) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeCompact(.object(object))
        return writer.output
    }

    private static func stringMap(_ map: [String: String]) -> JSONValue {
        .object(
            JSONObject(map.sorted { $0.key < $1.key }.map { JSONObject.Entry(key: $0.key, value: .string($0.value)) })
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
