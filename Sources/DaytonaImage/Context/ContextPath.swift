import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// The one piece of path arithmetic only contexts need; the rest (`os.path` rules, purely
/// lexical) is ``PythonPath``'s and ``PathEnvironment``'s.
enum ContextPath {
    /// The member prefix an archive path gives inside a tar, a build folder or a build.
    ///
    /// Leading slashes go, as GNU tar and Python's `tarfile` drop them from member names (the
    /// Python SDK gives `dockerfile_commands` sources such archive paths, `/web/site.css`), and
    /// so do `.` components and repeated slashes; an empty result means the archive root.
    /// - Throws: ``DaytonaBadRequestError`` when the path has a `..` component, which would put
    ///   members outside the archive's root.
    static func memberPrefix(forArchivePath archivePath: String) throws -> String {
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
        archivePath ?? PathEnvironment.pythonArchivePath(sourcePath)
    }

    /// The path the Python SDK reads, made absolute and normalised (`os.path.abspath`).
    var absoluteSourcePath: String {
        let resolved = resolvedSourcePath
        if resolved.hasPrefix("/") { return PythonPath.normalize(resolved) }
        return PythonPath.absolute(resolved, workingDirectory: LocalFileSystem.currentDirectory())
    }
}
