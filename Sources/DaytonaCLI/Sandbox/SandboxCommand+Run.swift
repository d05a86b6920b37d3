import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

extension SandboxCommand {
    /// `sandbox run ID FILE|-`: a code run, with the charts it drew written to a folder.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run code in a sandbox; prints its output and exits with its status.",
            discussion: """
                With --charts DIR every chart the run returned is written as DIR/chart-N.json (its \
                normalized metadata), DIR/chart-N.svg (rendered) and, when it carries one, \
                DIR/chart-N.png, N counting from 1 in the order returned. With --json the tool prints \
                {"exit_code": N, "result": "...", "charts": [...]} and exits 0.
                """
        )

        @Argument(help: "The sandbox's id or name.") var id: String
        @Argument(help: ArgumentHelp("The program, or - for standard input.", valueName: "FILE")) var file: String
        @Option(help: "python, javascript or typescript (default: the sandbox's language).") var language: String?
        @Option(help: ArgumentHelp("An environment variable, KEY=VALUE; repeatable.", valueName: "K=V"))
        var env: [String] = []
        @Option(help: "Seconds the run may take.") var timeout: Double?
        @Option(help: ArgumentHelp("Write each chart's JSON, SVG and PNG here.", valueName: "DIR")) var charts: String?
        @Flag(help: "Print the exit code, output and charts as JSON and exit 0.") var json = false

        func run() async throws {
            let language = try language.map { name in
                guard let language = CodeLanguage(rawValue: name) else {
                    throw ValidationError("--language must be python, javascript or typescript, not '\(name)'")
                }
                return language
            }
            let env = try KeyValueWords.parse(env, option: "--env")
            let timeout = try TimeoutOption.duration(timeout)
            let data = try LocalFileSystem.wholeFile(at: file)
            guard let code = String(data: data, encoding: .utf8) else {
                throw DaytonaBadRequestError(message: "\(file == "-" ? "<stdin>" : file) is not UTF-8 text")
            }
            let sandbox = try await CommandClient.make().get(id)
            let ran = try await sandbox.process.codeRun(code, language: language, env: env, timeout: timeout)
            if let charts { try ChartFiles(folder: charts).write(ran.artifacts.charts) }
            try RunOutput(result: ran, charts: ran.artifacts.charts).emit(json: json)
        }
    }
}

/// The files `sandbox run --charts DIR` writes: all of them or, on failure, none.
struct ChartFiles {
    var folder: String

    func write(_ charts: [Chart]) throws {
        try LocalFileSystem.makeDirectories(folder)
        var files: [(path: String, data: Data)] = []
        for (index, chart) in charts.enumerated() {
            let stem = "\(folder)/chart-\(index + 1)"
            files.append((stem + ".json", Data((chart.jsonValue.jsonString + "\n").utf8)))
            files.append((stem + ".svg", Data(chart.svg(width: 720, height: 450).utf8)))
            if let png = try chart.pngData { files.append((stem + ".png", png)) }
        }
        try AtomicFiles.write(files)
    }
}
