import ArgumentParser

/// `daytona-swift image …`: work with image recipes.
struct ImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Turn an image recipe into a Dockerfile, build contexts, archives or a built image.",
        subcommands: [Dockerfile.self, Contexts.self, Archive.self, Export.self, Build.self]
    )
}
