import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The local file system, except that the `failingOpen`-th opening of `path` gives a reader
/// whose reads fail: a read error after the up-front checks (and the hash) passed.
final class FailingReadFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    let path: String
    let failingOpen: Int
    private var opens = 0

    init(path: String, failingOpen: Int) {
        self.path = path
        self.failingOpen = failingOpen
    }

    func info(at path: String, followingLinks: Bool) throws -> FileInfo? {
        try base.info(at: path, followingLinks: followingLinks)
    }

    func entries(in directory: String) throws -> [DirectoryEntry] { try base.entries(in: directory) }

    func linkTarget(at path: String) throws -> String { try base.linkTarget(at: path) }

    func openForReading(_ path: String) throws -> FileReader {
        let reader = try base.openForReading(path)
        guard path == self.path else { return reader }
        opens += 1
        return opens == failingOpen ? FailingReader(reader) : reader
    }

    private final class FailingReader: FileReader {
        let wrapped: FileReader
        var reads = 0
        init(_ wrapped: FileReader) { self.wrapped = wrapped }
        func info() throws -> FileInfo { try wrapped.info() }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            reads += 1
            if reads > 1 { throw DaytonaError(message: "read '(injected)': Input/output error") }
            return try wrapped.read(into: buffer)
        }
        func close() { wrapped.close() }
    }
}

/// What a failed archive or build folder leaves behind: nothing.
@Suite struct ContextFailureTests {
    /// `root/good` (one small file) and `root/bad`: a 3 MB file, then a FIFO sorted after it.
    static func project() throws -> String {
        let root = try TestTools.temporaryFolder("ctx-failure")
        try TestTools.write(root + "/good/a.txt", "a\n")
        try TestTools.write(root + "/bad/a.bin", Data(repeating: 7, count: 3_000_000))
        #expect(mkfifo(root + "/bad/z.pipe", 0o644) == 0)
        try TestTools.write(root + "/big/a.bin", Data(repeating: 9, count: 3_000_000))
        return root
    }

    static func context(_ name: String, in root: String, archivePath: String? = nil) -> Context {
        Context(sourcePath: name, archivePath: archivePath, workingDirectory: root)
    }

    static func listing(_ path: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOAfterABigFileFailsBeforeTheOutputIsOpened() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var opened = false
        let error = try #require(throws: DaytonaBadRequestError.self) {
            try ContextArchive().write([Self.context("bad", in: root)]) {
                opened = true
                return try OutputFile.create(root + "/stdout.tar")
            }
        }
        #expect(error.message.contains(root + "/bad/z.pipe"))
        #expect(!opened)
        #expect(throws: DaytonaBadRequestError.self) {
            try ContextArchive().write([Self.context("bad", in: root)], toFileAt: root + "/out.tar")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/out.tar"))
    }

    @Test func aReadErrorWhileWritingAnArchiveFileRemovesIt() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The check walks without opening files, so open 1 is the archive's.
        let fileSystem = FailingReadFileSystem(path: root + "/big/a.bin", failingOpen: 1)
        #expect(throws: DaytonaError.self) {
            try ContextArchive(fileSystem: fileSystem).write([Self.context("big", in: root)], toFileAt: root + "/o.tar")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/o.tar"))
    }

    @Test(.timeLimit(.minutes(1)))
    func archivesAreNotWrittenWhenALaterContextIsInvalid() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: DaytonaBadRequestError.self) {
            try ContextArchive().writeArchives(
                of: [Self.context("good", in: root), Self.context("bad", in: root)],
                into: root + "/out/archives"
            )
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/out"))
    }

    @Test func aWriteFailureRemovesThePartialFileAndTheArchivesThisRunWrote() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let contexts = [Self.context("good", in: root), Self.context("big", in: root)]
        try TestTools.write(root + "/out/keep.txt", "mine\n")
        // Open 1 is the hash, open 2 the archive (the check opens no file).
        let fileSystem = FailingReadFileSystem(path: root + "/big/a.bin", failingOpen: 2)
        #expect(throws: DaytonaError.self) {
            try ContextArchive(fileSystem: fileSystem).writeArchives(of: contexts, into: root + "/out")
        }
        #expect(Self.listing(root + "/out") == ["keep.txt"])
        // An archive that was there before the run stays.
        let written = try ContextArchive().writeArchives(of: contexts, into: root + "/out")
        let second = FailingReadFileSystem(path: root + "/big/a.bin", failingOpen: 2)
        #expect(throws: DaytonaError.self) {
            try ContextArchive(fileSystem: second).writeArchives(of: contexts, into: root + "/out")
        }
        for archive in written {
            #expect(FileManager.default.fileExists(atPath: archive.archivePath))
            #expect(!FileManager.default.fileExists(atPath: archive.archivePath + ".partial"))
        }
    }

    @Test func aFailedBuildFolderLeavesNothingBehindAndCanBeRetried() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let contexts = [Self.context("good", in: root), Self.context("big", in: root)]
        for existing in [false, true] {
            let out = root + (existing ? "/empty" : "/missing/build")
            if existing { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
            var folder = BuildFolder(dockerfile: "FROM scratch\n", contexts: contexts)
            folder.fileSystem = FailingReadFileSystem(path: root + "/big/a.bin", failingOpen: 1)
            #expect(throws: DaytonaError.self) { try folder.write(to: out) }
            if existing {
                #expect(Self.listing(out) == [])
            } else {
                #expect(!FileManager.default.fileExists(atPath: root + "/missing"))
            }
            try BuildFolder(dockerfile: "FROM scratch\n", contexts: contexts).write(to: out)
            #expect(Self.listing(out) == ["Dockerfile", "big", "big/a.bin", "good", "good/a.txt"])
        }
        let bad = BuildFolder(dockerfile: "FROM scratch\n", contexts: [Self.context("bad", in: root)])
        #expect(throws: DaytonaBadRequestError.self) { try bad.write(to: root + "/bad-build") }
        #expect(!FileManager.default.fileExists(atPath: root + "/bad-build"))
    }

    @Test func aContextThatLaysItsOwnDockerfileAtTheTopIsRefused() throws {
        let root = try TestTools.temporaryFolder("ctx-dockerfile")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try TestTools.write(root + "/project/Dockerfile", "FROM mine\n")
        try TestTools.write(root + "/project/app.py", "print(1)\n")
        let context = Context(sourcePath: ".", archivePath: nil, workingDirectory: root + "/project")
        let error = try #require(throws: DaytonaBadRequestError.self) {
            try BuildFolder(dockerfile: "FROM scratch\n", contexts: [context]).write(to: root + "/out")
        }
        #expect(error.message.contains("context '.'"))
        #expect(error.message.contains("Dockerfile"))
        #expect(!FileManager.default.fileExists(atPath: root + "/out"))
        // A Dockerfile below the top is fine: it does not clash.
        let nested = Context(sourcePath: ".", archivePath: "src", workingDirectory: root + "/project")
        try BuildFolder(dockerfile: "FROM scratch\n", contexts: [nested]).write(to: root + "/out")
        #expect(FileManager.default.contents(atPath: root + "/out/src/Dockerfile") == Data("FROM mine\n".utf8))
        #expect(FileManager.default.contents(atPath: root + "/out/Dockerfile") == Data("FROM scratch\n".utf8))
    }

    @Test func anOutputFolderInsideAContextIsRefusedBeforeAnythingIsWritten() throws {
        let root = try TestTools.temporaryFolder("ctx-inside")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try TestTools.write(root + "/project/a.txt", "a\n")
        try FileManager.default.createSymbolicLink(atPath: root + "/alias", withDestinationPath: "project")
        let context = Context(sourcePath: ".", archivePath: nil, workingDirectory: root + "/project")
        for output in [root + "/project/build", root + "/alias/out/deeper", root + "/project"] {
            let error = try #require(throws: DaytonaBadRequestError.self) {
                try BuildFolder(dockerfile: "FROM scratch\n", contexts: [context]).write(to: output)
            }
            #expect(error.message.contains("inside the context"))
            #expect(throws: DaytonaBadRequestError.self) {
                try ContextArchive().writeArchives(of: [context], into: output)
            }
        }
        #expect(Self.listing(root + "/project") == ["a.txt"])
        // Beside the context is fine.
        try BuildFolder(dockerfile: "FROM scratch\n", contexts: [context]).write(to: root + "/project-build")
        #expect(Self.listing(root + "/project-build") == ["Dockerfile", "a.txt"])
        let written = try ContextArchive().writeArchives(of: [context], into: root + "/archives")
        #expect(written.count == 1)
    }
}
