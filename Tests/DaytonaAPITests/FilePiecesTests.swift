import DaytonaErrors
import Foundation
import NIOCore
import NIOFileSystem
import Testing

@testable import DaytonaAPI

/// The reader behind `uploadFile(atPath:to:)`: a file's bytes in pieces, in a few buffers used again.
@Suite struct FilePiecesTests {
    /// A file of `count` patterned bytes in a fresh folder; removed by the caller's `defer`.
    private func makeFile(count: Int) throws -> (url: URL, bytes: [UInt8]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID().uuidString).bin")
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
        try Data(bytes).write(to: url)
        return (url, bytes)
    }

    private func withPieces<T>(
        of url: URL,
        size: Int64,
        pieceSize: Int,
        _ body: (FilePieces) async throws -> T
    ) async throws -> T {
        try await NIOFileSystem.FileSystem.shared.withFileHandle(forReadingAt: FilePath(url.path)) { handle in
            try await body(FilePieces(handle: handle, size: size, pieceSize: pieceSize, path: url.path))
        }
    }

    @Test func piecesKeptByTheReceiverStayIntactWhileLaterOnesAreRead() async throws {
        let file = try makeFile(count: 10 * 1000 + 123)
        defer { try? FileManager.default.removeItem(at: file.url) }
        // Every piece is held until the end, so each buffer is still shared when its turn comes
        // again: what the earlier pieces hold must not change under them.
        let pieces = try await withPieces(of: file.url, size: Int64(file.bytes.count), pieceSize: 1000) { pieces in
            var kept: [ByteBuffer] = []
            for try await piece in pieces { kept.append(piece) }
            return kept
        }
        #expect(pieces.count == 11)
        #expect(pieces.dropLast().allSatisfy { $0.readableBytes == 1000 })
        #expect(pieces.last?.readableBytes == 123)
        #expect(pieces.flatMap { Array($0.readableBytesView) } == file.bytes)
    }

    @Test func aReleasedPieceIsReadIntoAgainInsteadOfNewMemory() async throws {
        let file = try makeFile(count: 64 * 4096)
        defer { try? FileManager.default.removeItem(at: file.url) }
        let (addresses, bytes) = try await withPieces(of: file.url, size: Int64(file.bytes.count), pieceSize: 4096) {
            pieces in
            var addresses: [UInt] = []
            var bytes: [UInt8] = []
            for try await piece in pieces {
                piece.withUnsafeReadableBytes { addresses.append(UInt(bitPattern: $0.baseAddress)) }
                bytes += piece.readableBytesView
            }
            return (addresses, bytes)
        }
        #expect(bytes == file.bytes)
        // Each piece is dropped at once, so every buffer is free when its turn comes: the pieces
        // cycle through the same few storages in turn. (Fresh buffers fail this: malloc hands
        // freed blocks straight back, and NIOFileSystem's `readChunk` pieces sat at two addresses.)
        let count = FilePieces.bufferCount
        #expect(Set(addresses.prefix(count)).count == count)
        #expect(addresses.indices.allSatisfy { addresses[$0] == addresses[$0 % count] })
    }

    @Test func aFileShorterThanItsSizeIsAnErrorNamingIt() async throws {
        let file = try makeFile(count: 2500)
        defer { try? FileManager.default.removeItem(at: file.url) }
        let error = await #expect(throws: DaytonaBadRequestError.self) {
            try await withPieces(of: file.url, size: 4000, pieceSize: 1000) { pieces in
                var count = 0
                for try await piece in pieces { count += piece.readableBytes }
                return count
            }
        }
        #expect(error?.message == "\(file.url.path) became shorter while it was read (2500 of 4000 bytes)")
    }
}
