import DaytonaSystem
import Dispatch
import Foundation
import Synchronization

extension ContextArchive {
    /// The archive of `contexts` as an async sequence of byte chunks, for uploads.
    ///
    ///     for try await chunk in ContextArchive().chunks(of: image.contextList) { try await send(chunk) }
    ///
    /// The walk and the file reads run on a thread of their own, never on a cooperative thread;
    /// at most ``ArchiveChunks/chunksInFlight`` chunks wait for the consumer (back-pressure, so
    /// memory stays flat), and a consumer that stops iterating, or whose task is cancelled, stops
    /// the writer. Every context is checked before the first chunk, as for ``write(_:toFileAt:)``.
    package func chunks(of contexts: [Context]) -> ArchiveChunks {
        ArchiveChunks(archive: self, contexts: contexts)
    }
}

/// The chunks of a context archive; see ``ContextArchive/chunks(of:)``.
package struct ArchiveChunks: AsyncSequence, Sendable {
    package typealias Element = [UInt8]

    /// How many finished chunks may wait for the consumer.
    package static let chunksInFlight = 4

    let archive: ContextArchive
    let contexts: [Context]

    /// Starts the writer thread.
    package func makeAsyncIterator() -> Iterator {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self, throwing: (any Error).self)
        let gate = Gate(credits: Self.chunksInFlight)
        continuation.onTermination = { _ in gate.close() }
        let archive = self.archive
        let contexts = self.contexts
        Thread {
            do {
                let listings = try contexts.map { try archive.listing(of: $0) }
                try archive.write(listings) { bytes in
                    try gate.enter()
                    continuation.yield(Array(bytes))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }.start()
        return Iterator(base: stream.makeAsyncIterator(), gate: gate)
    }

    /// Hands the chunks over in order, giving the writer a credit for each one taken.
    package struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<[UInt8], any Error>.Iterator
        let gate: Gate

        package mutating func next() async throws -> [UInt8]? {
            let chunk = try await base.next()
            gate.leave()
            return chunk
        }
    }

    /// Back-pressure between the writer thread, which may block, and the async consumer, which
    /// never does: the writer takes a credit per chunk and waits when none is left.
    final class Gate: Sendable {
        private let credits: DispatchSemaphore
        private let closed = Mutex(false)

        init(credits: Int) { self.credits = DispatchSemaphore(value: credits) }

        /// Waits for a credit; throws once the consumer has gone.
        func enter() throws {
            credits.wait()
            if closed.withLock({ $0 }) { throw CancellationError() }
        }

        func leave() { credits.signal() }

        /// The consumer has gone: wake the writer so that it stops.
        func close() {
            closed.withLock { $0 = true }
            credits.signal()
        }
    }
}

extension ContextArchive {
    /// Streams the archive of checked listings to `consume`, chunk by chunk.
    func write(_ listings: [Listing], consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        try ChunkPipeline.run(concurrent: concurrent) { writer in
            try writeMembers(of: listings, to: writer)
        } consume: { bytes in
            try consume(bytes)
        }
    }
}
