import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Writes the byte stream the Python SDK's `_compute_hash_for_path_md5` feeds to MD5.
///
/// The archive path's UTF-8 bytes; then, for a file (links followed), its content; otherwise a
/// top-down walk in listing order (`os.walk`): per folder, each file's path relative to the
/// context followed by its content, or the folder's relative path when it is empty. Entries
/// that are folders (links to folders included) are not files; links to folders are not walked.
struct PythonHashStream {
    /// The file system to read.
    var fileSystem: any FileSystem

    /// Writes the stream for one context.
    ///
    /// With ignore rules, the stream is the same walk over what is really sent: members the
    /// rules leave out are skipped, and a folder counts as empty when nothing in it is sent.
    func write(_ context: Context, to writer: ChunkWriter) throws {
        try writer.write(context.effectiveArchivePath)
        let root = context.absoluteSourcePath
        let filter = IgnoreFilter(context.ignore)
        let rootMatch = filter?.rootMatch()
        let info = try? fileSystem.info(at: root, followingLinks: true)
        if let filter, let rootMatch, rootMatch.isExcluded {
            guard info?.kind == .directory, filter.mayPutBack(below: ""),
                try holdsSentMember(root, relative: "", match: rootMatch, filter: filter)
            else { return }
        }
        if info?.kind == .other { throw FileKind.notAnArchiveMember(root) }
        if info?.kind == .regular {
            let reader = try fileSystem.openRegularFile(root)
            defer { reader.close() }
            try writer.copyToEnd(from: reader, isRegularFile: true)
            return
        }
        try walk(root, relative: nil, match: rootMatch, filter: filter, to: writer)
    }

    private func walk(
        _ directory: String,
        relative: String?,
        match: IgnoreMatch?,
        filter: IgnoreFilter?,
        to writer: ChunkWriter
    ) throws {
        // os.walk ignores folders it cannot list (its onerror is None).
        guard let entries = try? fileSystem.entries(in: directory) else { return }
        var folders: [(entry: DirectoryEntry, match: IgnoreMatch?)] = []
        var files: [String] = []
        for entry in entries {
            let childRelative = relative.map { $0 + "/" + entry.name } ?? entry.name
            let childMatch = match.flatMap { parent in filter?.match(childRelative, below: parent) }
            let isFolder = isDirectory(entry, in: directory)
            if let filter, let childMatch, childMatch.isExcluded {
                // Left out, unless it is a folder (not a link to one) holding something put back.
                guard isFolder, filter.mayPutBack(below: childRelative) else { continue }
                let path = PythonPath.join(directory, entry.name)
                guard try fileSystem.info(at: path, followingLinks: false)?.kind == .directory,
                    try holdsSentMember(path, relative: childRelative, match: childMatch, filter: filter)
                else { continue }
            }
            if isFolder {
                folders.append((entry, childMatch))
            } else {
                files.append(entry.name)
            }
        }
        if folders.isEmpty && files.isEmpty {
            try writer.write(relative ?? ".")
        }
        do {
            // Only regular files open (a FIFO would block the hash forever): anything else,
            // reached directly or through a link, is an error naming it.
            try fileSystem.forEachFile(named: files, in: directory) { name, reader in
                try writer.write(relative.map { $0 + "/" + name } ?? name)
                try writer.copyToEnd(from: reader, isRegularFile: true)
            }
        } catch let error as DaytonaNotFoundError {
            throw DaytonaNotFoundError(message: "cannot hash a file in '\(directory)': \(error.message)")
        }
        for (folder, folderMatch) in folders {
            let path = PythonPath.join(directory, folder.name)
            if folder.kind != .directory {
                // os.walk does not descend into links to folders (followlinks=False).
                let info = try? fileSystem.info(at: path, followingLinks: false)
                if info?.kind == .symbolicLink { continue }
            }
            try walk(
                path,
                relative: relative.map { $0 + "/" + folder.name } ?? folder.name,
                match: folderMatch,
                filter: filter,
                to: writer
            )
        }
    }

    /// Whether a folder that the rules leave out holds a member they put back (and so is sent).
    private func holdsSentMember(
        _ directory: String,
        relative: String,
        match: IgnoreMatch,
        filter: IgnoreFilter
    ) throws -> Bool {
        guard let entries = try? fileSystem.entries(in: directory) else { return false }
        for entry in entries {
            let childRelative = relative.isEmpty ? entry.name : relative + "/" + entry.name
            let childMatch = filter.match(childRelative, below: match)
            if !childMatch.isExcluded { return true }
            let path = PythonPath.join(directory, entry.name)
            if filter.mayPutBack(below: childRelative),
                try fileSystem.info(at: path, followingLinks: false)?.kind == .directory,
                try holdsSentMember(path, relative: childRelative, match: childMatch, filter: filter)
            {
                return true
            }
        }
        return false
    }

    /// `DirEntry.is_dir()`: follows links; any failure counts as "not a folder".
    private func isDirectory(_ entry: DirectoryEntry, in directory: String) -> Bool {
        switch entry.kind {
        case .directory: return true
        case .regular, .other: return false
        case .symbolicLink, .unknown:
            let info = try? fileSystem.info(at: PythonPath.join(directory, entry.name), followingLinks: true)
            return info?.kind == .directory
        }
    }
}
