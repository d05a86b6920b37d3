import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// One member of a context, as an archive holds it.
struct ContextEntry: Sendable {
    /// The kind of member: a regular file, a folder or a symbolic link.
    var kind: FileKind
    /// The path relative to the context's root; empty for the root itself.
    var relativePath: String
    /// The path to read on disk.
    var path: String
    /// What `lstat` said (for files, what `fstat` says counts: read it from the open file).
    var info: FileInfo
    /// The link's target, for symbolic links.
    var linkTarget: String?
}

/// Walks a context in canonical order: the root, then each folder's entries sorted by the bytes
/// of their names, folders entered where they appear (depth first).
///
/// The root is followed when it is a link (the caller named it, so its content is meant);
/// below the root, links are members of their own and never followed. The order depends only
/// on names, never on the order the file system lists them.
struct ContextWalk {
    /// The file system to read.
    var fileSystem: any FileSystem

    /// Visits every member of the context rooted at `root` (an absolute path).
    ///
    /// With `ignore`, members the rules leave out are not visited; a folder that is left out is
    /// visited (just before its first member) only when it holds a member that is put back.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when `root` does not exist; ``DaytonaBadRequestError``
    ///   for a device, FIFO or socket, which no archive member can carry.
    func visit(root: String, ignore: Context.Ignore? = nil, _ body: (ContextEntry) throws -> Void) throws {
        let filter = IgnoreFilter(ignore)
        var pending: [ContextEntry] = []
        if let info = try fileSystem.info(at: root, followingLinks: true) {
            try visit(
                path: root,
                relativePath: "",
                info: info,
                filter: filter,
                match: filter?.rootMatch(),
                pending: &pending,
                body
            )
        } else if let info = try fileSystem.info(at: root, followingLinks: false), info.kind == .symbolicLink {
            if filter?.rootMatch().isExcluded == true { return }
            let target = try fileSystem.linkTarget(at: root)
            try body(ContextEntry(kind: .symbolicLink, relativePath: "", path: root, info: info, linkTarget: target))
        } else {
            throw DaytonaNotFoundError(message: "context source '\(root)' does not exist")
        }
    }

    private func visit(
        path: String,
        relativePath: String,
        info: FileInfo,
        filter: IgnoreFilter?,
        match: IgnoreMatch?,
        pending: inout [ContextEntry],
        _ body: (ContextEntry) throws -> Void
    )
        throws
    {
        let excluded = match?.isExcluded == true
        if excluded && (info.kind != .directory || filter?.mayPutBack(below: relativePath) != true) { return }
        func emit(_ entry: ContextEntry) throws {
            for folder in pending { try body(folder) }
            pending.removeAll()
            try body(entry)
        }
        switch info.kind {
        case .regular:
            try emit(ContextEntry(kind: .regular, relativePath: relativePath, path: path, info: info))
        case .symbolicLink:
            let target = try fileSystem.linkTarget(at: path)
            try emit(
                ContextEntry(
                    kind: .symbolicLink,
                    relativePath: relativePath,
                    path: path,
                    info: info,
                    linkTarget: target
                )
            )
        case .directory:
            let entry = ContextEntry(kind: .directory, relativePath: relativePath, path: path, info: info)
            let depth = pending.count
            if excluded {
                // Sent only if something below is put back: held until then.
                pending.append(entry)
            } else {
                try emit(entry)
            }
            var entries = try fileSystem.entries(in: path)
            entries.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            for entry in entries {
                let childPath = PythonPath.join(path, entry.name)
                let childRelative = relativePath.isEmpty ? entry.name : relativePath + "/" + entry.name
                let childMatch = match.flatMap { parent in filter?.match(childRelative, below: parent) }
                if childMatch?.isExcluded == true && entry.kind != .directory && entry.kind != .unknown {
                    continue
                }
                let childInfo: FileInfo
                if entry.kind == .regular {
                    // The open file's fstat gives size and mode; spare an lstat per file.
                    childInfo = FileInfo(kind: .regular, permissions: 0, size: 0, modificationTime: 0)
                } else {
                    guard let looked = try fileSystem.info(at: childPath, followingLinks: false) else {
                        throw DaytonaNotFoundError(message: "'\(childPath)' disappeared while it was being read")
                    }
                    childInfo = looked
                }
                try visit(
                    path: childPath,
                    relativePath: childRelative,
                    info: childInfo,
                    filter: filter,
                    match: childMatch,
                    pending: &pending,
                    body
                )
            }
            if pending.count > depth { pending.removeLast(pending.count - depth) }
        case .other, .unknown:
            throw FileKind.notAnArchiveMember(path)
        }
    }
}

extension ContextWalk {
    /// Checks everything about `contexts` that can be known before a byte is written, without
    /// reading any file's content, and returns each context's member prefix.
    ///
    /// Every archive path must be relative without `..`; every source must exist; each context
    /// is walked once, so every member must be a file, folder or link and every folder listable.
    /// Files are not opened here: on a tree of many small files that doubled the cost of an
    /// archive, and a file that cannot be read fails when it is read. `member` is called with each context and member name (the
    /// member's path in the archive or build folder) and may throw to refuse one.
    ///
    /// A file can still fail or change while it is later read: that cannot be checked ahead.
    /// - Throws: ``DaytonaBadRequestError``, ``DaytonaNotFoundError`` or ``DaytonaError`` for the
    ///   first problem found.
    func validate(
        _ contexts: [Context],
        member: (_ context: Context, _ name: String, _ entry: ContextEntry) throws -> Void = { _, _, _ in }
    ) throws -> [String] {
        let prefixes = try contexts.map { try ContextPath.memberPrefix(forArchivePath: $0.effectiveArchivePath) }
        for context in contexts {
            guard try fileSystem.info(at: context.absoluteSourcePath, followingLinks: false) != nil else {
                throw DaytonaNotFoundError(message: "context source '\(context.sourcePath)' does not exist")
            }
        }
        for (context, prefix) in zip(contexts, prefixes) {
            try visit(root: context.absoluteSourcePath, ignore: context.ignore) { entry in
                let name = ContextWalk.memberName(prefix: prefix, relativePath: entry.relativePath)
                if name.isEmpty && entry.kind != .directory {
                    throw DaytonaBadRequestError(message: "context '\(context.sourcePath)' has an empty archive path")
                }
                try member(context, name, entry)
            }
        }
        return prefixes
    }

    /// Refuses an output folder inside a folder context: it would be archived into itself
    /// while being written (and a build folder would nest itself until names grow too long).
    ///
    /// Links are resolved on both sides; a folder that does not exist yet counts by its
    /// nearest existing ancestor.
    /// - Throws: ``DaytonaBadRequestError`` naming the folder and the context.
    func ensure(_ output: String, isOutside contexts: [Context], describedAs what: String) throws {
        let absolute = PythonPath.absolute(output, workingDirectory: LocalFileSystem.currentDirectory())
        let outputPath = LocalFileSystem.resolvedPath(absolute)
        for context in contexts {
            let source = context.absoluteSourcePath
            guard try fileSystem.info(at: source, followingLinks: true)?.kind == .directory else { continue }
            let sourcePath = LocalFileSystem.resolvedPath(source)
            if outputPath == sourcePath || sourcePath == "/" || outputPath.hasPrefix(sourcePath + "/") {
                throw DaytonaBadRequestError(
                    message:
                        "the \(what) '\(output)' is inside the context '\(context.sourcePath)', which would take in "
                        + "what is being written; write it outside the context"
                )
            }
        }
    }

    /// The path of a member inside the archive: the prefix, then the path relative to the root.
    static func memberName(prefix: String, relativePath: String) -> String {
        relativePath.isEmpty ? prefix : prefix.isEmpty ? relativePath : prefix + "/" + relativePath
    }
}
