import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

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
    /// Every context is checked and hashed before the first archive is written. Each archive
    /// is written to a temporary name first and renamed into place; when one fails, the
    /// temporary file, the archives this call wrote and the folders it made are removed again
    /// (an archive that was already there before the call is left).
    /// - Throws: as ``ContextArchive/write(_:toFileAt:)`` and ``ContextHasher/hash(of:)``.
    public func writeArchives(
        of contexts: [Context],
        into folder: String,
        scheme: ContextHashScheme = .stable
    ) throws -> [ArchivedContext] {
        let walk = ContextWalk(fileSystem: fileSystem)
        // Every context is checked before anything is written; what the check lists is kept for the writes.
        let listings = try contexts.map { try listing(of: $0) }
        try walk.ensure(folder, isOutside: contexts, describedAs: "archive folder")
        let hasher = ContextHasher(scheme: scheme, fileSystem: fileSystem, concurrent: concurrent)
        let hashes = try contexts.map { try hasher.hash(of: $0) }
        var createdFiles: [String] = []
        var createdFolders: [String] = []
        var written: [ArchivedContext] = []
        do {
            createdFolders += try LocalFileSystem.makeDirectoriesReportingCreated(folder)
            for (index, context) in contexts.enumerated() {
                let directory = PythonPath.join(folder, hashes[index])
                createdFolders += try LocalFileSystem.makeDirectoriesReportingCreated(directory)
                let path = PythonPath.join(directory, "context.tar")
                let existed = try fileSystem.info(at: path, followingLinks: false) != nil
                let partial = path + ".partial"
                let output = try OutputFile.create(partial)
                do {
                    try write([listings[index]], to: output)
                    try output.close()
                    try LocalFileSystem.rename(partial, to: path)
                } catch {
                    try? output.close()
                    try? LocalFileSystem.removeFileIfPresent(partial)
                    throw error
                }
                if !existed { createdFiles.append(path) }
                written.append(ArchivedContext(context: context, hash: hashes[index], archivePath: path))
            }
        } catch {
            for path in createdFiles { try? LocalFileSystem.removeFileIfPresent(path) }
            for path in createdFolders.reversed() { try? LocalFileSystem.removeEmptyDirectory(path) }
            throw error
        }
        return written
    }
}
