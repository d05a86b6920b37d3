import ArgumentParser
import Daytona
import DaytonaSystem

extension ImageCommand {
    /// `daytona-swift image dockerfile RECIPE`: prints the recipe's Dockerfile.
    struct Dockerfile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dockerfile",
            abstract: "Print the Dockerfile of an image recipe.",
            discussion: "The text is byte for byte what the Python SDK's Image.dockerfile() returns for the same steps."
        )

        @Argument(help: "A YAML or JSON recipe file.")
        var recipe: String

        /// The Dockerfile text, exactly as printed (no newline is added).
        func render() throws -> String {
            try Image(recipeAt: recipe).dockerfile
        }

        func run() throws {
            StandardStreams.write(try render())
        }
    }
}
