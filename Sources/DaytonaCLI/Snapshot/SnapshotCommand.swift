import ArgumentParser
import Daytona
import Foundation

/// `daytona-swift snapshot …`: build images into Daytona snapshots, list and remove them.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Build a recipe's image into a Daytona snapshot; list, show and delete snapshots.",
        subcommands: [Create.self, List.self, Get.self, Delete.self]
    )
}

extension SnapshotCommand {
    /// `snapshot create NAME RECIPE`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Build a recipe's image as a snapshot; prints its name once it is active.",
            discussion: """
                The recipe's build contexts are uploaded to the organization's object storage first \
                (skipped when already there; progress on standard error), then Daytona builds the \
                image; its log follows on standard error.
                """
        )

        @Argument(help: "The snapshot's name.") var name: String
        @Argument(help: "A YAML or JSON recipe file.") var recipe: String
        @Option(help: "CPU cores.") var cpu: Int?
        @Option(help: ArgumentHelp("Memory in GiB.", valueName: "GIB")) var memory: Int?
        @Option(help: ArgumentHelp("Disk in GiB.", valueName: "GIB")) var disk: Int?
        @Option(help: ArgumentHelp("An entrypoint word; repeatable.", valueName: "ARG")) var entrypoint: [String] = []
        @Option(help: "The region.") var target: String?
        @Option(help: "The hash that names each uploaded context: stable or python.") var hash: ContextHashScheme =
            .stable
        @Option(help: "Seconds to wait for the build (0: no limit).") var timeout: Double = 600
        @Flag(help: "Print the snapshot object as JSON.") var json = false

        func run() async throws {
            let image = try Image(recipeAt: recipe)
            let resources: Resources? =
                cpu == nil && memory == nil && disk == nil ? nil : Resources(cpu: cpu, memory: memory, disk: disk)
            let parameters = CreateSnapshotParameters(
                name: name,
                image: image,
                resources: resources,
                entrypoint: entrypoint.isEmpty ? nil : entrypoint,
                target: target,
                contextHashScheme: hash
            )
            let progress = ProgressReporter()
            let snapshot = try await CommandClient.make().snapshot.create(
                parameters,
                timeout: try TimeoutOption.duration(timeout) ?? .seconds(600),
                onLogs: { StandardStreams.writeError($0 + "\n") },
                onUploadProgress: progress.report
            )
            StandardStreams.write(json ? snapshot.jsonValue.jsonString + "\n" : snapshot.name + "\n")
        }
    }

    /// `snapshot list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List snapshots: ID<TAB>NAME<TAB>STATE lines (a JSON array with --json)."
        )

        @Flag(help: "Print a JSON array of snapshot objects.") var json = false

        func run() async throws {
            let snapshots = try await CommandClient.make().snapshot.list()
            if json {
                StandardStreams.write(JSONValue.array(snapshots.map(\.jsonValue)).jsonString + "\n")
            } else {
                StandardStreams.write(snapshots.map { "\($0)\n" }.joined())
            }
        }
    }

    /// `snapshot get NAME`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Show one snapshot: ID<TAB>NAME<TAB>STATE (the object with --json)."
        )

        @Argument(help: "The snapshot's name or id.") var name: String
        @Flag(help: "Print the snapshot object as JSON.") var json = false

        func run() async throws {
            let snapshot = try await CommandClient.make().snapshot.get(name)
            StandardStreams.write(json ? snapshot.jsonValue.jsonString + "\n" : "\(snapshot)\n")
        }
    }

    /// `snapshot delete NAME`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a snapshot.")

        @Argument(help: "The snapshot's name or id.") var name: String

        func run() async throws {
            let client = try CommandClient.make()
            try await client.snapshot.delete(try await client.snapshot.get(name))
        }
    }
}

/// Says upload progress on standard error: one line rewritten in place on a terminal, a plain
/// line per context otherwise (so logs stay readable).
final class ProgressReporter: Sendable {
    let isTerminal = isatty(2) == 1

    var report: @Sendable (UploadProgress) -> Void {
        { [isTerminal] progress in
            let size = progress.bytesTotal.map { " of \(Self.bytes($0))" } ?? ""
            if progress.alreadyUploaded {
                StandardStreams.writeError("context \(progress.context): already uploaded (\(progress.hash))\n")
            } else if isTerminal {
                let done = progress.bytesTotal.map { progress.bytesSent >= $0 } ?? false
                StandardStreams.writeError(
                    "\r\u{1B}[Kuploading \(progress.context): \(Self.bytes(progress.bytesSent))\(size)"
                        + (done ? "\n" : "")
                )
            } else if progress.bytesTotal.map({ progress.bytesSent >= $0 }) ?? false {
                StandardStreams.writeError(
                    "context \(progress.context): uploaded \(Self.bytes(progress.bytesSent)) (\(progress.hash))\n"
                )
            }
        }
    }

    static func bytes(_ count: UInt64) -> String {
        count < 1 << 20 ? "\(count) B" : String(format: "%.1f MiB", Double(count) / Double(1 << 20))
    }
}
