import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

@Suite struct ContextHasherTests {
    static let fixtures = PythonHashFixture.load()

    @Test func theFixturesAreLoaded() {
        #expect(Self.fixtures.count == 2)
    }

    @Test(arguments: fixtures)
    func pythonHashEqualsTheValueThePythonSDKRecorded(_ fixture: PythonHashFixture) throws {
        let fileSystem = fixture.fileSystem()
        for concurrent in [false, true] {
            let hasher = ContextHasher(scheme: .python, fileSystem: fileSystem, concurrent: concurrent)
            for expected in fixture.contexts {
                let context = Context(
                    sourcePath: expected.sourcePath,
                    archivePath: expected.archivePath,
                    workingDirectory: PythonHashFixture.root
                )
                if let md5 = expected.md5 {
                    #expect(try hasher.hash(of: context) == md5, "\(expected.sourcePath) → \(md5)")
                } else {
                    #expect(throws: DaytonaError.self, "\(expected.sourcePath) should fail") {
                        try hasher.hash(of: context)
                    }
                }
            }
        }
    }

    @Test(arguments: [1, 7, 512, 4096])
    func chunkBoundariesDoNotChangeAnyHash(_ chunkSize: Int) throws {
        let fixture = try #require(Self.fixtures.first { $0.name == "mixed" })
        let fileSystem = fixture.fileSystem()
        for scheme in ContextHashScheme.allCases {
            var small = ContextHasher(scheme: scheme, fileSystem: fileSystem, concurrent: chunkSize != 7)
            small.chunkSize = chunkSize
            let large = ContextHasher(scheme: scheme, fileSystem: fileSystem)
            for expected in fixture.contexts where expected.md5 != nil {
                let context = Context(
                    sourcePath: expected.sourcePath,
                    archivePath: expected.archivePath,
                    workingDirectory: PythonHashFixture.root
                )
                #expect(try small.hash(of: context) == large.hash(of: context), "\(scheme) \(expected.sourcePath)")
            }
        }
    }

    @Test func aDanglingLinkInsideAFolderNamesTheLinkInTheError() throws {
        let fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/w/dir/a.txt", "a")
        fileSystem.addLink("/w/dir/gone", target: "missing")
        let context = Context(sourcePath: "dir", archivePath: "dir", workingDirectory: "/w")
        let error = #expect(throws: DaytonaNotFoundError.self) {
            try ContextHasher(scheme: .python, fileSystem: fileSystem).hash(of: context)
        }
        #expect(error?.message.contains("/w/dir/gone") == true)
        // The stable hash keeps the link as a link, so it does not fail.
        #expect(throws: Never.self) { try ContextHasher(scheme: .stable, fileSystem: fileSystem).hash(of: context) }
    }

    @Test func pythonHashOfAFileIsMD5OfArchivePathThenContent() throws {
        let fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/w/a.txt", "hello")
        let context = Context(sourcePath: "a.txt", archivePath: "a.txt", workingDirectory: "/w")
        let expected = "be9b194b803dffd68999bbc6f904236a"  // hashlib.md5(b"a.txthello")
        #expect(try ContextHasher(scheme: .python, fileSystem: fileSystem).hash(of: context) == expected)
    }

    @Test func stableHashIgnoresListingOrderWhilePythonHashFollowsIt() throws {
        let fixture = try #require(Self.fixtures.first { $0.name == "mixed" })
        let inOrder = InMemoryFileSystem()
        fixture.addEntries(to: inOrder, root: "/r")
        let reversed = InMemoryFileSystem()
        fixture.addEntries(to: reversed, root: "/r")
        reversed.reverseAllListings()
        let context = Context(sourcePath: "app", archivePath: "app", workingDirectory: "/r")
        let stableA = try ContextHasher(scheme: .stable, fileSystem: inOrder).hash(of: context)
        let stableB = try ContextHasher(scheme: .stable, fileSystem: reversed).hash(of: context)
        #expect(stableA == stableB)
        #expect(stableA.count == 32 && stableA.allSatisfy(\.isHexDigit))
        let pythonA = try ContextHasher(scheme: .python, fileSystem: inOrder).hash(of: context)
        let pythonB = try ContextHasher(scheme: .python, fileSystem: reversed).hash(of: context)
        #expect(pythonA != pythonB)
    }

    @Test func stableHashIsTheSameForTreesCreatedInOppositeOrdersOnDisk() throws {
        let fixture = try #require(Self.fixtures.first { $0.name == "mixed" })
        let base = try LocalFileSystem.makeTemporaryDirectory(prefix: "stable-order")
        defer { try? LocalFileSystem.removeTree(base) }
        try fixture.create(under: base + "/one")
        try fixture.create(under: base + "/two", reversed: true)
        for source in ["app", "app/main.py", "app/link-to-dir", "app/empty", "dangling", "big.bin"] {
            let one = Context(sourcePath: source, archivePath: source, workingDirectory: base + "/one")
            let two = Context(sourcePath: source, archivePath: source, workingDirectory: base + "/two")
            #expect(try one.hash() == two.hash(), "\(source)")
        }
    }

    /// Each change a build would see gives a different stable hash.
    @Test(arguments: [
        "content", "name", "executable", "link target", "empty folder", "archive path", "file becomes link",
        "move between folders", "unicode form",
    ])
    func everyKindOfChangeChangesTheStableHash(_ change: String) throws {
        func tree(_ modify: Bool) -> (InMemoryFileSystem, Context) {
            let fileSystem = InMemoryFileSystem()
            fileSystem.addFile("/w/c/a.txt", modify && change == "content" ? "hellO" : "hello")
            fileSystem.addFile(
                modify && change == "name" ? "/w/c/b2.sh" : "/w/c/b.sh",
                "#!/bin/sh\n",
                permissions: modify && change == "executable" ? 0o644 : 0o755
            )
            fileSystem.addLink("/w/c/l", target: modify && change == "link target" ? "b.sh" : "a.txt")
            fileSystem.addFile(modify && change == "move between folders" ? "/w/c/d/x/e" : "/w/c/d/x/y/e", "e")
            if modify && change == "move between folders" { fileSystem.addDirectory("/w/c/d/x/y") }
            if modify && change == "empty folder" { fileSystem.addDirectory("/w/c/new") }
            if modify && change == "file becomes link" {
                fileSystem.addLink("/w/c/f", target: "hello")
            } else {
                fileSystem.addFile("/w/c/f", "hello")
            }
            fileSystem.addFile(modify && change == "unicode form" ? "/w/c/e\u{301}" : "/w/c/\u{e9}", "x")
            let archive = modify && change == "archive path" ? "c2" : "c"
            return (fileSystem, Context(sourcePath: "c", archivePath: archive, workingDirectory: "/w"))
        }
        let (before, beforeContext) = tree(false)
        let (after, afterContext) = tree(true)
        let first = try ContextHasher(scheme: .stable, fileSystem: before).hash(of: beforeContext)
        let second = try ContextHasher(scheme: .stable, fileSystem: after).hash(of: afterContext)
        #expect(first != second)
    }

    @Test func stableHashIgnoresPermissionBitsOtherThanOwnerExecute() throws {
        let a = InMemoryFileSystem()
        a.addFile("/w/f", "x", permissions: 0o644)
        let b = InMemoryFileSystem()
        b.addFile("/w/f", "x", permissions: 0o600)
        let context = Context(sourcePath: "f", archivePath: "f", workingDirectory: "/w")
        #expect(
            try ContextHasher(scheme: .stable, fileSystem: a).hash(of: context)
                == ContextHasher(scheme: .stable, fileSystem: b).hash(of: context)
        )
    }

    @Test func aMissingSourceHashesItsArchivePathOnly() throws {
        let fileSystem = InMemoryFileSystem()
        let context = Context(sourcePath: "nope", archivePath: "nope", workingDirectory: "/w")
        #expect(
            try ContextHasher(scheme: .python, fileSystem: fileSystem).hash(of: context)
                == "4101bef8794fed986e95dfb54850c68b"
        )
        #expect(try ContextHasher(scheme: .stable, fileSystem: fileSystem).hash(of: context).count == 32)
    }
}
