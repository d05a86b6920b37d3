import DaytonaSystem
import Foundation

/// A byte stream as an async sequence of chunks, made by a producer on a dedicated thread.
///
///     for try await chunk in ContextArchive().chunks(of: contexts) {
///         try await upload(chunk.bytes)       // the next chunks are being read meanwhile
///     }
///
/// Every iteration runs the producer afresh. Awaiting a chunk never blocks a thread; at most a
/// few chunks are in flight (back-pressure), and cancelling the iterating task stops the
/// producer. See ``ChunkPipeline/chunks(chunkSize:depth:allocator:produce:)``.
package struct ChunkStream: AsyncSequence, Sendable {
    package typealias Element = Chunk
    package typealias Failure = any Error

    let chunkSize: Int
    let depth: Int
    let allocator: ChunkAllocator
    let produce: ChunkPipeline.Produce

    /// Starts the producer.
    package func makeAsyncIterator() -> AsyncIterator {
        let buffers = ChunkBuffers(count: depth + 1, chunkSize: chunkSize, allocator: allocator)
        let exchange = ChunkExchange(buffers: buffers)
        exchange.startProducer(produce)
        return AsyncIterator(consumer: StreamConsumer(exchange: exchange))
    }

    /// Awaits the producer's chunks in order.
    package struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let consumer: StreamConsumer

        /// The next chunk, or `nil` at the end of the stream.
        ///
        /// - Throws: the producer's error, after the chunks written before it;
        ///   `CancellationError` when the task was cancelled.
        package mutating func next() async throws -> Chunk? {
            try await consumer.next()
        }

        package mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> Chunk? {
            try await consumer.next()
        }
    }
}

/// The consuming end of one iteration; dropping it (the iterator) stops the producer.
private final class StreamConsumer: Sendable {
    let exchange: ChunkExchange

    init(exchange: ChunkExchange) {
        self.exchange = exchange
    }

    deinit { exchange.cancel() }

    func next() async throws -> Chunk? {
        guard let (index, count) = try await exchange.nextFull() else { return nil }
        return Chunk(exchange: exchange, index: index, count: count)
    }
}

/// One chunk of a ``ChunkStream``: read-only bytes that stay valid while the chunk is alive.
///
/// The chunk owns its buffer until it is released; then the buffer goes back to the producer.
/// It is `Sendable`: its bytes are written before the producer hands the chunk over (under the
/// exchange's lock) and never again while the chunk lives, so any task may read them.
package final class Chunk: Sendable {
    private let exchange: ChunkExchange
    private let index: Int
    /// The number of bytes.
    package let count: Int

    fileprivate init(exchange: ChunkExchange, index: Int, count: Int) {
        self.exchange = exchange
        self.index = index
        self.count = count
    }

    deinit { exchange.release(index) }

    /// Calls `body` with the bytes, which must not escape it.
    package func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(exchange.buffers.bytes(index, count: count))
    }

    /// A copy of the bytes.
    package var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}

extension ChunkStream {
    /// What a file descriptor reads until its end (standard input, a pipe, a redirected file),
    /// read on a dedicated thread, as chunks of `chunkSize` bytes.
    ///
    /// Each iteration reads a duplicate of the descriptor and closes that duplicate, so the
    /// caller's descriptor stays open; a pipe can of course be read through only once. A failed
    /// read is a ``DaytonaError`` naming `name`.
    package static func reading(descriptor: Int32, name: String, chunkSize: Int) -> ChunkStream {
        ChunkPipeline.chunks(chunkSize: chunkSize) { writer in
            let copy = dup(descriptor)
            guard copy >= 0 else { throw LocalFileSystem.readError(name, code: errno) }
            let reader = LocalFileReader(descriptor: copy, path: name)
            defer { reader.close() }
            try writer.copyToEnd(from: reader)
        }
    }
}

/// A chunk reads as a collection of its bytes, so uploads can copy straight out of it (no
/// intermediate array per chunk).
extension Chunk: RandomAccessCollection {
    package var startIndex: Int { 0 }
    package var endIndex: Int { count }

    package subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "chunk index out of range")
        return withUnsafeBytes { $0[position] }
    }

    package func withContiguousStorageIfAvailable<Result>(
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result? {
        try withUnsafeBytes { bytes in try body(bytes.assumingMemoryBound(to: UInt8.self)) }
    }
}
