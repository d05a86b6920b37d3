import ArgumentParser
import Daytona
import DaytonaSystem

extension ImageCommand {
    /// `daytona-swift image export RECIPE DIR`: writes a self-contained local build folder.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a build folder: the Dockerfile and every context at its archive path.",
            discussion: """
                `docker build DIR` or `buildah bud DIR` then builds the image Daytona would build. \
                DIR must be missing or empty. Files a context's ignore rules leave out are not \
                written. Prints DIR. On failure, what the run created is \
                removed again. A context that would lay its own `Dockerfile` at the top of DIR (for \
                example `add_local_dir: .`) is an error: the generated Dockerfile goes there.
                """
        )

        @Argument(help: "A YAML or JSON recipe file.")
        var recipe: String

        @Argument(help: "The folder to write (missing or empty).")
        var directory: String

        /// Writes the folder and returns what is printed.
        func render() throws -> String {
            let image = try Image(recipeAt: recipe)
            try BuildFolder(dockerfile: image.dockerfile, contexts: image.contextList).write(to: directory)
            return directory + "\n"
        }

        func run() throws {
            StandardStreams.write(try render())
        }
    }
}
