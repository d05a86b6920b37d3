/// Writes contexts as a tar archive, each under its archive path.
///
///     try ContextArchive().write([context], toFileAt: "/tmp/context.tar")
///
/// Members come in canonical order (names sorted by their bytes), so the same content gives the
/// same archive. Files keep their modification time; permissions are normalised to `0644`, or
/// `0755` when the owner may execute (folders `0755`, links `0777`), which is exactly what the
/// stable hash covers. Below a context's root, links are stored as links; a root that is a link
/// is followed. Files stream in chunks, so memory stays flat.
public struct ContextArchive: Sendable {
    var fileSystem: any ContextFileSystem
    var concurrent: Bool

    /// Creates an archive writer for the local file system.
    public init() {
        self.init(fileSystem: LocalFileSystem())
    }

    init(fileSystem: any ContextFileSystem, concurrent: Bool = true) {
        self.fileSystem = fileSystem
        self.concurrent = concurrent
    }

    /// Writes the archive of `contexts` to a file, replacing it.
    ///
    /// - Throws: ``DaytonaBadRequestError`` when an archive path is absolute or has a `..`
    ///   component; ``DaytonaNotFoundError`` when a source does not exist; ``DaytonaError`` when
    ///   reading or writing fails. A failed write may leave a partial file.
    public func write(_ contexts: [Context], toFileAt path: String) throws {
        let output = try OutputFile.create(path)
        try write(contexts, to: output)
        try output.close()
    }

    /// Writes the archive of `contexts` to standard output.
    ///
    /// - Throws: as ``write(_:toFileAt:)``.
    public func writeToStandardOutput(_ contexts: [Context]) throws {
        try write(contexts, to: OutputFile.standardOutput())
    }

    func write(_ contexts: [Context], to output: OutputFile) throws {
        let prefixes = try contexts.map { try ContextPath.memberPrefix(forArchivePath: $0.effectiveArchivePath) }
        for context in contexts {
            guard try fileSystem.info(at: context.absoluteSourcePath, followingLinks: false) != nil else {
                throw DaytonaNotFoundError(message: "context source '\(context.sourcePath)' does not exist")
            }
        }
        try ChunkPipeline.run(concurrent: concurrent) { writer in
            let tar = TarWriter(writer: writer)
            for (context, prefix) in zip(contexts, prefixes) {
                try writeMembers(of: context, prefix: prefix, to: tar)
            }
            try tar.finish()
        } consume: { bytes in
            try output.write(bytes)
        }
    }

    private func writeMembers(of context: Context, prefix: String, to tar: TarWriter) throws {
        try ContextWalk(fileSystem: fileSystem).visit(root: context.absoluteSourcePath) { entry in
            let name =
                entry.relativePath.isEmpty
                ? prefix : prefix.isEmpty ? entry.relativePath : prefix + "/" + entry.relativePath
            switch entry.kind {
            case .directory:
                if name.isEmpty { return }
                try tar.writeHeader(
                    name: name + "/",
                    kind: .directory,
                    permissions: 0o755,
                    size: 0,
                    modificationTime: entry.info.modificationTime
                )
            case .symbolicLink:
                guard !name.isEmpty else {
                    throw DaytonaBadRequestError(message: "context '\(context.sourcePath)' has an empty archive path")
                }
                try tar.writeHeader(
                    name: name,
                    kind: .symbolicLink(target: entry.linkTarget ?? ""),
                    permissions: 0o777,
                    size: 0,
                    modificationTime: entry.info.modificationTime
                )
            default:
                guard !name.isEmpty else {
                    throw DaytonaBadRequestError(message: "context '\(context.sourcePath)' has an empty archive path")
                }
                let reader = try fileSystem.openRegularFile(entry.path)
                defer { reader.close() }
                let info = try reader.info()
                try tar.writeHeader(
                    name: name,
                    kind: .file,
                    permissions: info.isExecutable ? 0o755 : 0o644,
                    size: info.size,
                    modificationTime: info.modificationTime
                )
                try tar.writer.copy(info.size, from: reader, path: entry.path)
                try tar.pad(size: info.size)
            }
        }
    }
}
