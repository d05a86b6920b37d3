import ArgumentParser
import Daytona

extension SandboxCommand {
    /// `sandbox create`: a new sandbox from a snapshot or an image name; returns once it is started.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a sandbox and wait until it is started; prints its id (the object with --json).",
            discussion:
                "From --snapshot, --image or --recipe (at most one; none: the default snapshot). Build logs go to standard error."
        )

        @Option(help: "The snapshot to start from.") var snapshot: String?
        @Option(help: "An image to build the sandbox from, such as python:3.12-slim.") var image: String?
        @Option(help: "A recipe whose image to build the sandbox from (contexts are uploaded first).")
        var recipe: String?
        @Option(help: "The sandbox's name.") var name: String?
        @Option(help: "CPU cores (image builds only).") var cpu: Int?
        @Option(help: ArgumentHelp("Memory in GiB (image builds only).", valueName: "GIB")) var memory: Int?
        @Option(help: ArgumentHelp("Disk in GiB (image builds only).", valueName: "GIB")) var disk: Int?
        @Option(help: ArgumentHelp("An environment variable, KEY=VALUE; repeatable.", valueName: "K=V"))
        var env: [String] = []
        @Option(help: ArgumentHelp("A label, KEY=VALUE; repeatable.", valueName: "K=V")) var label: [String] = []
        @Option(help: ArgumentHelp("Minutes of inactivity before it stops (0: never).", valueName: "MINUTES"))
        var autoStop: Int?
        @Option(help: "The region.") var target: String?
        @Option(help: "With --recipe, the hash that names each uploaded context: stable or python.")
        var hash: ContextHashScheme = .stable
        @Option(help: "Seconds to wait for it to start (0: no limit).") var timeout: Double = 60
        @Flag(help: "Print the sandbox object as JSON.") var json = false

        func parameters() throws -> CreateSandboxParameters {
            let resources: Resources? =
                cpu == nil && memory == nil && disk == nil ? nil : Resources(cpu: cpu, memory: memory, disk: disk)
            return CreateSandboxParameters(
                snapshot: snapshot,
                image: try recipe.map { try Image(recipeAt: $0) },
                imageName: image,
                name: name,
                envVars: try KeyValueWords.parse(env, option: "--env"),
                labels: try KeyValueWords.parse(label, option: "--label"),
                resources: resources,
                autoStopInterval: autoStop,
                target: target,
                contextHashScheme: hash
            )
        }

        func run() async throws {
            let parameters = try parameters()
            let client = try CommandClient.make()
            let sandbox = try await client.create(
                parameters,
                timeout: try TimeoutOption.duration(timeout) ?? .seconds(60),
                onSnapshotLogs: { StandardStreams.writeError($0 + "\n") },
                onUploadProgress: ProgressReporter().report
            )
            StandardStreams.write(json ? sandbox.jsonValue.jsonString + "\n" : sandbox.id + "\n")
        }
    }
}
