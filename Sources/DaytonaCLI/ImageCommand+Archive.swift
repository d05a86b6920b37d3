import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation

extension ImageCommand {
    /// `daytona-swift image archive RECIPE OUTDIR`: writes each context as a tar archive.
    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "Write each build context of a recipe as OUTDIR/HASH/context.tar.",
            discussion: """
                Prints the manifest: a JSON array, one object per context in context-list order, \
                {"source_path": …, "archive_path": …, "hash": …, "archive": "OUTDIR/HASH/context.tar"}. \
                HASH is the stable hash unless --hash python is given. With --stdout, the tar of a \
                recipe's only context goes to standard output instead. Archives are POSIX pax tars: \
                members in sorted order, links kept as links, permissions 0644/0755, leading slashes of \
                an archive path dropped (as tar does), files a context's ignore rules leave out \
                absent (add_local_dir's `ignore`, the context folder's .dockerignore). Every context is \
                checked and hashed before anything is written (a missing source, a device, FIFO or \
                socket, an unreadable file or folder fails with nothing written); if writing fails \
                all the same, the archives this run wrote are removed again. With --stdout, a file \
                that fails to read after streaming has begun leaves a truncated tar on the pipe \
                (the exit status says so): what a pipe carried cannot be taken back.
                """
        )

        @Argument(help: "A YAML or JSON recipe file.")
        var recipe: String

        @Argument(help: "The folder to write the archives in (created if missing).")
        var outdir: String?

        @Option(help: "The hash that names each archive's folder: stable or python.")
        var hash: ContextHashScheme = .stable

        @Flag(help: "Write the tar of the recipe's single context to standard output.")
        var stdout = false

        func validate() throws {
            if stdout && outdir != nil {
                throw ValidationError("give either OUTDIR or --stdout, not both")
            }
            if !stdout && outdir == nil {
                throw ValidationError("missing OUTDIR (or --stdout)")
            }
        }

        /// Writes the archives and returns the manifest text.
        func render() throws -> String {
            let image = try Image(recipeAt: recipe)
            let written = try ContextArchive().writeArchives(
                of: image.contextList,
                into: outdir ?? ".",
                scheme: hash
            )
            return ContextListJSON.render(
                written.map { ContextListJSON.Entry(context: $0.context, hash: $0.hash, archive: $0.archivePath) }
            )
        }

        func run() throws {
            if stdout {
                let contexts = try Image(recipeAt: recipe).contextList
                guard contexts.count == 1 else {
                    throw CLIError("--stdout needs a recipe with exactly one context; this one has \(contexts.count)")
                }
                guard isatty(1) == 0 else {
                    throw CLIError("refusing to write a tar archive to a terminal: redirect or pipe standard output")
                }
                try ContextArchive().writeToStandardOutput(contexts)
                return
            }
            StandardStreams.write(try render())
        }
    }
}
