import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Writes the canonical byte stream behind the stable hash (scheme version 1).
///
/// Every field is framed so that no two different contexts give the same stream:
///
/// ```text
/// "daytona-context-hash/1\n"
/// u64 length, archive path (UTF-8)
/// per member, in ContextWalk order (names sorted by their bytes):
///   "d"  u64 length, relative path
///   "f"  u64 length, relative path, 1 byte (1 if the owner may execute), u64 size, content
///   "l"  u64 length, relative path, u64 length, link target
/// ```
///
/// Integers are little-endian; the root member has the empty relative path. A source that does
/// not exist is the single member `"m"` with the empty path. The stream covers exactly what an
/// archive of the context holds (names, kinds, contents, executable bits, link targets, every
/// folder, empty ones included) and nothing that varies between machines (listing order,
/// timestamps, owners, other permission bits). Members that the context's ignore rules leave
/// out are not in the stream, just as they are not in the archive.
struct StableHashStream {
    /// The stream's first bytes; a change of framing changes this version.
    static let header = "daytona-context-hash/1\n"

    /// The file system to read.
    var fileSystem: any FileSystem

    /// Writes the stream for one context.
    func write(_ context: Context, to writer: ChunkWriter) throws {
        try writer.write(Self.header)
        try writeField(context.effectiveArchivePath, to: writer)
        let root = context.absoluteSourcePath
        let exists = try fileSystem.info(at: root, followingLinks: false) != nil
        guard exists else {
            try writer.write("m")
            try writeField("", to: writer)
            return
        }
        try ContextWalk(fileSystem: fileSystem).visit(root: root, ignore: context.ignore) { entry in
            switch entry.kind {
            case .directory:
                try writer.write("d")
                try writeField(entry.relativePath, to: writer)
            case .symbolicLink:
                try writer.write("l")
                try writeField(entry.relativePath, to: writer)
                try writeField(entry.linkTarget ?? "", to: writer)
            default:
                let reader = try fileSystem.openRegularFile(entry.path)
                defer { reader.close() }
                let info = try reader.info()
                try writer.write("f")
                try writeField(entry.relativePath, to: writer)
                try writer.write([info.isExecutable ? 1 : 0])
                try writer.write(littleEndian: info.size)
                try writer.copy(info.size, from: reader, path: entry.path)
            }
        }
    }

    private func writeField(_ text: String, to writer: ChunkWriter) throws {
        try writer.write(littleEndian: UInt64(text.utf8.count))
        try writer.write(text)
    }
}
