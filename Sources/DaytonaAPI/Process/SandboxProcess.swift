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
        let response = try await send(request, to: "process/execute", timeout: timeout, operation: "execute command")
        guard case .string(let output)? = response["result"] else {
            throw DaytonaError(
                message: "Failed to execute command: unexpected response: field 'result': expected a string"
            )
        }
        return ExecutionResult(
            exitCode: try Self.exitCode(response, operation: "execute command"),
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
        let response = try await send(request, to: "process/code-run", timeout: timeout, operation: "run code")
        let output: String
        switch response["result"] {
        case .string(let text)?: output = text
        case nil, .null?: output = ""
        default:
            throw DaytonaError(message: "Failed to run code: unexpected response: field 'result': expected a string")
        }
        var stdout = output
        var charts: [Chart] = []
        switch response["artifacts"] {
        case .object(let artifacts)?:
            switch artifacts["stdout"] {
            case .string(let text)?: stdout = text
            case nil, .null?: break
            default:
                throw DaytonaError(
                    message: "Failed to run code: unexpected response: field 'artifacts.stdout': expected a string"
                )
            }
            switch artifacts["charts"] {
            case .array(let list)?:
                for (index, wire) in list.enumerated() {
                    do {
                        charts.append(try Chart(jsonValue: wire))
                    } catch let error as DaytonaError {
                        throw error.prefixed("Failed to run code: chart \(index + 1) of the result: ")
                    }
                }
            case nil, .null?: break
            default:
                throw DaytonaError(
                    message: "Failed to run code: unexpected response: field 'artifacts.charts': expected an array"
                )
            }
        case nil, .null?: break
        default:
            throw DaytonaError(
                message: "Failed to run code: unexpected response: field 'artifacts': expected an object"
            )
        }
        return ExecutionResult(
            exitCode: try Self.exitCode(response, operation: "run code"),
            result: output,
            artifacts: ExecutionArtifacts(stdout: stdout, charts: charts)
        )
    }

    /// Sends one toolbox request and returns the answer's JSON object.
    private func send(
        _ request: JSONObject,
        to path: String,
        timeout: Duration?,
        operation: String
    ) async throws -> JSONObject {
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
        return object
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

    /// The `exitCode` field; a missing one is 0, as the Python SDK reads it.
    private static func exitCode(_ response: JSONObject, operation: String) throws -> Int {
        switch response["exitCode"] {
        case .int(let code)?: return code
        case nil, .null?: return 0
        default:
            throw DaytonaError(
                message: "Failed to \(operation): unexpected response: field 'exitCode': expected an integer"
            )
        }
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
