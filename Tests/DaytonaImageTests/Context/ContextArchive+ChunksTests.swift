import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaSystem

/// The async face of the archive writer, which feeds uploads.
@Suite struct ContextArchiveChunksTests {
    private func tree(fileSize: Int) throws -> (String, [Context]) {
        let root = try LocalFileSystem.makeTemporaryDirectory(prefix: "chunks")
        try TestTools.write(root + "/ctx/a.txt", "alpha\n")
        try TestTools.write(root + "/ctx/big.bin", Data((0..<fileSize).map { UInt8(truncatingIfNeeded: $0 &* 7) }))
        return (root, [Context(sourcePath: root + "/ctx", archivePath: "ctx", workingDirectory: root)])
    }

    @Test func theChunksAreTheArchiveByteForByte() async throws {
        let (root, contexts) = try tree(fileSize: 5 << 20 + 3)
        defer { try? LocalFileSystem.removeTree(root) }
        try ContextArchive().write(contexts, toFileAt: root + "/expected.tar")
        var streamed: [UInt8] = []
        var count = 0
        for try await chunk in ContextArchive().chunks(of: contexts) {
            streamed += chunk.bytes
            count += 1
        }
        #expect(streamed == Array(try Data(contentsOf: URL(fileURLWithPath: root + "/expected.tar"))))
        #expect(count > 1)
    }

    @Test func aBadContextFailsTheFirstChunk() async throws {
        let missing = [
            Context(sourcePath: "/nonexistent/\(UUID().uuidString)", archivePath: "x", workingDirectory: "/")
        ]
        var iterator = ContextArchive().chunks(of: missing).makeAsyncIterator()
        await #expect(throws: DaytonaError.self) { _ = try await iterator.next() }
    }
}
