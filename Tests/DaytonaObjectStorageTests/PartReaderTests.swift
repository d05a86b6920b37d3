import DaytonaErrors
import NIOCore
import Testing

@testable import DaytonaObjectStorage

/// Parts cut from a chunk stream, and the reuse of a finished part's memory for the next part.
@Suite struct PartReaderTests {
    private func reader(_ chunks: [[UInt8]]) -> PartReader<AsyncStream<[UInt8]>.Iterator> {
        let stream = AsyncStream<[UInt8]> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        return PartReader(stream.makeAsyncIterator(), prefix: "upload: ", expectedSize: nil)
    }

    private func address(_ buffer: ByteBuffer) -> UnsafeRawPointer? {
        buffer.withUnsafeReadableBytes { $0.baseAddress }
    }

    @Test func partsAreCutAcrossChunksAndTheLastIsShort() async throws {
        var parts = reader([[1, 2, 3], [4, 5, 6, 7], [8]])
        #expect(Array(buffer: try await parts.read(upTo: 5)) == [1, 2, 3, 4, 5])
        #expect(Array(buffer: try await parts.read(upTo: 5)) == [6, 7, 8])
        #expect(try await parts.read(upTo: 5).readableBytes == 0)
        #expect(parts.total == 8)
    }

    @Test func aRecycledBufferNobodyElseHoldsIsWrittenInPlace() async throws {
        var parts = reader([Array(repeating: 1, count: 64), Array(repeating: 2, count: 64)])
        let first = try await parts.read(upTo: 64)
        let firstAddress = address(first)
        let second = try await parts.read(upTo: 64, reusing: consume first)
        #expect(address(second) == firstAddress, "the second part lives in the first part's memory")
        #expect(Array(buffer: second) == Array(repeating: 2, count: 64))
    }

    @Test func aRecycledBufferStillHeldElsewhereIsLeftIntact() async throws {
        var parts = reader([Array(repeating: 1, count: 64), Array(repeating: 2, count: 64)])
        let first = try await parts.read(upTo: 64)
        let stillSending = first  // as if the HTTP client still held the part's body
        let second = try await parts.read(upTo: 64, reusing: first)
        #expect(Array(buffer: stillSending) == Array(repeating: 1, count: 64))
        #expect(Array(buffer: second) == Array(repeating: 2, count: 64))
    }
}
