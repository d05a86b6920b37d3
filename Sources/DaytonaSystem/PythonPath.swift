import DaytonaErrors

/// The path arithmetic of Python's `os.path` (POSIX flavour) and `pathlib`, on strings.
///
/// The Python SDK reports paths exactly as these functions shape them, so the archive paths
/// and context lists it prints can only be matched by the same arithmetic.
package enum PythonPath {
    /// `os.path.normpath`: collapses `.`, `..` and repeated slashes.
    ///
    /// The file system is not consulted. Two leading slashes stay two (POSIX leaves their meaning open); an empty
    /// path becomes `.`.
    package static func normalize(_ path: String) -> String {
        if path.isEmpty { return "." }
        let leading = path.prefix { $0 == "/" }.count
        let initialSlashes = leading == 0 ? "" : leading == 2 ? "//" : "/"
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if initialSlashes.isEmpty && (parts.isEmpty || parts.last == "..") {
                    parts.append(component)
                } else if !parts.isEmpty {
                    parts.removeLast()
                }
                continue
            }
            parts.append(component)
        }
        let joined = initialSlashes + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `os.path.expanduser`: a leading `~` or `~/` becomes the home folder; `~name` becomes that
    /// user's home folder when the system knows the user; anything else is unchanged.
    package static func expandUser(_ path: String, home: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let afterTilde = path.dropFirst()
        let slash = afterTilde.firstIndex(of: "/") ?? afterTilde.endIndex
        let user = afterTilde[..<slash]
        let rest = afterTilde[slash...]
        let base: String
        if user.isEmpty {
            base = home
        } else if let userHome = LocalFileSystem.homeDirectory(ofUser: String(user)) {
            base = userHome
        } else {
            return path
        }
        // Python: `userhome.rstrip("/")`, then `(userhome + rest) or "/"`.
        var trimmedBase = Substring(base)
        while trimmedBase.hasSuffix("/") { trimmedBase = trimmedBase.dropLast() }
        let result = String(trimmedBase) + rest
        return result.isEmpty ? "/" : result
    }

    /// `str(pathlib.PurePosixPath(path))`: repeated slashes and `.` components dropped, a
    /// trailing slash dropped, `..` kept; an empty path is `.`.
    package static func pathlibForm(_ path: String) -> String {
        let leading = path.prefix { $0 == "/" }.count
        let root = leading == 0 ? "" : leading == 2 ? "//" : "/"
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = root + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `pathlib.PurePosixPath(path).name`: the last component of the pathlib form, `""` for
    /// `.` and for the root.
    package static func name(_ path: String) -> String {
        let form = pathlibForm(path)
        if form == "." || form.allSatisfy({ $0 == "/" }) { return "" }
        return String(form.split(separator: "/").last ?? "")
    }

    /// `os.path.split`: the head (without trailing slashes, unless it is all slashes) and the tail.
    package static func split(_ path: String) -> (head: String, tail: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        var head = String(path[...slash])
        let tail = String(path[path.index(after: slash)...])
        if !head.allSatisfy({ $0 == "/" }) {
            while head.hasSuffix("/") { head.removeLast() }
        }
        return (head, tail)
    }

    /// `os.path.join(base, component)` for one component.
    package static func join(_ base: String, _ component: String) -> String {
        if component.hasPrefix("/") || base.isEmpty { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    /// `os.path.abspath` against the given working folder.
    package static func absolute(_ path: String, workingDirectory: String) -> String {
        normalize(path.hasPrefix("/") ? path : join(workingDirectory, path))
    }

    /// `os.path.relpath(path, start)` for two absolute, normalised paths.
    package static func relative(_ path: String, to start: String) -> String {
        let target = path.split(separator: "/")
        let base = start.split(separator: "/")
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
