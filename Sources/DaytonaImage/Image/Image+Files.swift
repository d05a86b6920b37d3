import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

extension Image {
    /// Returns a copy that copies a local file into the image.
    ///
    ///     let image = try Image.debianSlim("3.12").addLocalFile("package.json", remotePath: "/home/daytona/package.json")
    ///
    /// A `remotePath` ending in `/` gets the file's name appended. The file becomes a context
    /// whose archive path is the normalised local path without its root.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when nothing is at `localPath`,
    ///   ``DaytonaBadRequestError`` when it is not a file.
    public consuming func addLocalFile(_ localPath: String, remotePath: String) throws -> Image {
        var image = self
        try image.appendLocalFile(localPath, remotePath: remotePath)
        return image
    }

    /// Returns a copy that copies a local folder, recursively, into the image.
    ///
    ///     let image = try Image.debianSlim("3.12").addLocalDir("src", remotePath: "/home/daytona/src")
    ///     let lean = try Image.debianSlim("3.12")
    ///         .addLocalDir(".", remotePath: "/app", ignoring: [".git", "node_modules", "**/*.pyc", ".env*", "!.env.example"])
    ///
    /// - Parameters:
    ///   - localPath: The folder.
    ///   - remotePath: Where it goes in the image.
    ///   - ignoring: Patterns in the `.dockerignore` language (see ``IgnoreRules``), relative to
    ///     the folder, for what to leave out. Only these count: a `.dockerignore` inside the
    ///     folder is an ordinary file. The Dockerfile line is the same with or without them.
    /// - Throws: ``DaytonaNotFoundError`` when nothing is at `localPath`,
    ///   ``DaytonaBadRequestError`` when it is not a folder or a pattern is malformed.
    public consuming func addLocalDir(
        _ localPath: String,
        remotePath: String,
        ignoring: [String] = []
    ) throws
        -> Image
    {
        var image = self
        try image.appendLocalDirectory(localPath, remotePath: remotePath, ignoring: ignoring)
        return image
    }

    mutating func appendLocalFile(_ localPath: String, remotePath: String) throws {
        var destination = remotePath
        if destination.hasSuffix("/") { destination += PythonPath.name(localPath) }
        let expanded = paths.expandUser(localPath)
        switch try paths.kind(of: expanded) {
        case nil: throw DaytonaNotFoundError(message: "Local file \(expanded) does not exist")
        case .file: break
        default: throw DaytonaBadRequestError(message: "Local path \(expanded) exists but is not a file")
        }
        appendCopy(of: expanded, to: destination)
    }

    mutating func appendLocalDirectory(_ localPath: String, remotePath: String, ignoring: [String] = []) throws {
        let expanded = paths.expandUser(localPath)
        switch try paths.kind(of: expanded) {
        case nil: throw DaytonaNotFoundError(message: "Local directory \(expanded) does not exist")
        case .directory: break
        default: throw DaytonaBadRequestError(message: "Local path \(expanded) exists but is not a directory")
        }
        let rules = ignoring.isEmpty ? nil : try IgnoreRules(ignoring)
        appendCopy(of: expanded, to: remotePath, ignore: rules.flatMap { $0.isEmpty ? nil : Context.Ignore(rules: $0) })
    }

    private mutating func appendCopy(of localPath: String, to remotePath: String, ignore: Context.Ignore? = nil) {
        let archivePath = paths.archivePath(for: localPath)
        appendContext(sourcePath: localPath, archivePath: archivePath, ignore: ignore)
        append("COPY \(PythonText.jsonList([archivePath, remotePath]))\n")
    }
}
