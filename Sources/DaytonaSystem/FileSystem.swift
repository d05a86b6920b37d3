import DaytonaErrors

/// What kind of thing a path names, as `lstat`/`stat` or a directory entry reports it.
package enum FileKind: Sendable, Hashable {
    /// A regular file.
    case regular
    /// A folder.
    case directory
    /// A symbolic link (only reported when links are not followed).
    case symbolicLink
    /// A device, FIFO, socket or anything else an archive does not carry.
    case other
    /// The directory entry did not say (`DT_UNKNOWN`); ask ``FileSystem/info(at:followingLinks:)``.
    case unknown
}

extension FileKind {
    /// The error for a device, FIFO or socket met where a build context needs a file.
    package static func notAnArchiveMember(_ path: String) -> DaytonaBadRequestError {
        DaytonaBadRequestError(
            message: "'\(path)' is a device, FIFO or socket: a build context can hold only files, folders and links"
        )
    }
}

/// The facts about one path that hashing and archiving need.
package struct FileInfo: Sendable, Hashable {
    /// The kind of the path.
    package var kind: FileKind
    /// The permission bits (`st_mode & 0o7777`).
    package var permissions: UInt32
    /// The size in bytes (regular files; 0 otherwise).
    package var size: UInt64
    /// The modification time, whole seconds since 1970.
    package var modificationTime: Int64

    /// Creates the facts about a path.
    package init(kind: FileKind, permissions: UInt32, size: UInt64, modificationTime: Int64) {
        self.kind = kind
        self.permissions = permissions
        self.size = size
        self.modificationTime = modificationTime
    }

    /// Whether the owner may execute the file: the one permission bit hashes and archives keep.
    package var isExecutable: Bool { permissions & 0o100 != 0 }
}

/// One name in a folder, with the kind the listing reported (which may be ``FileKind/unknown``).
package struct DirectoryEntry: Sendable, Hashable {
    /// The entry's name (one path component, valid UTF-8).
    package var name: String
    /// The kind from the listing (`d_type`), without following links.
    package var kind: FileKind

    /// Creates an entry.
    package init(name: String, kind: FileKind) {
        self.name = name
        self.kind = kind
    }
}

/// An open file being read from start to end.
package protocol FileReader: AnyObject {
    /// The facts about the open file (`fstat`).
    func info() throws -> FileInfo
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Closes the file; reading afterwards is a programming error.
    func close()
}

/// The seam between context code and the operating system.
///
/// ``LocalFileSystem`` is the only implementation that calls the OS; tests use an in-memory one
/// to control, for example, the order in which a folder lists its entries.
package protocol FileSystem: Sendable {
    /// The facts about `path`, or `nil` when nothing is there (or, following links, when a link dangles).
    func info(at path: String, followingLinks: Bool) throws -> FileInfo?
    /// The full status of `path` (identity and nanosecond times), or `nil` as for
    /// ``info(at:followingLinks:)``; what a context hash cache compares to see that nothing changed.
    ///
    /// - Throws: ``FileStatusUnavailable`` from the default implementation, for file systems
    ///   that cannot tell (nothing is then cached); a ``DaytonaError`` when the call fails.
    func status(at path: String, followingLinks: Bool) throws -> FileStatus?
    /// The entries of a folder, without `.` and `..`, in the order the file system lists them.
    func entries(in directory: String) throws -> [DirectoryEntry]
    /// The target of the symbolic link at `path`, as stored.
    func linkTarget(at path: String) throws -> String
    /// Opens a file for reading (following links), whatever its kind.
    func openForReading(_ path: String) throws -> FileReader
    /// Opens a regular file for reading (following links) without ever blocking in the open.
    ///
    /// - Throws: ``DaytonaBadRequestError`` naming `path` when it is a device, FIFO or socket.
    func openRegularFile(_ path: String) throws -> FileReader
    /// Opens each named regular file of one folder in turn and passes it to `body`, which must
    /// not keep it.
    ///
    /// - Throws: as ``openRegularFile(_:)``.
    ///
    /// The default opens `directory/name`; the local file system opens names relative to the
    /// folder (`openat`), which spares the kernel a path walk per file.
    func forEachFile(
        named names: [String],
        in directory: String,
        _ body: (_ name: String, _ reader: FileReader) throws -> Void
    ) throws
}

/// A file system that cannot report a ``FileStatus``, so no hash of what it holds can be cached.
package struct FileStatusUnavailable: Error {}

extension FileSystem {
    package func status(at path: String, followingLinks: Bool) throws -> FileStatus? {
        throw FileStatusUnavailable()
    }

    package func forEachFile(
        named names: [String],
        in directory: String,
        _ body: (_ name: String, _ reader: FileReader) throws -> Void
    ) throws {
        for name in names {
            let reader = try openRegularFile(PythonPath.join(directory, name))
            defer { reader.close() }
            try body(name, reader)
        }
    }

    package func openRegularFile(_ path: String) throws -> FileReader {
        let reader = try openForReading(path)
        guard try reader.info().kind == .regular else {
            reader.close()
            throw FileKind.notAnArchiveMember(path)
        }
        return reader
    }

    /// Reads a whole file into memory; only for small files (tests and Dockerfiles).
    package func contents(of path: String) throws -> [UInt8] {
        let reader = try openForReading(path)
        defer { reader.close() }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}

/// Sizes shared by everything that streams files.
package enum FileIO {
    /// The size of one read or write when streaming: large enough that system calls are few,
    /// small enough that a few chunks in flight keep memory flat.
    package static let chunkSize = 1 << 20
}
