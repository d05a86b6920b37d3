import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// A self-contained local build folder: a `Dockerfile` and every context at its archive path.
///
///     try BuildFolder(dockerfile: image.dockerfile, contexts: image.contextList).write(to: "/tmp/build")
///     // docker build /tmp/build   or   buildah bud /tmp/build
///
/// The folder holds what Daytona's builder unpacks, so a local `docker build` or `buildah bud`
/// builds the same image. Members are laid out as ``ContextArchive`` stores them (normalised
/// permissions, links kept below a context's root); later contexts overwrite earlier files at
/// the same path, as unpacking their archives one after another would.
public struct BuildFolder: Sendable {
    /// The Dockerfile text.
    public var dockerfile: String
    /// The contexts to lay out.
    public var contexts: [Context]
    var fileSystem: any FileSystem

    /// Creates a build folder description.
    public init(dockerfile: String, contexts: [Context]) {
        self.dockerfile = dockerfile
        self.contexts = contexts
        self.fileSystem = LocalFileSystem()
    }

    /// Writes the folder at `path`, which must be missing or empty.
    ///
    /// Every context is checked before anything is written; when writing fails, what this call
    /// created is removed again (the folder itself when it was missing, its entries when it
    /// was empty).
    /// - Throws: ``DaytonaBadRequestError`` when the folder is not empty or lies inside a
    ///   folder context, an archive path has a `..` component or is `Dockerfile`,
    ///   or a context lays its own `Dockerfile` at the top of the folder;
    ///   ``DaytonaNotFoundError`` when a source does not exist; ``DaytonaError`` when reading
    ///   or writing fails.
    public func write(to path: String) throws {
        let prefixes = try contexts.map { try ContextPath.memberPrefix(forArchivePath: $0.effectiveArchivePath) }
        for (context, prefix) in zip(contexts, prefixes) where prefix == "Dockerfile" || prefix.hasPrefix("Dockerfile/")
        {
            throw DaytonaBadRequestError(
                message:
                    "context '\(context.sourcePath)' has the archive path 'Dockerfile', which the build folder's Dockerfile needs"
            )
        }
        _ = try ContextWalk(fileSystem: fileSystem).validate(contexts) { context, name, _ in
            guard name == "Dockerfile" else { return }
            throw DaytonaBadRequestError(
                message:
                    "context '\(context.sourcePath)' (archive path '\(context.effectiveArchivePath)') holds a "
                    + "'Dockerfile' that would land at the top of the build folder, where the recipe's generated "
                    + "Dockerfile goes: the folder would not build what Daytona builds; give the context another "
                    + "archive path or leave that file out of it"
            )
        }
        try ContextWalk(fileSystem: fileSystem).ensure(path, isOutside: contexts, describedAs: "build folder")
        if let info = try fileSystem.info(at: path, followingLinks: true) {
            guard info.kind == .directory else {
                throw DaytonaBadRequestError(message: "'\(path)' exists and is not a folder")
            }
            guard try fileSystem.entries(in: path).isEmpty else {
                throw DaytonaBadRequestError(message: "'\(path)' is not empty; give a new or empty folder")
            }
        }
        let created = try LocalFileSystem.makeDirectoriesReportingCreated(path)
        do {
            try write(prefixes: prefixes, into: path)
        } catch {
            if let outermost = created.first {
                try? LocalFileSystem.removeTree(outermost)
            } else {
                for entry in (try? fileSystem.entries(in: path)) ?? [] {
                    try? LocalFileSystem.removeTree(PythonPath.join(path, entry.name))
                }
            }
            throw error
        }
    }

    private func write(prefixes: [String], into path: String) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: FileIO.chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        for (context, prefix) in zip(contexts, prefixes) {
            try lay(context, prefix: prefix, under: path, buffer: buffer)
        }
        let output = try OutputFile.create(PythonPath.join(path, "Dockerfile"))
        var text = dockerfile
        try text.withUTF8 { try output.write(UnsafeRawBufferPointer($0)) }
        try output.close()
    }

    private func lay(
        _ context: Context,
        prefix: String,
        under folder: String,
        buffer: UnsafeMutableRawBufferPointer
    ) throws {
        var madeParent = false
        try ContextWalk(fileSystem: fileSystem).visit(root: context.absoluteSourcePath, ignore: context.ignore) {
            entry in
            // The folders above the prefix, made once something is laid under it, as unpacking
            // the context's archive would make them.
            if !madeParent, let slash = prefix.lastIndex(of: "/") {
                try LocalFileSystem.makeDirectories(PythonPath.join(folder, String(prefix[..<slash])))
            }
            madeParent = true
            let relative = ContextWalk.memberName(prefix: prefix, relativePath: entry.relativePath)
            let target = relative.isEmpty ? folder : PythonPath.join(folder, relative)
            switch entry.kind {
            case .directory:
                try LocalFileSystem.makeDirectories(target)
                try LocalFileSystem.setPermissions(target, 0o755)
            case .symbolicLink:
                try LocalFileSystem.removeFileIfPresent(target)
                try LocalFileSystem.makeSymbolicLink(target, target: entry.linkTarget ?? "")
            default:
                let reader = try fileSystem.openRegularFile(entry.path)
                defer { reader.close() }
                let info = try reader.info()
                try LocalFileSystem.removeFileIfPresent(target)
                let output = try OutputFile.create(target)
                while true {
                    let count = try reader.read(into: buffer)
                    if count == 0 { break }
                    try output.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                }
                try output.setPermissions(info.isExecutable ? 0o755 : 0o644)
                try output.close()
            }
        }
    }
}
