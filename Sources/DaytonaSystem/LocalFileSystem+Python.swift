import DaytonaErrors

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The questions the image builder asks of the file system, answered as Python answers them.
///
/// `os.path.exists` follows links and `os.path.lexists` does not; the SDK's output depends on
/// those answers. The system calls themselves are ``LocalFileSystem``'s.
extension LocalFileSystem {
    private static let local = LocalFileSystem()

    /// What a path names, after following symbolic links (`stat`), or `nil` when nothing does.
    package enum Kind: Sendable {
        case file
        case directory
        case other
    }

    /// The kind of the file system object at `path`, following links; `nil` if none.
    ///
    /// - Throws: A ``DaytonaError`` naming the path and the reason when the question cannot be
    ///   answered (permission denied), as Python's `Path.exists()` raises rather than say no.
    package static func kind(at path: String) throws -> Kind? {
        guard let info = try local.info(at: path, followingLinks: true) else { return nil }
        switch info.kind {
        case .regular: return .file
        case .directory: return .directory
        default: return .other
        }
    }

    /// Whether something, even a dangling link, is at `path` (Python's `os.path.lexists`).
    package static func entryExists(at path: String) -> Bool {
        (try? local.info(at: path, followingLinks: false)) != nil
    }

    /// Whether `path` is a symbolic link.
    package static func isSymbolicLink(_ path: String) -> Bool {
        (try? local.info(at: path, followingLinks: false))?.kind == .symbolicLink
    }

    /// The target of a symbolic link, as stored.
    package static func linkTarget(_ path: String) -> String? {
        try? local.linkTarget(at: path)
    }

    /// The names in a folder, in the order the file system lists them (no `.` and `..`), each
    /// with whether it is a folder once links are followed; `nil` when the folder cannot be
    /// opened (Python's `glob` ignores such folders too).
    ///
    /// - Throws: ``DaytonaBadRequestError`` for a name that is not UTF-8, which the package
    ///   cannot represent; silently skipping it would change what a glob matches.
    package static func directoryEntries(_ path: String) throws -> [(name: String, isDirectory: Bool)]? {
        let folder = path.isEmpty ? "." : path
        let entries: [DirectoryEntry]
        do {
            entries = try local.entries(in: folder)
        } catch let error as DaytonaBadRequestError {
            throw error
        } catch {
            return nil
        }
        return entries.map { entry in
            let isDirectory =
                entry.kind == .directory
                || (entry.kind != .regular
                    && (try? kind(at: PythonPath.join(folder, entry.name))) == .directory)
            return (entry.name, isDirectory)
        }
    }

    /// The bytes of a file.
    ///
    /// - Throws: A ``DaytonaError`` naming the path and the system's reason.
    package static func contents(of path: String) throws -> [UInt8] {
        let reader = try local.openForReading(path)
        defer { reader.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// The home folder of the named user, from the password database.
    package static func homeDirectory(ofUser user: String) -> String? {
        guard let entry = getpwnam(user), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// The process's home folder: `$HOME`, else the password database's entry.
    package static func currentHomeDirectory() -> String {
        if let home = getenv("HOME") { return String(cString: home) }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/"
    }

    /// `os.path.realpath` (non-strict): the absolute path with every symbolic link resolved as
    /// far as the file system allows; missing parts are kept as written.
    package static func realPath(_ path: String, workingDirectory: String) -> String {
        var resolved: [String] = []
        var pending = PythonPath.absolute(path, workingDirectory: workingDirectory).split(separator: "/").map(
            String.init
        )
        pending.reverse()
        var hops = 0
        while let component = pending.popLast() {
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
                continue
            }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            if isSymbolicLink(candidate), hops < 64, let target = linkTarget(candidate) {
                hops += 1
                if target.hasPrefix("/") { resolved = [] }
                pending.append(contentsOf: target.split(separator: "/").map(String.init).reversed())
            } else {
                resolved.append(component)
            }
        }
        return "/" + resolved.joined(separator: "/")
    }
}
