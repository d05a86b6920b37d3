import DaytonaErrors
import DaytonaSystem
import Foundation

/// Remembers context hashes between runs, so that hashing a context that has not changed reads
/// no file's content.
///
///     let hasher = ContextHasher(scheme: .stable, cache: .default)
///     let hash = try hasher.hash(of: context)   // a second call on an unchanged tree only stats it
///
/// An entry is keyed by a fingerprint of the context taken with `lstat`, `stat` and folder
/// listings only: the scheme, the context's absolute source path, archive path and ignore rules,
/// and for every member the hash walk visits its relative path, kind, size, mode, inode, device,
/// modification and status-change times in nanoseconds, and link target (for the Python scheme
/// also what the link points at). Any write, rename, new or removed file, `chmod` or `touch`
/// changes the fingerprint, and so misses the cache; even a write that restores the size and the
/// modification time changes the status-change time, which no program can set back.
///
/// As git's index does, the cache guards against a write that lands within one tick of the file
/// system's clock and so leaves every field as it was: nothing is stored when a member changed
/// less than two seconds before hashing began (or is dated later), or when the tree stated
/// again after hashing differs from the tree stated before it. Such a context is simply hashed
/// again next time.
///
/// Each entry is one small file in ``directory``, named by the fingerprint's SHA-256 and written
/// atomically, so concurrent processes may share the folder. An entry that is corrupt or cannot be
/// read is ignored (the hash is computed and the entry written again), and a folder that cannot be
/// created or written only means nothing is cached: the cache never makes a hash fail. Entries are
/// never removed by the SDK; deleting the folder at any time is safe.
public struct ContextHashCache: Sendable, Hashable {
    /// The folder holding the entries; created, with its missing parents, when first written.
    public var directory: String

    /// Seconds added to the wall clock's time when hashing begins; tests move it forward so that
    /// files they have just written count as old.
    var clockOffset: Int64 = 0

    /// How recent a change may be, before hashing began, for the tree's hash to be stored.
    static let racySeconds: Int64 = 2

    /// The environment variable that moves the default cache (to the folder it names) or turns it
    /// off (`off`).
    public static let environmentVariable = "DAYTONA_CONTEXT_HASH_CACHE"

    /// Creates a cache that keeps its entries in `directory`.
    ///
    /// - Parameter directory: The folder for the entries; a relative path is taken from the
    ///   current working folder when the cache is used.
    public init(directory: String) {
        self.directory = directory
    }

    /// The folder the default cache uses: `$XDG_CACHE_HOME/daytona/context-hashes` when
    /// `XDG_CACHE_HOME` is an absolute path, else `~/.cache/daytona/context-hashes`.
    public static var defaultDirectory: String {
        defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// The cache the SDK's uploads use: ``defaultDirectory``, or the folder that
    /// `DAYTONA_CONTEXT_HASH_CACHE` names; `nil` (no cache) when that variable is `off`.
    public static var `default`: ContextHashCache? {
        `default`(environment: ProcessInfo.processInfo.environment)
    }

    static func `default`(environment: [String: String]) -> ContextHashCache? {
        switch environment[environmentVariable] {
        case "off"?: return nil
        case let folder? where !folder.isEmpty: return ContextHashCache(directory: folder)
        default: return ContextHashCache(directory: defaultDirectory(environment: environment))
        }
    }

    static func defaultDirectory(environment: [String: String]) -> String {
        // The XDG specification says relative values are to be ignored.
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return PythonPath.join(base, "daytona/context-hashes")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? LocalFileSystem.currentHomeDirectory()
        return PythonPath.join(home, ".cache/daytona/context-hashes")
    }

    /// The context's hash from the cache, or `compute`'s, stored when it is safe to.
    ///
    /// - Throws: only what `compute` throws.
    func hash(
        of context: Context,
        scheme: ContextHashScheme,
        fileSystem: any FileSystem,
        compute: () throws -> String
    ) throws -> String {
        let started = LocalFileSystem.currentTime().adding(seconds: clockOffset)
        guard let before = try? ContextFingerprint(of: context, scheme: scheme, fileSystem: fileSystem) else {
            return try compute()
        }
        let path = PythonPath.join(directory, before.digest)
        if let hash = Self.readEntry(at: path, digest: before.digest) { return hash }
        let hash = try compute()
        if let newest = before.newestTime, newest >= started.adding(seconds: -Self.racySeconds) {
            return hash
        }
        guard let after = try? ContextFingerprint(of: context, scheme: scheme, fileSystem: fileSystem),
            after == before
        else { return hash }
        Self.writeEntry(hash, digest: before.digest, at: path, in: directory)
        return hash
    }

    /// The first line of every entry; a change of format changes this version.
    static let entryHeader = "daytona-context-hash-cache/1"

    /// An entry's text: the header, the fingerprint's digest and the hash, one a line.
    static func entryText(hash: String, digest: String) -> String {
        "\(entryHeader)\n\(digest)\n\(hash)\n"
    }

    /// The hash an entry holds, or `nil` when there is none or it is not exactly as written.
    static func readEntry(at path: String, digest: String) -> String? {
        let local = LocalFileSystem()
        guard let reader = try? local.openRegularFile(path) else { return nil }
        defer { reader.close() }
        var bytes = [UInt8](repeating: 0, count: 256)
        var count = 0
        while count < bytes.count {
            let read = try? bytes.withUnsafeMutableBytes { buffer in
                try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            }
            guard let read else { return nil }
            if read == 0 { break }
            count += read
        }
        let lines = String(decoding: bytes[..<count], as: UTF8.self).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        guard lines.count == 4, lines[0] == entryHeader, lines[1] == digest, lines[3].isEmpty,
            isHash(lines[2])
        else { return nil }
        return String(lines[2])
    }

    /// Whether `text` is 32 lower-case hex digits, as both schemes' hashes are.
    static func isHash(_ text: Substring) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Writes an entry atomically; a failure leaves nothing cached and is not an error.
    static func writeEntry(_ hash: String, digest: String, at path: String, in directory: String) {
        do {
            try LocalFileSystem.makeDirectories(directory, permissions: 0o700)
            try AtomicFiles.write(Data(entryText(hash: hash, digest: digest).utf8), to: path)
        } catch {
            // The cache only saves time: a folder that cannot be written caches nothing.
        }
    }
}
