#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls the image builder makes, in one place.
///
/// Everything here follows Python's semantics for the same question (`os.path.exists` follows
/// links, `os.path.lexists` does not), because the SDK's output depends on those answers.
enum FileSystem {
    /// What a path names, after following symbolic links (`stat`), or `nil` when nothing does.
    enum Kind: Sendable {
        case file
        case directory
        case other
    }

    /// The kind of the file system object at `path`, following links; `nil` if none.
    static func kind(at path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Whether something, even a dangling link, is at `path` (Python's `os.path.lexists`).
    static func entryExists(at path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether `path` is a symbolic link.
    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The target of a symbolic link, as stored.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in a folder, in the order the file system lists them (no `.` and `..`);
    /// `nil` when the folder cannot be read.
    static func directoryEntries(_ path: String) -> [(name: String, isDirectory: Bool)]? {
        guard let directory = opendir(path.isEmpty ? "." : path) else { return nil }
        defer { closedir(directory) }
        var entries: [(String, Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let full = path.isEmpty ? name : PythonPath.join(path, name)
            entries.append((name, kind(at: full) == .directory))
        }
        return entries
    }

    /// The bytes of a file, or `nil` when it cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 65536) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }

    /// The home folder of the named user, from the password database.
    static func homeDirectory(ofUser user: String) -> String? {
        guard let entry = getpwnam(user), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// The process's home folder: `$HOME`, else the password database's entry.
    static func currentHomeDirectory() -> String {
        if let home = getenv("HOME") { return String(cString: home) }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/"
    }

    /// The process's working folder.
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `os.path.realpath` (non-strict): the absolute path with every symbolic link resolved as
    /// far as the file system allows; missing parts are kept as written.
    static func realPath(_ path: String, workingDirectory: String) -> String {
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
