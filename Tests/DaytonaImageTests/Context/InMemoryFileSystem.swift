@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// A file system held in memory, whose folders list their entries in the order they were added
/// (or any order a test sets), to prove what does and does not depend on listing order.
final class InMemoryFileSystem: FileSystem, @unchecked Sendable {
    enum Node {
        case file(bytes: [UInt8], permissions: UInt32)
        case directory(names: [String])
        case link(target: String)
    }

    /// Nodes by absolute path; keys are compared by their bytes (no Unicode equivalence).
    private var nodes: [[UInt8]: Node] = [Array("/".utf8): .directory(names: [])]

    private static func key(_ path: String) -> [UInt8] { Array(path.utf8) }

    private func parent(of path: String) -> (String, String) {
        let index = path.lastIndex(of: "/")!
        let parent = index == path.startIndex ? "/" : String(path[..<index])
        return (parent, String(path[path.index(after: index)...]))
    }

    private func add(_ path: String, _ node: Node) {
        let (parentPath, name) = parent(of: path)
        if nodes[Self.key(parentPath)] == nil { addDirectory(parentPath) }
        if case .directory(let names) = nodes[Self.key(parentPath)]!,
            !names.contains(where: { Array($0.utf8) == Array(name.utf8) })
        {
            nodes[Self.key(parentPath)] = .directory(names: names + [name])
        }
        nodes[Self.key(path)] = node
    }

    func addFile(_ path: String, _ text: String, permissions: UInt32 = 0o644) {
        add(path, .file(bytes: Array(text.utf8), permissions: permissions))
    }

    func addFile(_ path: String, bytes: [UInt8], permissions: UInt32 = 0o644) {
        add(path, .file(bytes: bytes, permissions: permissions))
    }

    func addDirectory(_ path: String) {
        if case .directory = nodes[Self.key(path)] { return }
        add(path, .directory(names: []))
    }

    func addLink(_ path: String, target: String) {
        add(path, .link(target: target))
    }

    /// Sets the order in which a folder lists its entries.
    func setListingOrder(of path: String, _ names: [String]) {
        nodes[Self.key(path)] = .directory(names: names)
    }

    /// Reverses every folder's listing order.
    func reverseAllListings() {
        for (key, node) in nodes {
            if case .directory(let names) = node { nodes[key] = .directory(names: names.reversed()) }
        }
    }

    private func resolve(_ path: String, followingLinks: Bool, depth: Int = 0) -> (String, Node)? {
        // Resolve links in parent folders always, in the last component only when asked.
        if depth > 32 { return nil }
        let normalized = PythonPath.normalize(path)
        if normalized == "/" { return ("/", nodes[Self.key("/")]!) }
        let (parentPath, name) = parent(of: normalized)
        guard let (realParent, parentNode) = resolve(parentPath, followingLinks: true, depth: depth + 1),
            case .directory = parentNode
        else { return nil }
        let real = realParent == "/" ? "/" + name : realParent + "/" + name
        guard let node = nodes[Self.key(real)] else { return nil }
        if followingLinks, case .link(let target) = node {
            let next = target.hasPrefix("/") ? target : realParent + "/" + target
            return resolve(next, followingLinks: true, depth: depth + 1)
        }
        return (real, node)
    }

    func info(at path: String, followingLinks: Bool) throws -> FileInfo? {
        guard let (_, node) = resolve(path, followingLinks: followingLinks) else { return nil }
        switch node {
        case .file(let bytes, let permissions):
            return FileInfo(kind: .regular, permissions: permissions, size: UInt64(bytes.count), modificationTime: 0)
        case .directory: return FileInfo(kind: .directory, permissions: 0o755, size: 0, modificationTime: 0)
        case .link: return FileInfo(kind: .symbolicLink, permissions: 0o777, size: 0, modificationTime: 0)
        }
    }

    func entries(in directory: String) throws -> [DirectoryEntry] {
        guard let (real, node) = resolve(directory, followingLinks: true), case .directory(let names) = node else {
            throw DaytonaNotFoundError(message: "opendir '\(directory)'")
        }
        return names.map { name in
            let kind: FileKind
            switch nodes[Self.key(real == "/" ? "/" + name : real + "/" + name)] {
            case .file: kind = .regular
            case .directory: kind = .directory
            case .link: kind = .symbolicLink
            case nil: kind = .unknown
            }
            return DirectoryEntry(name: name, kind: kind)
        }
    }

    func linkTarget(at path: String) throws -> String {
        guard let (_, node) = resolve(path, followingLinks: false), case .link(let target) = node else {
            throw DaytonaError(message: "readlink '\(path)'")
        }
        return target
    }

    func openForReading(_ path: String) throws -> FileReader {
        guard let (_, node) = resolve(path, followingLinks: true), case .file(let bytes, let permissions) = node else {
            throw DaytonaNotFoundError(message: "open '\(path)'")
        }
        return Reader(bytes: bytes, permissions: permissions)
    }

    private final class Reader: FileReader {
        let bytes: [UInt8]
        let permissions: UInt32
        var offset = 0

        init(bytes: [UInt8], permissions: UInt32) {
            self.bytes = bytes
            self.permissions = permissions
        }

        func info() throws -> FileInfo {
            FileInfo(kind: .regular, permissions: permissions, size: UInt64(bytes.count), modificationTime: 0)
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            // As POSIX promises for regular files: a short read only at the end.
            let count = min(buffer.count, bytes.count - offset)
            if count == 0 { return 0 }
            bytes.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
            offset += count
            return count
        }

        func close() {}
    }
}
