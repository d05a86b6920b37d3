import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

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
    var fileSystem: any FileSystem
    var concurrent: Bool

    /// Creates an archive writer for the local file system.
    public init() {
        self.init(fileSystem: LocalFileSystem())
    }

    init(fileSystem: any FileSystem, concurrent: Bool = true) {
        self.fileSystem = fileSystem
        self.concurrent = concurrent
    }

    /// Writes the archive of `contexts` to a file, replacing it.
    ///
    /// - Throws: ``DaytonaBadRequestError`` when an archive path has a `..` component (leading
    ///   slashes are dropped, as tar drops them); ``DaytonaNotFoundError`` when a source does
    ///   not exist; ``DaytonaError`` when reading or writing fails. Everything that can be checked ahead is checked before the
    ///   file is created; a failure while writing removes the file.
    public func write(_ contexts: [Context], toFileAt path: String) throws {
        var created: OutputFile?
        do {
            try write(contexts) {
                created = try OutputFile.create(path)
                return created!
            }
            try created?.close()
        } catch {
            if let created {
                try? created.close()
                try? LocalFileSystem.removeFileIfPresent(path)
            }
            throw error
        }
    }

    /// Writes the archive of `contexts` to standard output.
    ///
    /// Every context is walked once before the first byte is written (kinds, folders listable,
    /// files openable), so those errors leave standard output untouched. A read that fails
    /// once streaming has begun cannot take back what the pipe already carried.
    /// - Throws: as ``write(_:toFileAt:)``.
    public func writeToStandardOutput(_ contexts: [Context]) throws {
        try write(contexts) { OutputFile.standardOutput() }
    }

    /// Validates every context (``ContextWalk/validate(_:member:)``), and only then opens the
    /// output and streams the archive into it.
    func write(_ contexts: [Context], opening open: () throws -> OutputFile) throws {
        let listings = try contexts.map { try listing(of: $0) }
        try write(listings, to: try open())
    }

    /// One context as its check listed it.
    ///
    /// The walk is kept and streamed from, so the tree is listed once, not twice. Entries are stored without their member names, which are
    /// derived again while writing, to keep a listing of many files small.
    struct Listing {
        var context: Context
        var prefix: String
        var entries: [ContextEntry]
    }

    /// Checks a context (``ContextWalk/validate(_:member:)``) and keeps what the walk listed.
    func listing(of context: Context) throws -> Listing {
        var entries: [ContextEntry] = []
        let prefixes = try ContextWalk(fileSystem: fileSystem).validate([context]) { _, _, entry in
            entries.append(entry)
        }
        return Listing(context: context, prefix: prefixes.first ?? "", entries: entries)
    }

    /// The archive of `contexts` as an async sequence of chunks (for uploads), in the same bytes
    /// as ``write(_:toFileAt:)`` writes.
    ///
    ///     for try await chunk in ContextArchive().chunks(of: image.contextList) { … }
    ///
    /// Each iteration walks and reads the contexts on a dedicated thread, never a cooperative one.
    /// Every context is walked before the first chunk is made, so the errors of
    /// ``write(_:toFileAt:)``'s checks come from the first `next()`, before any byte.
    package func chunks(of contexts: [Context]) -> ChunkStream {
        ChunkPipeline.chunks { writer in
            let listings = try contexts.map { try listing(of: $0) }
            try writeArchive(of: listings, to: writer)
        }
    }

    /// Streams the archive of checked listings.
    func write(_ listings: [Listing], to output: OutputFile) throws {
        try ChunkPipeline.run(concurrent: concurrent) { writer in
            try writeArchive(of: listings, to: writer)
        } consume: { bytes in
            try output.write(bytes)
        }
    }

    /// Writes the archive of checked listings, end of archive included.
    private func writeArchive(of listings: [Listing], to writer: ChunkWriter) throws {
        let tar = TarWriter(writer: writer)
        for listing in listings {
            for entry in listing.entries {
                let name = ContextWalk.memberName(prefix: listing.prefix, relativePath: entry.relativePath)
                try write(entry, named: name, of: listing.context, to: tar)
            }
        }
        try tar.finish()
    }

    private func write(_ entry: ContextEntry, named name: String, of context: Context, to tar: TarWriter) throws {
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
