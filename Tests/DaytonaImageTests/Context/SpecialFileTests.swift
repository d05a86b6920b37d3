import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// FIFOs, devices and long link targets: what hashing and archiving meet outside plain trees.
@Suite struct SpecialFileTests {
    /// A context folder holding a file, then (sorted after it) a FIFO, and a link to the FIFO.
    static func folderWithFIFO() throws -> (root: String, fifo: String) {
        let root = try TestTools.temporaryFolder("ctx-fifo")
        try TestTools.write(root + "/src/a.txt", "a\n")
        let fifo = root + "/src/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        return (root, fifo)
    }

    @Test(.timeLimit(.minutes(1)), arguments: ContextHashScheme.allCases)
    func aFIFOInAContextIsAnErrorNamingItNotAHang(scheme: ContextHashScheme) throws {
        let (root, fifo) = try Self.folderWithFIFO()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let context = Context(sourcePath: "src", archivePath: nil, workingDirectory: root)
        let error = try #require(throws: DaytonaBadRequestError.self) {
            try ContextHasher(scheme: scheme).hash(of: context)
        }
        #expect(error.message.contains(fifo))
    }

    @Test(.timeLimit(.minutes(1)), arguments: ContextHashScheme.allCases)
    func aLinkToAFIFOIsAnErrorForThePythonHashAndALinkForTheStableOne(scheme: ContextHashScheme) throws {
        let root = try TestTools.temporaryFolder("ctx-fifo-link")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try TestTools.write(root + "/src/a.txt", "a\n")
        #expect(mkfifo(root + "/pipe", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: root + "/src/link", withDestinationPath: "../pipe")
        let context = Context(sourcePath: "src", archivePath: nil, workingDirectory: root)
        switch scheme {
        case .python:
            // The Python SDK follows links when it hashes; a FIFO behind one must not block.
            let error = try #require(throws: DaytonaBadRequestError.self) {
                try ContextHasher(scheme: scheme).hash(of: context)
            }
            #expect(error.message.contains(root + "/src/link"))
        case .stable:
            // Links below the root are members of their own, never followed.
            #expect(try ContextHasher(scheme: scheme).hash(of: context).count == 32)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func openingAFIFOAsARegularFileFailsAtOnce() throws {
        let (root, fifo) = try Self.folderWithFIFO()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let error = try #require(throws: DaytonaBadRequestError.self) {
            try LocalFileSystem().openRegularFile(fifo)
        }
        #expect(error.message.contains(fifo))
        #expect(throws: DaytonaBadRequestError.self) { try LocalFileSystem().openRegularFile("/dev/null") }
        // A regular file opens, and reads block as usual (O_NONBLOCK is cleared).
        let reader = try LocalFileSystem().openRegularFile(root + "/src/a.txt")
        defer { reader.close() }
        var bytes = [UInt8](repeating: 0, count: 16)
        #expect(try bytes.withUnsafeMutableBytes { try reader.read(into: $0) } == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func archivingAFIFOFails() throws {
        let (root, fifo) = try Self.folderWithFIFO()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let context = Context(sourcePath: "src", archivePath: nil, workingDirectory: root)
        let error = try #require(throws: DaytonaBadRequestError.self) {
            try ContextArchive().write([context], toFileAt: root + "/out.tar")
        }
        #expect(error.message.contains(fifo))
    }
}
