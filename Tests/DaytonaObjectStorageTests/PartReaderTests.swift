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

    /// glibc raises its mmap threshold up to 32 MiB as large blocks are freed; a part buffer
    /// above that ceiling is always mapped on its own and goes back to the system when freed
    /// (a 1 GiB context upload peaked at 129 MiB with smaller buffers, 88 MiB with these).
    @Test func aPartBufferIsReservedAboveMallocsMmapCeiling() async throws {
        var parts = reader([Array(repeating: 1, count: 10)])
        let part = try await parts.read(upTo: 5 << 20)
        #expect(part.readableBytes == 10)
        #expect(part.capacity > 32 << 20)
    }
}
