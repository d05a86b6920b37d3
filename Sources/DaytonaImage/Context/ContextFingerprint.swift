import Crypto
import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Everything a context's hash depends on, read without opening a file: what ``ContextHashCache``
/// names its entries by.
///
/// The walk visits what the hash walk of the scheme visits (the same ignore rules, the same
/// members; for the Python scheme in listing order and with links followed to their targets, for
/// the stable one in sorted order), and records, with framing that keeps any two different walks
/// apart:
///
/// ```text
/// "daytona-context-fingerprint/1\n", the scheme (and the stable stream's header), the absolute
/// source path, the archive path, the ignore rules (their lines and root path) or none;
/// the root's lstat and stat, and its link target when it is a link;
/// per folder walked: "(", per member "e" name, lstat (a link: target, and for the Python
/// scheme its stat), a folder's own walk; a left-out folder entered for what it puts back: "x";
/// ")".
/// ```
///
/// A status is the kind, `st_mode`, size, device, inode and modification and status-change times
/// in nanoseconds. A file's content is not read: two equal fingerprints mean that no member was
/// written, renamed, replaced, added or removed in between, unless a write left every one of
/// those fields as it was (same size, within one tick of the file system's clock), which is why
/// the cache refuses to store fingerprints of recently changed trees (see ``newestTime``).
struct ContextFingerprint: Sendable, Hashable {
    /// The record's first bytes; a change of what is recorded, or of what either hash covers,
    /// changes this version (the stable stream's own version is recorded as well).
    static let header = "daytona-context-fingerprint/1\n"

    /// The SHA-256 of the record, 64 lower-case hex digits.
    var digest: String
    /// The latest modification or status-change time of anything recorded (folders and link
    /// targets included); `nil` when nothing was there.
    var newestTime: FileTimestamp?

    /// Walks the context and records it.
    ///
    /// - Throws: any failure of the walk (a path that vanishes, a folder that cannot be listed, a
    ///   name that is not UTF-8, ``FileStatusUnavailable``): the caller then hashes without the cache,
    ///   and the hash reports the problem if it is one.
    init(of context: Context, scheme: ContextHashScheme, fileSystem: any FileSystem) throws {
        var recorder = Recorder()
        recorder.write(Self.header)
        recorder.write(scheme.rawValue)
        // A new version of the stable stream must not be served hashes of the old one.
        recorder.write(scheme == .stable ? StableHashStream.header : "")
        let root = context.absoluteSourcePath
        recorder.write(root)
        recorder.write(context.effectiveArchivePath)
        if let ignore = context.ignore {
            recorder.write(byte: 1)
            recorder.write(ignore.rootPath)
            recorder.write(UInt64(ignore.rules.lines.count))
            for line in ignore.rules.lines { recorder.write(line) }
        } else {
            recorder.write(byte: 0)
        }
        let walker = Walker(fileSystem: fileSystem, scheme: scheme, filter: IgnoreFilter(context.ignore))
        let linkStatus = try fileSystem.status(at: root, followingLinks: false)
        let status = try fileSystem.status(at: root, followingLinks: true)
        recorder.write(linkStatus)
        recorder.write(status)
        if linkStatus?.kind == .symbolicLink { recorder.write(try fileSystem.linkTarget(at: root)) }
        if let status, status.kind == .directory {
            let match = walker.filter?.rootMatch()
            if match?.isExcluded != true || walker.filter?.mayPutBack(below: "") == true {
                try walker.walk(root, relative: "", match: match, into: &recorder)
            }
        }
        digest = recorder.finish()
        newestTime = recorder.newestTime
    }

    /// The walk over a context's folders.
    private struct Walker {
        var fileSystem: any FileSystem
        var scheme: ContextHashScheme
        var filter: IgnoreFilter?

        func walk(_ directory: String, relative: String, match: IgnoreMatch?, into recorder: inout Recorder) throws {
            var entries = try fileSystem.entries(in: directory)
            if scheme == .stable {
                // The stable hash sorts, so the listing order must not make a difference here either.
                entries.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            }
            recorder.write(byte: UInt8(ascii: "("))
            for entry in entries {
                let path = PythonPath.join(directory, entry.name)
                // Relative paths only matter to ignore rules; without them, spare building one per member.
                let childRelative =
                    filter == nil ? "" : relative.isEmpty ? entry.name : relative + "/" + entry.name
                let childMatch = match.flatMap { parent in filter?.match(childRelative, below: parent) }
                if let filter, let childMatch, childMatch.isExcluded {
                    // Left out, as both hash walks leave it out, unless it is a folder (not a link
                    // to one) that may hold something put back.
                    guard entry.kind == .directory || entry.kind == .unknown,
                        filter.mayPutBack(below: childRelative),
                        let status = try fileSystem.status(at: path, followingLinks: false),
                        status.kind == .directory
                    else { continue }
                    recorder.write(byte: UInt8(ascii: "x"))
                    recorder.write(entry.name)
                    recorder.write(status)
                    try walk(path, relative: childRelative, match: childMatch, into: &recorder)
                    continue
                }
                guard let status = try fileSystem.status(at: path, followingLinks: false) else {
                    throw DaytonaNotFoundError(message: "'\(path)' disappeared while it was being read")
                }
                recorder.write(byte: UInt8(ascii: "e"))
                recorder.write(entry.name)
                recorder.write(status)
                switch status.kind {
                case .symbolicLink:
                    recorder.write(try fileSystem.linkTarget(at: path))
                    if scheme == .python {
                        // The Python walk reads a link to a file as the file.
                        recorder.write(try fileSystem.status(at: path, followingLinks: true))
                    }
                case .directory:
                    try walk(path, relative: childRelative, match: childMatch, into: &recorder)
                default:
                    break
                }
            }
            recorder.write(byte: UInt8(ascii: ")"))
        }
    }

    /// Frames fields into a buffer that is hashed as it fills.
    private struct Recorder {
        private var sha = SHA256()
        private var buffer: [UInt8] = []
        private(set) var newestTime: FileTimestamp?

        init() { buffer.reserveCapacity(Self.flushSize + 4096) }

        private static let flushSize = 1 << 16

        mutating func write(byte: UInt8) {
            buffer.append(byte)
        }

        mutating func write(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }

        mutating func write(_ value: Int64) {
            write(UInt64(bitPattern: value))
        }

        mutating func write(_ text: String) {
            write(UInt64(text.utf8.count))
            buffer.append(contentsOf: text.utf8)
            flushIfFull()
        }

        mutating func write(_ status: FileStatus?) {
            guard let status else {
                write(byte: 0)
                return
            }
            let kind: UInt8 =
                switch status.kind {
                case .regular: 1
                case .directory: 2
                case .symbolicLink: 3
                case .other: 4
                case .unknown: 5
                }
            write(byte: kind)
            write(UInt64(status.mode))
            write(status.size)
            write(status.device)
            write(status.inode)
            write(status.modificationTime.seconds)
            write(status.modificationTime.nanoseconds)
            write(status.changeTime.seconds)
            write(status.changeTime.nanoseconds)
            let newest = status.newestTime
            if newestTime.map({ newest > $0 }) ?? true { newestTime = newest }
            flushIfFull()
        }

        private mutating func flushIfFull() {
            guard buffer.count >= Self.flushSize else { return }
            sha.update(data: buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        mutating func finish() -> String {
            sha.update(data: buffer)
            buffer.removeAll()
            return ContextHasher.hex(sha.finalize())
        }
    }
}
