/// Path arithmetic on strings, with the Python SDK's (POSIX `os.path`) rules: purely lexical,
/// symbolic links are never resolved.
enum ContextPath {
    /// `os.path.normpath`: collapses `//`, `.` and `dir/..`; keeps exactly two leading slashes.
    static func normalize(_ path: String) -> String {
        if path.isEmpty { return "." }
        let leadingSlashes: Int
        if path.hasPrefix("//") && !path.hasPrefix("///") {
            leadingSlashes = 2
        } else if path.hasPrefix("/") {
            leadingSlashes = 1
        } else {
            leadingSlashes = 0
        }
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if leadingSlashes == 0 && (parts.isEmpty || parts.last == "..") {
                    parts.append(component)
                } else if !parts.isEmpty {
                    parts.removeLast()
                }
                continue
            }
            parts.append(component)
        }
        let joined = String(repeating: "/", count: leadingSlashes) + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `os.path.abspath`: joins a relative path to `base` (the working folder) and normalises.
    static func absolute(_ path: String, base: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        return normalize(join(base, path))
    }

    /// `os.path.join` for two parts.
    static func join(_ directory: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        if directory.isEmpty || directory.hasSuffix("/") { return directory + name }
        return directory + "/" + name
    }

    /// The Python SDK's `compute_archive_base_path`: the normalised path without leading slashes
    /// or backslashes.
    static func pythonArchiveBasePath(_ sourcePath: String) -> String {
        var result = Substring(normalize(sourcePath))
        while result.hasPrefix("/") { result = result.dropFirst() }
        while result.hasPrefix("\\") { result = result.dropFirst() }
        return String(result)
    }

    /// The member prefix an archive path gives inside a tar or build folder.
    ///
    /// `.` components and repeated slashes go; an empty result means the archive root.
    /// - Throws: ``DaytonaBadRequestError`` when the path is absolute or has a `..` component,
    ///   either of which would put members outside the archive's root.
    static func memberPrefix(forArchivePath archivePath: String) throws -> String {
        if archivePath.hasPrefix("/") {
            throw DaytonaBadRequestError(
                message: "archive path '\(archivePath)' is absolute: its members would land outside the archive root"
            )
        }
        var parts: [Substring] = []
        for component in archivePath.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                throw DaytonaBadRequestError(
                    message:
                        "archive path '\(archivePath)' has a '..' component: its members would land outside the archive root"
                )
            }
            parts.append(component)
        }
        return parts.joined(separator: "/")
    }
}

extension Context {
    /// The archive path the Python SDK uses: ``archivePath`` or, when that is `nil`, the
    /// normalised source path without its leading slashes.
    var effectiveArchivePath: String {
        archivePath ?? ContextPath.pythonArchiveBasePath(sourcePath)
    }

    /// The path the Python SDK reads, made absolute and normalised (`os.path.abspath`).
    var absoluteSourcePath: String {
        let resolved = resolvedSourcePath
        if resolved.hasPrefix("/") { return ContextPath.normalize(resolved) }
        return ContextPath.absolute(resolved, base: LocalFileOperations.currentDirectory())
    }
}
