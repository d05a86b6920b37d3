import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

extension ImageCommand {
    /// `daytona-swift image build RECIPE --tag NAME`: builds the image locally.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Build a recipe's image locally with buildah or docker.",
            discussion: """
                Exports the build folder to a temporary folder and runs `buildah bud` or \
                `docker build` on it, with the environment inherited and the builder's output on \
                standard error. Without --builder, buildah is used if it is on PATH, else docker. \
                In a container, buildah needs BUILDAH_ISOLATION=chroot (and usually \
                STORAGE_DRIVER=vfs). Prints the tag on success.
                """
        )

        @Argument(help: "A YAML or JSON recipe file.")
        var recipe: String

        @Option(help: "The name to tag the built image with.")
        var tag: String

        @Option(help: "The builder to use: buildah or docker (default: the first found).")
        var builder: LocalImageBuilder?

        @Option(
            parsing: .unconditionalSingleValue,
            help: "An extra argument for the builder (repeatable), e.g. --builder-arg=--layers."
        )
        var builderArg: [String] = []

        func run() throws {
            let image = try Image(recipeAt: recipe)
            let environment = ProcessInfo.processInfo.environment
            let (kind, executable) = try LocalImageBuilder.find(builder, environment: environment)
            let folder = try LocalFileSystem.makeTemporaryDirectory(prefix: "daytona-build")
            defer { try? LocalFileSystem.removeTree(folder) }
            try BuildFolder(dockerfile: image.dockerfile, contexts: image.contextList).write(to: folder)
            try kind.run(executable: executable, arguments: kind.arguments(tag: tag, extra: builderArg, folder: folder))
            StandardStreams.write(tag + "\n")
        }
    }
}

extension LocalImageBuilder: ExpressibleByArgument {}
