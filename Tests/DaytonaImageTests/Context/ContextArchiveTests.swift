import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

@Suite struct ContextArchiveTests {
    static let longFolder = String(repeating: "d", count: 150)
    static let longFile = String(repeating: "f", count: 120) + ".txt"
    static let longTarget = String(repeating: "../", count: 40) + "target"

    /// A tree with names tar formats find awkward.
    static func makeHostileTree(at root: String) throws {
        try TestTools.write(root + "/plain.txt", "plain\n")
        try TestTools.write(root + "/\(longFolder)/\(longFile)", "long name\n")
        try TestTools.write(root + "/\u{e9}.txt", "composed\n")
        try TestTools.write(root + "/e\u{301}.txt", "decomposed\n")
        try TestTools.write(root + "/with space/new\nline/tab\tname", "hostile\n")
        try TestTools.write(root + "/emoji \u{1F389}/quote\"' and \\backslash", "emoji\n")
        try TestTools.write(
            root + "/\u{65E5}\u{672C}\u{8A9E}/" + String(repeating: "\u{00FC}", count: 60),
            "unicode long\n"
        )
        try TestTools.write(root + "/run.sh", "#!/bin/sh\necho hi\n", permissions: 0o755)
        try FileManager.default.createDirectory(atPath: root + "/empty/nested-empty", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link-to-plain", withDestinationPath: "plain.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/long-link", withDestinationPath: longTarget)
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: "nowhere")
        try FileManager.default.createSymbolicLink(atPath: root + "/link-to-dir", withDestinationPath: "empty")
        var big = [UInt8](repeating: 0, count: 3_000_000)
        for index in big.indices { big[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 9) }
        _ = FileManager.default.createFile(atPath: root + "/big.bin", contents: Data(big))
    }

    static let archivePaths = ["ctx/sub", "\u{00FC}n\u{00EF}/c\u{00F6}d\u{00E9} dir", "solo/plain.txt"]

    static func contexts(in root: String) -> [Context] {
        [
            Context(sourcePath: "tree", archivePath: archivePaths[0], workingDirectory: root),
            Context(sourcePath: "tree", archivePath: archivePaths[1], workingDirectory: root),
            Context(sourcePath: "tree/plain.txt", archivePath: archivePaths[2], workingDirectory: root),
        ]
    }

    /// The extracted tree must hold what the source holds: the stable hash covers names, kinds,
    /// contents, executable bits and link targets, so equal hashes mean equal trees.
    static func expectSameTree(source root: String, extracted: String) throws {
        for (index, archivePath) in archivePaths.enumerated() {
            let source = contexts(in: root)[index]
            let unpacked = Context(
                sourcePath: archivePath,
                archivePath: source.archivePath,
                workingDirectory: extracted
            )
            #expect(try source.hash() == unpacked.hash(), "\(archivePath)")
        }
        let data = FileManager.default.contents(atPath: extracted + "/ctx/sub/\(longFolder)/\(longFile)")
        #expect(data == Data("long name\n".utf8))
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: extracted + "/ctx/sub/long-link") == longTarget
        )
        let attributes = try FileManager.default.attributesOfItem(atPath: extracted + "/ctx/sub/run.sh")
        #expect((attributes[.posixPermissions] as? Int) == 0o755)
    }

    @Test func gnuTarExtractsTheArchiveToTheSameTree() throws {
        guard let tar = TestTools.find("tar") else {
            print("skipping: GNU tar is not installed (apt-get install tar)")
            return
        }
        let root = try TestTools.temporaryFolder("tar-gnu")
        defer { if ProcessInfo.processInfo.environment["KEEP"] == nil { try? LocalFileSystem.removeTree(root) } }
        try Self.makeHostileTree(at: root + "/tree")
        try ContextArchive().write(Self.contexts(in: root), toFileAt: root + "/context.tar")
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        let result = try TestTools.run(tar, ["-xf", root + "/context.tar", "-C", root + "/out"])
        #expect(result.status == 0, "\(result.error)")
        try Self.expectSameTree(source: root, extracted: root + "/out")
    }

    @Test func pythonTarfileExtractsTheArchiveToTheSameTree() throws {
        guard let python = TestTools.find("python3") else {
            print("skipping: python3 is not installed (apt-get install python3)")
            return
        }
        let root = try TestTools.temporaryFolder("tar-python")
        defer { try? LocalFileSystem.removeTree(root) }
        try Self.makeHostileTree(at: root + "/tree")
        try ContextArchive().write(Self.contexts(in: root), toFileAt: root + "/context.tar")
        let script = """
            import sys, tarfile
            with tarfile.open(sys.argv[1]) as t:
                assert all(m.name.isprintable() or "\\n" in m.name or "\\t" in m.name for m in t.getmembers())
                if hasattr(tarfile, "data_filter"):
                    t.extractall(sys.argv[2], filter="tar")
                else:
                    t.extractall(sys.argv[2])
            """
        let result = try TestTools.run(python, ["-c", script, root + "/context.tar", root + "/out"])
        #expect(result.status == 0, "\(result.error)")
        try Self.expectSameTree(source: root, extracted: root + "/out")
    }

    @Test func theArchiveIsByteForByteReproducible() throws {
        let root = try TestTools.temporaryFolder("tar-repro")
        defer { try? LocalFileSystem.removeTree(root) }
        try Self.makeHostileTree(at: root + "/tree")
        try ContextArchive().write(Self.contexts(in: root), toFileAt: root + "/a.tar")
        try ContextArchive(fileSystem: LocalFileSystem(), concurrent: false)
            .write(Self.contexts(in: root), toFileAt: root + "/b.tar")
        let first = try #require(FileManager.default.contents(atPath: root + "/a.tar"))
        let second = try #require(FileManager.default.contents(atPath: root + "/b.tar"))
        #expect(first == second)
        #expect(first.count % 512 == 0)
    }

    @Test func membersComeInSortedOrderWhateverTheListingOrder() throws {
        let fileSystem = InMemoryFileSystem()
        for name in ["b", "a", "c/z", "c/y", "\u{e9}", "e\u{301}"] { fileSystem.addFile("/w/t/" + name, name) }
        let reversed = InMemoryFileSystem()
        for name in ["b", "a", "c/z", "c/y", "\u{e9}", "e\u{301}"].reversed() { reversed.addFile("/w/t/" + name, name) }
        let context = Context(sourcePath: "t", archivePath: "t", workingDirectory: "/w")
        let root = try TestTools.temporaryFolder("tar-order")
        defer { try? LocalFileSystem.removeTree(root) }
        try ContextArchive(fileSystem: fileSystem).write([context], toFileAt: root + "/a.tar")
        try ContextArchive(fileSystem: reversed).write([context], toFileAt: root + "/b.tar")
        #expect(
            FileManager.default.contents(atPath: root + "/a.tar")
                == FileManager.default.contents(atPath: root + "/b.tar")
        )
        guard let tar = TestTools.find("tar") else { return }
        let listing = try TestTools.run(tar, ["-tf", root + "/a.tar"]).output
        #expect(listing == "t/\nt/a\nt/b\nt/c/\nt/c/y\nt/c/z\nt/e\u{301}\nt/\u{e9}\n")
    }

    @Test(arguments: [("/web/site.css", "web/site.css"), ("//abs//path", "abs/path"), ("/./x/./y", "x/y")])
    func leadingSlashesAreDroppedFromMemberNamesAsTarDrops(_ archivePath: String, member: String) throws {
        let fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/w/f", "x")
        let context = Context(sourcePath: "f", archivePath: archivePath, workingDirectory: "/w")
        let root = try TestTools.temporaryFolder("tar-slash")
        defer { try? LocalFileSystem.removeTree(root) }
        try ContextArchive(fileSystem: fileSystem).write([context], toFileAt: root + "/x.tar")
        guard let tar = TestTools.find("tar") else { return }
        #expect(try TestTools.run(tar, ["-tf", root + "/x.tar"]).output == member + "\n")
        // The hashes keep the archive path as it is (the Python SDK hashes it so).
        let plain = Context(sourcePath: "f", archivePath: member, workingDirectory: "/w")
        for scheme in ContextHashScheme.allCases {
            let hasher = ContextHasher(scheme: scheme, fileSystem: fileSystem, concurrent: false)
            #expect(try hasher.hash(of: context) != hasher.hash(of: plain))
        }
    }

    @Test(arguments: ["../x", "a/../../b", "/abs/../..", "a/..", "ok/../.."])
    func archivePathsThatEscapeTheRootAreRefused(_ archivePath: String) throws {
        let fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/w/f", "x")
        let context = Context(sourcePath: "f", archivePath: archivePath, workingDirectory: "/w")
        let root = try TestTools.temporaryFolder("tar-escape")
        defer { try? LocalFileSystem.removeTree(root) }
        let error = #expect(throws: DaytonaBadRequestError.self) {
            try ContextArchive(fileSystem: fileSystem).write([context], toFileAt: root + "/x.tar")
        }
        #expect(error?.message.contains(archivePath) == true)
    }

    @Test func redundantSeparatorsInArchivePathsAreNormalised() throws {
        #expect(try ContextPath.memberPrefix(forArchivePath: "./a//b/./c/") == "a/b/c")
    }

    @Test func aMissingSourceIsANotFoundErrorNamingIt() throws {
        let context = Context(sourcePath: "nope", archivePath: "nope", workingDirectory: "/w")
        let error = #expect(throws: DaytonaNotFoundError.self) {
            try ContextArchive(fileSystem: InMemoryFileSystem()).write([context], toFileAt: "/dev/null")
        }
        #expect(error?.message.contains("nope") == true)
    }

    @Test func sizesOf8GiBAndMoreGoInAPaxHeader() throws {
        let size: UInt64 = 8 << 30 + 1
        var bytes: [UInt8] = []
        let writer = ChunkWriter(chunkSize: 4096) { chunk in bytes += chunk }
        try TarWriter(writer: writer).writeHeader(
            name: "huge.bin",
            kind: .file,
            permissions: 0o644,
            size: size,
            modificationTime: 1_700_000_000
        )
        try writer.finish()
        #expect(bytes.count == 512 * 3)
        #expect(bytes[156] == UInt8(ascii: "x"))
        let record = String(decoding: bytes[512..<1024], as: UTF8.self)
        #expect(record.hasPrefix("19 size=8589934593\n"))
        #expect(bytes[1024 + 156] == UInt8(ascii: "0"))
        guard let python = TestTools.find("python3") else { return }
        let root = try TestTools.temporaryFolder("tar-huge")
        defer { try? LocalFileSystem.removeTree(root) }
        _ = FileManager.default.createFile(atPath: root + "/h.tar", contents: Data(bytes))
        let script = "import sys,tarfile; m=tarfile.open(sys.argv[1], 'r|').next(); print(m.name, m.size)"
        let result = try TestTools.run(python, ["-c", script, root + "/h.tar"])
        #expect(result.output == "huge.bin 8589934593\n", "\(result.error)")
    }

    @Test func paxRecordLengthsCountThemselves() {
        #expect(TarWriter.paxRecord(key: "path", value: "a") == Array("9 path=a\n".utf8))
        let value = String(repeating: "x", count: 90)  // 90 + 4 + 3 = 97, +2 digits = 99
        #expect(TarWriter.paxRecord(key: "path", value: value).count == 99)
        let value2 = String(repeating: "x", count: 92)  // 99 + 2 = 101 → 3 digits: 102
        #expect(String(decoding: TarWriter.paxRecord(key: "path", value: value2).prefix(4), as: UTF8.self) == "102 ")
    }
}
