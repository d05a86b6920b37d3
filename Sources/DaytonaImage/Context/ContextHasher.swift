import Crypto
import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// The ways a context can be hashed.
public enum ContextHashScheme: String, Sendable, Hashable, CaseIterable, Codable {
    /// The package's own hash: 128 bits of SHA-256 over a canonical, sorted, framed walk.
    ///
    /// Identical content gives the same hash on any machine and file system, whatever the order
    /// the files were created or listed in; any change to a byte, a name, an executable bit, a
    /// link target, an empty folder or the archive path changes it.
    case stable
    /// The MD5 the Python SDK's object storage computes (`_compute_hash_for_path_md5`).
    ///
    /// Byte for byte the Python SDK's value on the same machine; it depends on the order in
    /// which the file system lists folders, so it can differ between machines.
    case python
}

/// Computes the hash that names a context's archive in object storage.
///
///     let hash = try ContextHasher.stable.hash(of: context)   // 32 hex digits
///
/// Files are streamed in 1 MiB chunks, read on a second thread a few chunks ahead of the
/// hash, so memory stays flat whatever the size of the context.
public struct ContextHasher: Sendable {
    /// The scheme this hasher uses.
    public var scheme: ContextHashScheme
    var fileSystem: any FileSystem
    var concurrent: Bool
    var chunkSize = FileIO.chunkSize

    /// A hasher for the stable scheme.
    public static let stable = ContextHasher(scheme: .stable)
    /// A hasher for the Python SDK's MD5 scheme.
    public static let python = ContextHasher(scheme: .python)

    /// Creates a hasher for a scheme (the stable one unless told otherwise).
    public init(scheme: ContextHashScheme = .stable) {
        self.init(scheme: scheme, fileSystem: LocalFileSystem())
    }

    init(scheme: ContextHashScheme, fileSystem: any FileSystem, concurrent: Bool = true) {
        self.scheme = scheme
        self.fileSystem = fileSystem
        self.concurrent = concurrent
    }

    /// Returns the context's hash as 32 lower-case hex digits.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when a file inside a folder context cannot be opened
    ///   (a dangling link, with the Python scheme), ``DaytonaBadRequestError`` for names that
    ///   are not UTF-8 or members no archive can hold, ``DaytonaError`` for other read failures.
    public func hash(of context: Context) throws -> String {
        switch scheme {
        case .python:
            var md5 = Insecure.MD5()
            try ChunkPipeline.run(concurrent: concurrent, chunkSize: chunkSize) { writer in
                try PythonHashStream(fileSystem: fileSystem).write(context, to: writer)
            } consume: { bytes in
                md5.update(bufferPointer: bytes)
            }
            return Self.hex(md5.finalize())
        case .stable:
            var sha = SHA256()
            try ChunkPipeline.run(concurrent: concurrent, chunkSize: chunkSize) { writer in
                try StableHashStream(fileSystem: fileSystem).write(context, to: writer)
            } consume: { bytes in
                sha.update(bufferPointer: bytes)
            }
            return Self.hex(sha.finalize().prefix(16))
        }
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var result: [UInt8] = []
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

extension Context {
    /// Returns this context's hash, 32 lower-case hex digits (the stable scheme by default).
    ///
    ///     let md5 = try context.hash(using: .python)   // what the Python SDK computes
    ///
    /// - Throws: as ``ContextHasher/hash(of:)``.
    public func hash(using scheme: ContextHashScheme = .stable) throws -> String {
        try ContextHasher(scheme: scheme).hash(of: self)
    }
}
