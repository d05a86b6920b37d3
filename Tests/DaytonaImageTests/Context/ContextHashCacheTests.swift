import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The local file system, counting the files opened for reading, with a hook called at each
/// opening (to change the tree while it is being hashed).
final class CountingFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    private let lock = NSLock()
    private var count = 0
    var onOpen: (String) -> Void = { _ in }

    /// How many files were opened since the last call, which resets the count.
    func takeOpens() -> Int {
        lock.withLock {
            defer { count = 0 }
            return count
        }
    }

    private func opened(_ path: String) {
        lock.withLock { count += 1 }
        onOpen(path)
    }

    func info(at path: String, followingLinks: Bool) throws -> FileInfo? {
        try base.info(at: path, followingLinks: followingLinks)
    }

    func status(at path: String, followingLinks: Bool) throws -> FileStatus? {
        try base.status(at: path, followingLinks: followingLinks)
    }

    func entries(in directory: String) throws -> [DirectoryEntry] { try base.entries(in: directory) }

    func linkTarget(at path: String) throws -> String { try base.linkTarget(at: path) }

    func openForReading(_ path: String) throws -> FileReader {
        opened(path)
        return try base.openForReading(path)
    }

    func openRegularFile(_ path: String) throws -> FileReader {
        opened(path)
        return try base.openRegularFile(path)
    }

    func forEachFile(
        named names: [String],
        in directory: String,
        _ body: (_ name: String, _ reader: FileReader) throws -> Void
    ) throws {
        try base.forEachFile(named: names, in: directory) { name, reader in
            opened(PythonPath.join(directory, name))
            try body(name, reader)
        }
    }
}

@Suite struct ContextHashCacheTests {
    /// A project folder `w` holding the context `w/app`, and a cache folder beside it.
    struct Project {
        let base: String
        var root: String { base + "/w" }
        var app: String { root + "/app" }
        var cacheFolder: String { base + "/cache" }
        let fileSystem = CountingFileSystem()

        init() throws {
            base = try TestTools.temporaryFolder("hash-cache")
            try TestTools.write(app + "/a.txt", "hello\n")
            try TestTools.write(app + "/run.sh", "#!/bin/sh\necho hi\n", permissions: 0o755)
            try TestTools.write(app + "/lib/util.py", "def f():\n    return 1\n")
            try TestTools.write(app + "/lib/deep/data.bin", Data(repeating: 3, count: 200_000))
            try TestTools.write(app + "/node_modules/pkg/index.js", "module.exports = 1\n")
            try FileManager.default.createDirectory(atPath: app + "/empty", withIntermediateDirectories: true)
            try LocalFileSystem.makeSymbolicLink(app + "/link.txt", target: "a.txt")
            try TestTools.write(base + "/outside.txt", "outside\n")
            try LocalFileSystem.makeSymbolicLink(app + "/outside-link", target: "../../outside.txt")
        }

        /// A cache for which every file written so far counts as old (hashing "began" an hour
        /// from now), so racy-write protection does not keep the tree out.
        var cache: ContextHashCache {
            var cache = ContextHashCache(directory: cacheFolder)
            cache.clockOffset = 3600
            return cache
        }

        func context(ignoring rules: [String]? = nil) throws -> Context {
            let ignore = try rules.map { Context.Ignore(rules: try IgnoreRules($0)) }
            return Context(sourcePath: "app", archivePath: "app", workingDirectory: root, ignore: ignore)
        }

        func hasher(_ scheme: ContextHashScheme, cache: ContextHashCache?) -> ContextHasher {
            ContextHasher(scheme: scheme, fileSystem: fileSystem, cache: cache)
        }

        /// The hash without a cache, from the local file system.
        func uncachedHash(_ context: Context, _ scheme: ContextHashScheme) throws -> String {
            try ContextHasher(scheme: scheme, fileSystem: LocalFileSystem()).hash(of: context)
        }

        /// The cache's entry files.
        func entries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cacheFolder)) ?? []).sorted()
                .map { cacheFolder + "/" + $0 }
        }

        func remove() { try? LocalFileSystem.removeTree(base) }
    }

    /// Waits long enough that a following write gets a status-change time of its own, even on
    /// file systems whose clock ticks once per kernel jiffy.
    static func nextTick() { usleep(30_000) }

    static func status(_ path: String) throws -> FileStatus {
        try #require(try LocalFileSystem().status(at: path, followingLinks: false))
    }

    /// Checks that a second hash of an unchanged tree opens no file and gives the first hash,
    /// which is the uncached hash.
    @Test(arguments: ContextHashScheme.allCases)
    func secondHashOfAnUnchangedTreeOpensNoFile(_ scheme: ContextHashScheme) throws {
        let project = try Project()
        defer { project.remove() }
        let context = try project.context()
        let hasher = project.hasher(scheme, cache: project.cache)
        let first = try hasher.hash(of: context)
        #expect(project.fileSystem.takeOpens() > 0)
        #expect(try first == project.uncachedHash(context, scheme))
        #expect(project.entries().count == 1)
        let second = try hasher.hash(of: context)
        #expect(project.fileSystem.takeOpens() == 0)
        #expect(second == first)
    }

    /// Checks that a hit returns what the entry holds, without looking at the files: an entry
    /// edited to hold another hash is served as it is.
    @Test func aHitReturnsTheHashTheEntryHolds() throws {
        let project = try Project()
        defer { project.remove() }
        let context = try project.context()
        let hasher = project.hasher(.stable, cache: project.cache)
        let real = try hasher.hash(of: context)
        _ = project.fileSystem.takeOpens()
        let entry = try #require(project.entries().first)
        let text = try String(contentsOfFile: entry, encoding: .utf8)
        let planted = String(repeating: "ab", count: 16)
        try text.replacingOccurrences(of: real, with: planted).write(toFile: entry, atomically: true, encoding: .utf8)
        #expect(try hasher.hash(of: context) == planted)
        #expect(project.fileSystem.takeOpens() == 0)
    }

    /// A change to the tree, made after it was hashed and cached.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case sameSizeByteWithModificationTimeRestored
        case rename
        case newFile
        case newEmptyFolder
        case removedFile
        case executableBit
        case linkRetargeted
        case fileReplacedBySameContent
        case linkedFileOutsideTheTree

        var testDescription: String { rawValue }

        func apply(to project: Project) throws {
            let app = project.app
            switch self {
            case .sameSizeByteWithModificationTimeRestored:
                let before = try ContextHashCacheTests.status(app + "/a.txt")
                // In place: same inode, same size, the folder untouched.
                let descriptor = open(app + "/a.txt", O_WRONLY)
                #expect(descriptor >= 0)
                #expect(pwrite(descriptor, "O", 1, 4) == 1)
                #expect(close(descriptor) == 0)
                var times = [
                    timespec(
                        tv_sec: Int(before.modificationTime.seconds),
                        tv_nsec: Int(before.modificationTime.nanoseconds)
                    ),
                    timespec(
                        tv_sec: Int(before.modificationTime.seconds),
                        tv_nsec: Int(before.modificationTime.nanoseconds)
                    ),
                ]
                #expect(utimensat(AT_FDCWD, app + "/a.txt", &times, 0) == 0)
                let after = try ContextHashCacheTests.status(app + "/a.txt")
                // The premise: only the status-change time tells the files apart.
                #expect(after.size == before.size && after.modificationTime == before.modificationTime)
                #expect(after.inode == before.inode)
                #expect(after.changeTime != before.changeTime)
            case .rename:
                try LocalFileSystem.rename(app + "/lib/util.py", to: app + "/lib/utils.py")
            case .newFile:
                try TestTools.write(app + "/lib/deep/new.txt", "")
            case .newEmptyFolder:
                try FileManager.default.createDirectory(
                    atPath: app + "/empty/inner",
                    withIntermediateDirectories: false
                )
            case .removedFile:
                try LocalFileSystem.removeFileIfPresent(app + "/lib/deep/data.bin")
            case .executableBit:
                try LocalFileSystem.setPermissions(app + "/a.txt", 0o755)
            case .linkRetargeted:
                try LocalFileSystem.removeFileIfPresent(app + "/link.txt")
                try LocalFileSystem.makeSymbolicLink(app + "/link.txt", target: "run.sh")
            case .fileReplacedBySameContent:
                try TestTools.write(project.base + "/replacement", "hello\n")
                try LocalFileSystem.rename(project.base + "/replacement", to: app + "/a.txt")
            case .linkedFileOutsideTheTree:
                try TestTools.write(project.base + "/outside.txt", "OUTSIDE\n")
            }
        }
    }

    /// Checks that every change misses the cache and gives what a hasher without a cache gives,
    /// for both schemes (a change the scheme does not see may keep the hash, never the entry).
    @Test(arguments: Change.allCases, ContextHashScheme.allCases)
    func everyChangeMissesTheCacheAndGivesTheUncachedHash(_ change: Change, _ scheme: ContextHashScheme) throws {
        let project = try Project()
        defer { project.remove() }
        let context = try project.context()
        let hasher = project.hasher(scheme, cache: project.cache)
        let first = try hasher.hash(of: context)
        _ = project.fileSystem.takeOpens()
        Self.nextTick()
        try change.apply(to: project)
        let second = try hasher.hash(of: context)
        if scheme == .stable && change == .linkedFileOutsideTheTree {
            // The stable hash keeps links as links: what they point at is no part of it, nor of the key.
            #expect(project.fileSystem.takeOpens() == 0)
        } else {
            #expect(project.fileSystem.takeOpens() > 0, "the change must be seen: the files are read again")
        }
        #expect(try second == project.uncachedHash(context, scheme))
        let unseen: Set<Change> =
            scheme == .stable
            ? [.fileReplacedBySameContent, .linkedFileOutsideTheTree] : [.fileReplacedBySameContent, .executableBit]
        if !unseen.contains(change) { #expect(second != first) }
        // The new tree is cached in turn.
        #expect(try hasher.hash(of: context) == second)
        #expect(project.fileSystem.takeOpens() == 0)
    }

    /// Checks that other ignore rules and the other scheme each miss the cache and give the
    /// uncached hash, and that a change to an ignored file keeps the hit (it is not walked).
    @Test func ignoreRulesAndSchemeAreKeysAndIgnoredFilesAreNotWalked() throws {
        let project = try Project()
        defer { project.remove() }
        let plain = try project.context()
        let ignoring = try project.context(ignoring: ["node_modules"])
        let ignoringMore = try project.context(ignoring: ["node_modules", "*.sh"])
        var hashes: Set<String> = []
        for scheme in ContextHashScheme.allCases {
            for context in [plain, ignoring, ignoringMore] {
                let hash = try project.hasher(scheme, cache: project.cache).hash(of: context)
                #expect(project.fileSystem.takeOpens() > 0, "\(scheme) \(String(describing: context.ignore))")
                #expect(try hash == project.uncachedHash(context, scheme))
                hashes.insert(hash)
            }
        }
        #expect(hashes.count == 6)
        #expect(project.entries().count == 6)
        Self.nextTick()
        try TestTools.write(project.app + "/node_modules/pkg/index.js", "module.exports = 2\n")
        for scheme in ContextHashScheme.allCases {
            _ = try project.hasher(scheme, cache: project.cache).hash(of: ignoring)
            #expect(project.fileSystem.takeOpens() == 0, "\(scheme): an ignored file is not part of the key")
        }
    }

    /// Checks that a tree with a file changed within two seconds of the start of hashing is
    /// hashed but not stored, so a write in the same clock tick can never be served a stale hash;
    /// a file dated in the future counts as racy too.
    @Test func racyTreesAreNotCached() throws {
        let project = try Project()
        defer { project.remove() }
        let context = try project.context()
        let realClock = ContextHashCache(directory: project.cacheFolder)
        for scheme in ContextHashScheme.allCases {
            let hasher = project.hasher(scheme, cache: realClock)
            let first = try hasher.hash(of: context)
            #expect(try first == project.uncachedHash(context, scheme))
            #expect(project.entries().isEmpty, "the files were written just now")
            _ = project.fileSystem.takeOpens()
            _ = try hasher.hash(of: context)
            #expect(project.fileSystem.takeOpens() > 0)
        }
        // Every file old except one dated two hours ahead (hashing "begins" one hour ahead).
        var future = [
            timespec(tv_sec: time(nil) + 7200, tv_nsec: 0), timespec(tv_sec: time(nil) + 7200, tv_nsec: 0),
        ]
        #expect(utimensat(AT_FDCWD, project.app + "/lib/util.py", &future, 0) == 0)
        _ = try project.hasher(.stable, cache: project.cache).hash(of: context)
        #expect(project.entries().isEmpty, "a file dated after the start of hashing is racy")
    }

    /// Checks that a tree that changes while it is being hashed is not stored: the tree stated
    /// after hashing differs from the tree stated before.
    @Test(arguments: ContextHashScheme.allCases)
    func aTreeChangedWhileBeingHashedIsNotCached(_ scheme: ContextHashScheme) throws {
        let project = try Project()
        defer { project.remove() }
        let context = try project.context()
        let target = project.app + "/lib/util.py"
        project.fileSystem.onOpen = { path in
            if path.hasSuffix("/a.txt") { try? TestTools.write(target, "def f():\n    return 2\n") }
        }
        _ = try project.hasher(scheme, cache: project.cache).hash(of: context)
        #expect(project.entries().isEmpty)
        project.fileSystem.onOpen = { _ in }
        _ = project.fileSystem.takeOpens()
        // Once the tree is still, it is cached.
        let hash = try project.hasher(scheme, cache: project.cache).hash(of: context)
        #expect(try hash == project.uncachedHash(context, scheme))
        #expect(project.entries().count == 1)
    }

    /// Checks that an entry that is not exactly as the cache writes it is ignored: the hash is
    /// computed from the files (the right one) and the entry written again.
    @Test(arguments: [
        "garbage", "empty", "truncated", "other digest", "upper-case hash", "short hash", "extra line", "folder",
    ])
    func corruptEntriesAreIgnored(_ corruption: String) throws {
        let project = try Project()
        defer { project.remove() }
        let context = try project.context()
        let hasher = project.hasher(.stable, cache: project.cache)
        let hash = try hasher.hash(of: context)
        let entry = try #require(project.entries().first)
        let digest = URL(fileURLWithPath: entry).lastPathComponent
        let header = ContextHashCache.entryHeader
        let text: String? =
            switch corruption {
            case "garbage": "\u{0}\u{1}not an entry at all"
            case "empty": ""
            case "truncated": "\(header)\n\(digest)\n\(hash.prefix(10))"
            case "other digest": "\(header)\n\(String(repeating: "0", count: 64))\n\(hash)\n"
            case "upper-case hash": "\(header)\n\(digest)\n\(hash.uppercased())\n"
            case "short hash": "\(header)\n\(digest)\n\(hash.dropLast())\n"
            case "extra line": "\(header)\n\(digest)\n\(hash)\n\(hash)\n"
            default: nil
            }
        try LocalFileSystem.removeFileIfPresent(entry)
        if let text {
            try TestTools.write(entry, text)
        } else {
            try FileManager.default.createDirectory(atPath: entry, withIntermediateDirectories: false)
        }
        _ = project.fileSystem.takeOpens()
        #expect(try hasher.hash(of: context) == hash)
        #expect(project.fileSystem.takeOpens() > 0)
        if text != nil {
            // Written again, and served next time.
            #expect(
                try String(contentsOfFile: entry, encoding: .utf8)
                    == ContextHashCache.entryText(hash: hash, digest: digest)
            )
            #expect(try hasher.hash(of: context) == hash)
            #expect(project.fileSystem.takeOpens() == 0)
        }
    }

    /// Checks that a cache folder that cannot be created (its parent is a file) is no error: the
    /// hash is computed every time and nothing is written.
    @Test func anUnwritableCacheFolderStillHashes() throws {
        let project = try Project()
        defer { project.remove() }
        try TestTools.write(project.base + "/file", "not a folder")
        var cache = ContextHashCache(directory: project.base + "/file/cache")
        cache.clockOffset = 3600
        let context = try project.context()
        for scheme in ContextHashScheme.allCases {
            let hasher = project.hasher(scheme, cache: cache)
            for _ in 0..<2 {
                #expect(try hasher.hash(of: context) == project.uncachedHash(context, scheme))
                #expect(project.fileSystem.takeOpens() > 0)
            }
        }
    }

    /// Checks that the failures of a hash are the same with a cache: a context that does not
    /// exist or holds a FIFO fails as without one, and nothing is stored.
    @Test func failuresAreTheHashersAndNothingIsStored() throws {
        let project = try Project()
        defer { project.remove() }
        #expect(mkfifo(project.app + "/pipe", 0o644) == 0)
        let context = try project.context()
        for scheme in ContextHashScheme.allCases {
            #expect(throws: DaytonaBadRequestError.self) {
                try project.hasher(scheme, cache: project.cache).hash(of: context)
            }
        }
        #expect(project.entries().isEmpty)
    }

    /// Checks that a file system that cannot report identities and times (the in-memory one)
    /// is hashed without the cache.
    @Test func aFileSystemWithoutStatusesIsNotCached() throws {
        let fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/w/c/a.txt", "a")
        let folder = try TestTools.temporaryFolder("hash-cache-memory")
        defer { try? LocalFileSystem.removeTree(folder) }
        var cache = ContextHashCache(directory: folder)
        cache.clockOffset = 3600
        let context = Context(sourcePath: "c", archivePath: "c", workingDirectory: "/w")
        let cached = try ContextHasher(scheme: .stable, fileSystem: fileSystem, cache: cache).hash(of: context)
        #expect(try cached == ContextHasher(scheme: .stable, fileSystem: fileSystem).hash(of: context))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// Checks where the default cache lives and how the environment moves or disables it.
    @Test func theDefaultFolderFollowsXDGAndTheEnvironmentVariable() {
        #expect(
            ContextHashCache.default(environment: ["HOME": "/home/u"])?.directory
                == "/home/u/.cache/daytona/context-hashes"
        )
        #expect(
            ContextHashCache.default(environment: ["HOME": "/home/u", "XDG_CACHE_HOME": "/var/cache/u"])?.directory
                == "/var/cache/u/daytona/context-hashes"
        )
        // A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
        #expect(
            ContextHashCache.default(environment: ["HOME": "/home/u", "XDG_CACHE_HOME": "cache"])?.directory
                == "/home/u/.cache/daytona/context-hashes"
        )
        #expect(
            ContextHashCache.default(environment: ["HOME": "/home/u", "DAYTONA_CONTEXT_HASH_CACHE": "/tmp/h"])?
                .directory == "/tmp/h"
        )
        #expect(ContextHashCache.default(environment: ["HOME": "/home/u", "DAYTONA_CONTEXT_HASH_CACHE": "off"]) == nil)
    }
}
