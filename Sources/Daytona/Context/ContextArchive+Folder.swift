/// One context written as `FOLDER/HASH/context.tar`.
public struct ArchivedContext: Sendable, Hashable {
    /// The context.
    public var context: Context
    /// Its hash, which names the archive's folder.
    public var hash: String
    /// The path of the archive written.
    public var archivePath: String
}

extension ContextArchive {
    /// Writes each context to `folder/HASH/context.tar`, HASH being its hash in `scheme`, the
    /// layout Daytona's object storage uses (`ORGANIZATION/HASH/context.tar`).
    ///
    ///     let written = try ContextArchive().writeArchives(of: image.contextList, into: "out")
    ///
    /// Each archive is written to a temporary name first and renamed into place.
    /// - Throws: as ``ContextArchive/write(_:toFileAt:)`` and ``ContextHasher/hash(of:)``.
    public func writeArchives(
        of contexts: [Context],
        into folder: String,
        scheme: ContextHashScheme = .stable
    ) throws -> [ArchivedContext] {
        for context in contexts {
            _ = try ContextPath.memberPrefix(forArchivePath: context.effectiveArchivePath)
        }
        let hasher = ContextHasher(scheme: scheme, fileSystem: fileSystem, concurrent: concurrent)
        var written: [ArchivedContext] = []
        for context in contexts {
            let hash = try hasher.hash(of: context)
            let directory = PythonPath.join(folder, hash)
            try LocalFileOperations.makeDirectories(directory)
            let path = PythonPath.join(directory, "context.tar")
            let partial = path + ".partial"
            try write([context], toFileAt: partial)
            try LocalFileOperations.rename(partial, to: path)
            written.append(ArchivedContext(context: context, hash: hash, archivePath: path))
        }
        return written
    }
}
