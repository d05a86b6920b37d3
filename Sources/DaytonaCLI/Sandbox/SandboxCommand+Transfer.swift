import ArgumentParser
import Daytona
import Foundation

extension SandboxCommand {
    /// `sandbox upload ID LOCAL REMOTE`.
    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upload",
            abstract: "Copy a local file (or standard input, -) into a sandbox."
        )

        @Argument(help: "The sandbox's id or name.") var id: String
        @Argument(help: ArgumentHelp("The local file, or - for standard input.", valueName: "LOCAL")) var local: String
        @Argument(help: ArgumentHelp("The path in the sandbox.", valueName: "REMOTE")) var remote: String

        func run() async throws {
            let sandbox = try await CommandClient.make().get(id)
            if local == "-" {
                try await sandbox.fs.uploadFile(from: FileHandle.standardInput, to: remote)
            } else {
                try await sandbox.fs.uploadFile(atPath: local, to: remote)
            }
        }
    }

    /// `sandbox download ID REMOTE LOCAL`.
    struct Download: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "download",
            abstract: "Copy a file out of a sandbox to a local file (or standard output, -)."
        )

        @Argument(help: "The sandbox's id or name.") var id: String
        @Argument(help: ArgumentHelp("The path in the sandbox.", valueName: "REMOTE")) var remote: String
        @Argument(help: ArgumentHelp("The local file, or - for standard output.", valueName: "LOCAL")) var local: String

        func run() async throws {
            let sandbox = try await CommandClient.make().get(id)
            if local == "-" {
                try await sandbox.fs.downloadFile(remote, to: FileHandle.standardOutput)
            } else {
                try await sandbox.fs.downloadFile(remote, toPath: local)
            }
        }
    }
}
