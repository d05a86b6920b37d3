import ArgumentParser
import Daytona
import Foundation
import Logging

/// `daytona-swift sandbox …`: create, find, run in and remove Daytona sandboxes.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Create, list, run commands and code in, and move files into and out of Daytona sandboxes.",
        discussion: """
            Credentials come from DAYTONA_API_KEY (or DAYTONA_JWT_TOKEN with DAYTONA_ORGANIZATION_ID), \
            the API from DAYTONA_API_URL, the default region from DAYTONA_TARGET. ID is a sandbox's \
            id or name.
            """,
        subcommands: [
            Create.self, List.self, Get.self, Start.self, Stop.self, Delete.self, Exec.self, Run.self,
            Upload.self, Download.self,
        ]
    )
}

/// The client every sandbox and snapshot command talks through: configured from the environment,
/// saying each retry wait on standard error.
enum CommandClient {
    static func make() throws -> DaytonaClient {
        var logger = Logger(label: "daytona-swift") { _ in StandardErrorLogHandler() }
        logger.logLevel = .notice
        return try DaytonaClient(logger: logger)
    }
}

/// Writes the library's notices (retry waits) to standard error as one plain line each.
struct StandardErrorLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .notice

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (metadata.merging(event.metadata ?? [:]) { $1 })
        if let wait = fields["wait"], let reason = fields["reason"] {
            let request = [fields["method"], fields["path"]].compactMap { $0.map { "\($0)" } }.joined(separator: " ")
            let attempt = fields["attempt"].map { ", attempt \($0)" } ?? ""
            StandardStreams.writeError("daytona-swift: \(reason) from \(request); retrying in \(wait) s\(attempt)\n")
        } else {
            StandardStreams.writeError("daytona-swift: \(event.message)\n")
        }
    }
}

/// `K=V` words of `--env` and `--label`.
enum KeyValueWords {
    static func parse(_ words: [String], option: String) throws -> [String: String] {
        var pairs: [String: String] = [:]
        for word in words {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw ValidationError("\(option) takes KEY=VALUE, not '\(word)'")
            }
            pairs[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        return pairs
    }
}

/// `--timeout SECONDS` as a duration.
enum TimeoutOption {
    static func duration(_ seconds: Double?, default fallback: Duration? = nil) throws -> Duration? {
        guard let seconds else { return fallback }
        guard seconds.isFinite, seconds >= 0 else {
            throw ValidationError("--timeout must be a non-negative number of seconds, not \(seconds)")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

extension Sandbox {
    /// The line `list` and `get` print: `ID<TAB>NAME<TAB>STATE`.
    var line: String { "\(id)\t\(name)\t\(state)\n" }
}
