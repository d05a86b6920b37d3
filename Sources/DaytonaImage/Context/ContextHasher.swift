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
///
/// With a ``ContextHashCache``, a context whose files have not changed since it was last hashed
/// gets its hash from the cache after a walk that only stats the files:
///
///     let hasher = ContextHasher(scheme: .stable, cache: .default)
public struct ContextHasher: Sendable {
    /// The scheme this hasher uses.
    public var scheme: ContextHashScheme
    /// The cache that remembers hashes between runs, or `nil` (the default) to read every file
    /// every time.
    ///
    /// The hash is the same either way; the cache only spares reading the files again.
    public var cache: ContextHashCache?
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

    /// Creates a hasher for a scheme that remembers the hashes it computes in a cache.
    ///
    /// - Parameters:
    ///   - scheme: The scheme to hash with.
    ///   - cache: Where hashes are remembered between runs (``ContextHashCache/default`` is the
    ///     SDK's), or `nil` to read every file every time.
    public init(scheme: ContextHashScheme = .stable, cache: ContextHashCache?) {
        self.init(scheme: scheme, fileSystem: LocalFileSystem(), cache: cache)
    }

    init(
        scheme: ContextHashScheme,
        fileSystem: any FileSystem,
        concurrent: Bool = true,
        cache: ContextHashCache? = nil
    ) {
        self.scheme = scheme
        self.fileSystem = fileSystem
        self.concurrent = concurrent
        self.cache = cache
    }

    /// Returns the context's hash as 32 lower-case hex digits.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when a file inside a folder context cannot be opened
    ///   (a dangling link, with the Python scheme), ``DaytonaBadRequestError`` for names that
    ///   are not UTF-8 or members no archive can hold, ``DaytonaError`` for other read failures.
    ///   A cache never adds a failure: when it cannot be read or written, the hash is computed.
    public func hash(of context: Context) throws -> String {
        guard let cache else { return try computeHash(of: context) }
        return try cache.hash(of: context, scheme: scheme, fileSystem: fileSystem) {
            try computeHash(of: context)
        }
    }

    /// The hash from the files' content, without the cache.
    private func computeHash(of context: Context) throws -> String {
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

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
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
