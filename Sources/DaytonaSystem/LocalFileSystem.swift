import DaytonaErrors

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls: the package's one place for `stat`, `readdir`,
/// `readlink`, `open`, `read` and `write` (``FileSystem`` answers the image builder's questions
/// through it; tests swap in another ``FileSystem``).
package struct LocalFileSystem: FileSystem {
    /// The machine's own file system.
    package init() {}

    package func info(at path: String, followingLinks: Bool) throws -> FileInfo? {
        try systemStatus(at: path, followingLinks: followingLinks).map(FileInfo.init)
    }

    /// `stat` or `lstat` of a path; `nil` when nothing is there (or a link loop, following links).
    func systemStatus(at path: String, followingLinks: Bool) throws -> stat? {
        var status = stat()
        let result = followingLinks ? stat(path, &status) : lstat(path, &status)
        if result != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR || (followingLinks && code == ELOOP) { return nil }
            throw SystemCallError.make(followingLinks ? "stat" : "lstat", path: path, code: code)
        }
        return status
    }

    package func entries(in directory: String) throws -> [DirectoryEntry] {
        guard let stream = opendir(directory) else {
            throw SystemCallError.make("opendir", path: directory, code: errno)
        }
        defer { closedir(stream) }
        var result: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw SystemCallError.make("readdir", path: directory, code: errno) }
                return result
            }
            let name = try withUnsafeBytes(of: &entry.pointee.d_name) { raw -> String? in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                if length == 1 && bytes[0] == 0x2E { return nil }
                if length == 2 && bytes[0] == 0x2E && bytes[1] == 0x2E { return nil }
                guard let name = String(validating: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
                else {
                    let shown = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
                    throw DaytonaBadRequestError(
                        message: "the name '\(shown)' in '\(directory)' is not valid UTF-8"
                    )
                }
                return name
            }
            guard let name else { continue }
            result.append(DirectoryEntry(name: name, kind: FileKind(directoryType: entry.pointee.d_type)))
        }
    }

    package func linkTarget(at path: String) throws -> String {
        try Self.readGrowing(path: path) { buffer in
            readlink(path, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), buffer.count)
        }
    }

    /// Calls `read` (which behaves as `readlink`: it fills at most the buffer, silently
    /// truncating, and returns the count or -1) with ever larger buffers until the result fits
    /// with room to spare, so a link target is never cut short.
    package static func readGrowing(
        path: String,
        initialCapacity: Int = 4096,
        _ read: (UnsafeMutableRawBufferPointer) -> Int
    ) throws -> String {
        var capacity = initialCapacity
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            let count = buffer.withUnsafeMutableBytes { read($0) }
            if count < 0 { throw SystemCallError.make("readlink", path: path, code: errno) }
            if count < capacity { return String(decoding: buffer[0..<count], as: UTF8.self) }
            capacity *= 2
        }
    }

    package func openForReading(_ path: String) throws -> FileReader {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw SystemCallError.make("open", path: path, code: errno) }
        return LocalFileReader(descriptor: descriptor, path: path)
    }

    package func openRegularFile(_ path: String) throws -> FileReader {
        try Self.openRegular(path) { open(path, $0) }
    }

    package func forEachFile(
        named names: [String],
        in directory: String,
        _ body: (_ name: String, _ reader: FileReader) throws -> Void
    ) throws {
        if names.isEmpty { return }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder < 0 { throw SystemCallError.make("open", path: directory, code: errno) }
        defer { _ = systemClose(folder) }
        for name in names {
            let reader = try Self.openRegular(PythonPath.join(directory, name)) { openat(folder, name, $0) }
            defer { reader.close() }
            try body(name, reader)
        }
    }

    /// Opens with `O_NONBLOCK`, so that a FIFO without a writer cannot block the open, then
    /// checks with `fstat` that a regular file was opened.
    ///
    /// - Throws: ``DaytonaBadRequestError`` naming `path` for a device, FIFO or socket.
    private static func openRegular(_ path: String, _ open: (Int32) -> Int32) throws -> FileReader {
        let descriptor = open(O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if descriptor < 0 { throw SystemCallError.make("open", path: path, code: errno) }
        let reader = LocalFileReader(descriptor: descriptor, path: path)
        guard try reader.info().kind == .regular else {
            reader.close()
            throw FileKind.notAnArchiveMember(path)
        }
        // O_NONBLOCK stays: it has no effect on a regular file's reads, and clearing it cost two
        // system calls per file, which shows on trees of many small files.
        return reader
    }
}

/// A file opened with `open(2)`.
package final class LocalFileReader: FileReader {
    private let descriptor: Int32
    private let path: String
    private var isOpen = true
    private var cachedInfo: FileInfo?

    package init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close() }

    /// The open file's `fstat`, asked once: opening checks the kind and archiving then reads
    /// the size and mode, and a second system call per file shows on trees of small files.
    package func info() throws -> FileInfo {
        if let cachedInfo { return cachedInfo }
        var status = stat()
        if fstat(descriptor, &status) != 0 { throw SystemCallError.make("fstat", path: path, code: errno) }
        let info = FileInfo(status)
        cachedInfo = info
        return info
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw SystemCallError.make("read", path: path, code: errno)
        }
    }

    package func close() {
        guard isOpen else { return }
        isOpen = false
        _ = systemClose(descriptor)
    }
}

/// A file descriptor being written to: an output file or standard output.
package final class OutputFile: @unchecked Sendable {
    private let descriptor: Int32
    private let path: String
    private let ownsDescriptor: Bool

    /// Standard output.
    ///
    /// When it is a pipe, the pipe's buffer is enlarged (Linux) so that a 1 MiB chunk goes in
    /// one write instead of sixteen round trips with the reader.
    package static func standardOutput() -> OutputFile {
        #if os(Linux)
        var status = stat()
        if fstat(1, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO {
            _ = fcntl(1, 1031, Int32(FileIO.chunkSize))  // F_SETPIPE_SZ
        }
        #endif
        return OutputFile(descriptor: 1, path: "standard output", ownsDescriptor: false)
    }

    /// Creates (or truncates) a file with the given permissions.
    package static func create(_ path: String, permissions: UInt32 = 0o644) throws -> OutputFile {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(permissions))
        if descriptor < 0 { throw SystemCallError.make("create", path: path, code: errno) }
        return OutputFile(descriptor: descriptor, path: path, ownsDescriptor: true)
    }

    private init(descriptor: Int32, path: String, ownsDescriptor: Bool) {
        self.descriptor = descriptor
        self.path = path
        self.ownsDescriptor = ownsDescriptor
    }

    deinit { try? close() }

    /// Writes all the bytes, retrying short writes.
    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let count = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemCallError.make("write", path: path, code: errno)
            }
            offset += count
        }
    }

    /// Sets the file's permission bits (umask does not apply).
    package func setPermissions(_ permissions: UInt32) throws {
        if fchmod(descriptor, mode_t(permissions)) != 0 { throw SystemCallError.make("chmod", path: path, code: errno) }
    }

    private var closed = false

    /// Closes the descriptor if this object opened it.
    package func close() throws {
        guard ownsDescriptor, !closed else { return }
        closed = true
        let result = systemClose(descriptor)
        if result != 0 { throw SystemCallError.make("close", path: path, code: errno) }
    }
}

/// Creating folders, links and temporary folders on the local file system.
extension LocalFileSystem {
    /// Creates a folder and its missing parents; an existing folder is fine.
    package static func makeDirectories(_ path: String, permissions: UInt32 = 0o755) throws {
        if path.isEmpty || path == "/" { return }
        var status = stat()
        if stat(path, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFDIR { return }
            throw DaytonaBadRequestError(message: "'\(path)' exists and is not a folder")
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]), permissions: permissions)
        }
        if mkdir(path, mode_t(permissions)) != 0 && errno != EEXIST {
            throw SystemCallError.make("mkdir", path: path, code: errno)
        }
    }

    /// Creates a folder and its missing parents; returns the folders it created, outermost first.
    package static func makeDirectoriesReportingCreated(_ path: String) throws -> [String] {
        var missing: [String] = []
        var current = path
        var status = stat()
        while !current.isEmpty, current != "/", stat(current, &status) != 0 {
            missing.insert(current, at: 0)
            let head = PythonPath.split(current).head
            if head == current { break }
            current = head
        }
        try makeDirectories(path)
        return missing
    }

    /// The path with every link resolved (`realpath`); a path whose last components do not
    /// exist yet resolves its nearest existing ancestor and keeps the rest as written.
    package static func resolvedPath(_ path: String) -> String {
        var missing: [String] = []
        var current = path
        while true {
            if let pointer = realpath(current, nil) {
                defer { free(pointer) }
                return missing.reduce(String(cString: pointer)) { PythonPath.join($0, $1) }
            }
            let (head, tail) = PythonPath.split(current)
            if head.isEmpty || head == current { return path }
            missing.insert(tail, at: 0)
            current = head
        }
    }

    /// Sets a path's permission bits.
    package static func setPermissions(_ path: String, _ permissions: UInt32) throws {
        if chmod(path, mode_t(permissions)) != 0 { throw SystemCallError.make("chmod", path: path, code: errno) }
    }

    /// Removes a file or link if there is one (not folders).
    package static func removeFileIfPresent(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw SystemCallError.make("unlink", path: path, code: errno) }
    }

    /// Renames a file, replacing any file at the destination.
    package static func rename(_ source: String, to destination: String) throws {
        let result = systemRename(source, destination)
        if result != 0 { throw SystemCallError.make("rename", path: source, code: errno) }
    }

    /// Creates a symbolic link at `path` pointing at `target`.
    package static func makeSymbolicLink(_ path: String, target: String) throws {
        if symlink(target, path) != 0 { throw SystemCallError.make("symlink", path: path, code: errno) }
    }

    /// Creates a fresh, empty temporary folder and returns its path.
    package static func makeTemporaryDirectory(prefix: String) throws -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8) + Array("\(prefix).XXXXXX".utf8) + [0]
        let result = template.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mkdtemp($0.baseAddress!) }
        }
        guard result != nil else { throw SystemCallError.make("mkdtemp", path: base, code: errno) }
        return String(decoding: template.dropLast(), as: UTF8.self)
    }

    /// Removes a folder if it is empty.
    package static func removeEmptyDirectory(_ path: String) throws {
        if rmdir(path) != 0 { throw SystemCallError.make("rmdir", path: path, code: errno) }
    }

    /// Removes a folder tree (links are removed, never followed).
    package static func removeTree(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFDIR {
            for entry in try LocalFileSystem().entries(in: path) {
                try removeTree(path + "/" + entry.name)
            }
            if rmdir(path) != 0 { throw SystemCallError.make("rmdir", path: path, code: errno) }
        } else if unlink(path) != 0 {
            throw SystemCallError.make("unlink", path: path, code: errno)
        }
    }

    /// The current working folder, or `.` when the system cannot name it (it was removed, or its
    /// path is too long): relative paths then stay relative to it, rather than silently becoming
    /// paths under `/`.
    package static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// Builds the package's errors from a failed system call.
package enum SystemCallError {
    /// An error naming the call, the path and the reason; a missing path is a ``DaytonaNotFoundError``.
    package static func make(_ call: String, path: String, code: Int32) -> DaytonaError {
        let reason = String(cString: strerror(code))
        let message = "\(call) '\(path)': \(reason)"
        if code == ENOENT { return DaytonaNotFoundError(message: message) }
        if code == EACCES || code == EPERM { return DaytonaForbiddenError(message: message) }
        return DaytonaError(message: message)
    }
}

extension FileInfo {
    /// Converts a `stat` structure.
    package init(_ status: stat) {
        let type = status.st_mode & S_IFMT
        let kind: FileKind =
            switch type {
            case S_IFREG: .regular
            case S_IFDIR: .directory
            case S_IFLNK: .symbolicLink
            default: .other
            }
        #if canImport(Darwin)
        let seconds = Int64(status.st_mtimespec.tv_sec)
        #else
        let seconds = Int64(status.st_mtim.tv_sec)
        #endif
        self.init(
            kind: kind,
            permissions: UInt32(status.st_mode) & 0o7777,
            size: kind == .regular ? UInt64(max(status.st_size, 0)) : 0,
            modificationTime: seconds
        )
    }
}

extension FileKind {
    /// Converts a directory entry's `d_type`.
    package init(directoryType: UInt8) {
        switch directoryType {
        case 4: self = .directory  // DT_DIR
        case 8: self = .regular  // DT_REG
        case 10: self = .symbolicLink  // DT_LNK
        case 0: self = .unknown  // DT_UNKNOWN
        default: self = .other
        }
    }
}

// The C calls whose names the types above shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

private func systemRename(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}
