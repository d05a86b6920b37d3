import ArgumentParser
import Daytona
import DaytonaSystem

extension ImageCommand {
    /// `daytona-swift image contexts RECIPE`: lists the recipe's build contexts as JSON.
    struct Contexts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contexts",
            abstract: "List the local build contexts of an image recipe as a JSON array.",
            discussion: """
                One object per context, in context-list order: {"source_path": …, "archive_path": …}.
                With --hash, each object also has "hash": 32 hex digits. `python` is the MD5 the Python
                SDK computes on this machine (it follows the order the file system lists folders);
                `stable` is this package's hash, the same for the same content on any machine.
                """
        )

        @Argument(help: "A YAML or JSON recipe file.")
        var recipe: String

        @Option(help: "Add each context's hash: python or stable.")
        var hash: ContextHashScheme?

        /// The JSON array, one context object per line.
        func render() throws -> String {
            let image = try Image(recipeAt: recipe)
            let hasher = hash.map { ContextHasher(scheme: $0) }
            return ContextListJSON.render(
                try image.contextList.map { ContextListJSON.Entry(context: $0, hash: try hasher?.hash(of: $0)) }
            )
        }

        func run() throws {
            StandardStreams.write(try render())
        }
    }
}

/// Writes a list of contexts as the contract's JSON array.
enum ContextListJSON {
    /// One context object: its paths and, when computed, its hash and the archive written.
    struct Entry {
        var context: Context
        var hash: String? = nil
        /// The path of the context's archive (`image archive`'s manifest).
        var archive: String? = nil
    }

    /// The JSON array with a newline: one object per line.
    ///
    /// Each object is `{"source_path": …, "archive_path": …[, "hash": …][, "archive": …]}`.
    static func render(_ entries: [Entry]) -> String {
        guard !entries.isEmpty else { return "[]\n" }
        let lines = entries.map { entry in
            var fields = [
                "\"source_path\": " + JSONText.string(entry.context.sourcePath),
                "\"archive_path\": " + (entry.context.archivePath.map { JSONText.string($0) } ?? "null"),
            ]
            if let hash = entry.hash { fields.append("\"hash\": " + JSONText.string(hash)) }
            if let archive = entry.archive { fields.append("\"archive\": " + JSONText.string(archive)) }
            return "  {" + fields.joined(separator: ", ") + "}"
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }
}
