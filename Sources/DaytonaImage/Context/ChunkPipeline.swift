import DaytonaSystem
import Dispatch
import Foundation
import Synchronization

/// Runs a producer that writes a byte stream and a consumer that takes it chunk by chunk.
///
/// The producer (which reads files, so it blocks) runs on a dedicated thread, a few chunks ahead
/// of the consumer (which hashes or writes), so reading and consuming overlap. Two faces:
/// ``run(concurrent:chunkSize:depth:allocator:produce:consume:)`` for synchronous callers, whose
/// thread blocks while it consumes, and ``chunks(chunkSize:depth:allocator:produce:)`` for async
/// callers, which await chunks without blocking a thread. Ownership and threads: see ``ChunkWriter``.
enum ChunkPipeline {
    /// The chunk size: large enough to make system calls and hash updates cheap.
    static let defaultChunkSize = FileIO.chunkSize
    /// How many chunks may be in flight between producer and consumer (the pipeline has one more
    /// buffer, the one the producer fills).
    static let defaultDepth = 4

    /// What a producer does: writes the whole stream into the writer it is given, on its own thread.
    typealias Produce = @Sendable (ChunkWriter) throws -> Void

    /// Streams the producer's bytes into the consumer and returns when both are done; rethrows
    /// the first failure of either.
    ///
    /// The consumer runs on the calling thread, which blocks while it waits for chunks: call it
    /// from synchronous code (async code uses ``chunks(chunkSize:depth:allocator:produce:)``). A
    /// consumer that throws stops the producer (its next hand-over throws `CancellationError`);
    /// the call returns only after the producer has returned. With `concurrent` false, the
    /// producer runs on the calling thread too and each chunk is consumed as soon as it is full.
    static func run(
        concurrent: Bool = true,
        chunkSize: Int = defaultChunkSize,
        depth: Int = defaultDepth,
        allocator: ChunkAllocator = .system,
        produce: Produce,
        consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        if !concurrent {
            try withoutActuallyEscaping(consume) { consume in
                let writer = ChunkWriter(chunkSize: chunkSize, allocator: allocator, consume: consume)
                try produce(writer)
                try writer.finish()
            }
            return
        }
        try withoutActuallyEscaping(produce) { produce in
            let buffers = ChunkBuffers(count: depth + 1, chunkSize: chunkSize, allocator: allocator)
            let exchange = ChunkExchange(buffers: buffers)
            exchange.startProducer(produce)
            // The producer holds `produce` until it reports that it is done, so this wait (not
            // memory: the buffers are reference-counted) is what lets `produce` not escape.
            defer { exchange.stopAndWaitForProducer() }
            while let (index, count) = try exchange.nextFull() {
                do {
                    try consume(buffers.bytes(index, count: count))
                } catch {
                    exchange.cancel()
                    throw error
                }
                exchange.release(index)
            }
        }
    }

    /// The producer's stream as an async sequence of chunks.
    ///
    /// Each iteration (each `makeAsyncIterator()`) starts the producer on a dedicated thread,
    /// which blocks in file reads and waits for free buffers, never a cooperative thread; the
    /// consumer awaits each chunk without blocking. Back-pressure: at most `depth + 1` chunks
    /// exist, and a ``Chunk`` returns its buffer to the producer when it is released, so the
    /// producer waits while the consumer holds them (a consumer that keeps all `depth + 1`
    /// alive and awaits another waits forever: release chunks once used). The producer's
    /// error is thrown after the chunks written before it. Cancelling the consuming task, or
    /// dropping the iterator early, stops the producer at its next hand-over and frees the
    /// buffers once the last chunk is released; `next()` then throws `CancellationError`
    /// rather than ending, so a cut-short stream never looks complete.
    static func chunks(
        chunkSize: Int = defaultChunkSize,
        depth: Int = defaultDepth,
        allocator: ChunkAllocator = .system,
        produce: @escaping Produce
    ) -> ChunkStream {
        ChunkStream(chunkSize: chunkSize, depth: depth, allocator: allocator, produce: produce)
    }
}

/// The hand-off between a pipeline's producer thread and its consumer.
///
/// It owns nothing but indices into ``buffers``: each free index is in `free`, each filled one
/// in `full` (in order), and the others are held by the producer's writer or by the consumer.
/// All state is behind one lock; a side that must wait registers itself under the lock and then
/// sleeps outside it (the producer and a synchronous consumer on a semaphore, an async consumer
/// as a continuation), and the side that changes the state wakes it.
final class ChunkExchange: ChunkSink, Sendable {
    /// The chunks' memory.
    let buffers: ChunkBuffers
    private let state: Mutex<State>
    private let producerWakeup = DispatchSemaphore(value: 0)
    private let consumerWakeup = DispatchSemaphore(value: 0)

    private struct State {
        var free: [Int]
        var full: [(index: Int, count: Int)] = []
        var producerDone = false
        var failure: (any Error)?
        var failureReported = false
        var cancelled = false
        var producerWaits = false
        var consumer = ConsumerWait.none
    }

    private enum ConsumerWait {
        case none
        case thread
        case task(CheckedContinuation<(index: Int, count: Int)?, any Error>)
    }

    /// What a consumer gets next.
    private enum Step {
        case chunk(index: Int, count: Int)
        case end
        case failure(any Error)
        case wait
    }

    init(buffers: ChunkBuffers) {
        self.buffers = buffers
        state = Mutex(State(free: Array((0..<buffers.count).reversed())))
    }

    // MARK: Producer side

    /// Starts the producer on a dedicated thread; it reports its end with the failure, if any.
    func startProducer(_ produce: @escaping ChunkPipeline.Produce) {
        let slot = ProducerSlot(produce)
        let thread = Thread { [self] in
            let failure = runProducer(slot)
            producerFinished(failure)
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Runs the producer; when this returns, the thread holds no reference to the closure.
    private func runProducer(_ slot: ProducerSlot) -> (any Error)? {
        guard let produce = slot.take() else { return CancellationError() }
        do {
            let writer = ChunkWriter(buffers: buffers, first: try takeFree(), sink: self)
            try produce(writer)
            try writer.finish()
            return nil
        } catch {
            return error
        }
    }

    func exchange(_ index: Int, count: Int) throws -> Int {
        try deliver(index, count: count)
        return try takeFree()
    }

    func finish(_ index: Int, count: Int) throws {
        if count == 0 {
            release(index)
        } else {
            try deliver(index, count: count)
        }
    }

    /// Waits for a free buffer; throws `CancellationError` once the consumer has stopped.
    private func takeFree() throws -> Int {
        while true {
            let taken = try state.withLock { state throws(CancellationError) -> Int? in
                if state.cancelled { throw CancellationError() }
                if let index = state.free.popLast() { return index }
                state.producerWaits = true
                return nil
            }
            if let taken { return taken }
            producerWakeup.wait()
        }
    }

    /// Queues a filled buffer for the consumer, or hands it straight to a waiting async consumer.
    private func deliver(_ index: Int, count: Int) throws {
        let wake = try state.withLock { state throws(CancellationError) -> ConsumerWait in
            if state.cancelled {
                state.free.append(index)
                throw CancellationError()
            }
            let waiting = state.consumer
            state.consumer = .none
            if case .task = waiting { return waiting }
            state.full.append((index, count))
            return waiting
        }
        switch wake {
        case .none: break
        case .thread: consumerWakeup.signal()
        case .task(let continuation): continuation.resume(returning: (index, count))
        }
    }

    private func producerFinished(_ failure: (any Error)?) {
        let wake = state.withLock { state -> ConsumerWait in
            state.producerDone = true
            state.failure = failure
            let waiting = state.consumer
            state.consumer = .none
            if case .task = waiting, failure != nil { state.failureReported = true }
            return waiting
        }
        switch wake {
        case .none: break
        case .thread: consumerWakeup.signal()
        case .task(let continuation):
            // A consumer waits only when no chunk is queued, so the stream ends here.
            if let failure {
                continuation.resume(throwing: failure)
            } else {
                continuation.resume(returning: nil)
            }
        }
    }

    // MARK: Consumer side

    /// Returns a buffer the consumer is done with to the producer.
    func release(_ index: Int) {
        let wake = state.withLock { state -> Bool in
            state.free.append(index)
            defer { state.producerWaits = false }
            return state.producerWaits
        }
        if wake { producerWakeup.signal() }
    }

    /// Stops the producer at its next hand-over (or wakes it if it waits for a buffer), and ends
    /// an async consumer's wait with `CancellationError`.
    func cancel() {
        let (wakeProducer, consumer) = state.withLock { state -> (Bool, ConsumerWait) in
            state.cancelled = true
            let waiting = state.consumer
            state.consumer = .none
            defer { state.producerWaits = false }
            return (state.producerWaits, waiting)
        }
        if wakeProducer { producerWakeup.signal() }
        switch consumer {
        case .none: break
        case .thread: consumerWakeup.signal()
        case .task(let continuation): continuation.resume(throwing: CancellationError())
        }
    }

    /// The step for a consumer, under the lock; `wait` registers `waiter`.
    private static func step(_ state: inout State, registering waiter: ConsumerWait) -> Step {
        if case .task = waiter, state.cancelled { return .failure(CancellationError()) }
        if !state.full.isEmpty {
            let (index, count) = state.full.removeFirst()
            return .chunk(index: index, count: count)
        }
        if state.producerDone {
            guard let failure = state.failure, !state.failureReported else { return .end }
            state.failureReported = true
            return .failure(failure)
        }
        state.consumer = waiter
        return .wait
    }

    /// Blocks the calling thread until a chunk is ready; `nil` at the end of the stream.
    ///
    /// - Throws: the producer's error, after the chunks written before it.
    func nextFull() throws -> (index: Int, count: Int)? {
        while true {
            switch state.withLock({ Self.step(&$0, registering: .thread) }) {
            case .chunk(let index, let count): return (index, count)
            case .end: return nil
            case .failure(let failure): throw failure
            case .wait: consumerWakeup.wait()
            }
        }
    }

    /// Awaits a chunk without blocking a thread; `nil` at the end of the stream.
    ///
    /// - Throws: the producer's error, after the chunks written before it; `CancellationError`
    ///   when the task is cancelled or the exchange was (the producer then stops).
    func nextFull() async throws -> (index: Int, count: Int)? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                switch state.withLock({ Self.step(&$0, registering: .task(continuation)) }) {
                case .chunk(let index, let count): continuation.resume(returning: (index, count))
                case .end: continuation.resume(returning: nil)
                case .failure(let failure): continuation.resume(throwing: failure)
                case .wait: break
                }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Stops the producer if it is still running and blocks until it has returned.
    func stopAndWaitForProducer() {
        cancel()
        while true {
            let done = state.withLock { state -> Bool in
                if state.producerDone { return true }
                state.consumer = .thread
                return false
            }
            if done { return }
            consumerWakeup.wait()
        }
    }
}

/// Carries the producer closure to its thread, which takes it out, so that once the producer
/// has returned nothing refers to the closure (``ChunkPipeline/run(concurrent:chunkSize:depth:allocator:produce:consume:)``
/// lends it a non-escaping one).
private final class ProducerSlot: Sendable {
    private let produce: Mutex<ChunkPipeline.Produce?>

    init(_ produce: @escaping ChunkPipeline.Produce) {
        self.produce = Mutex(produce)
    }

    func take() -> ChunkPipeline.Produce? {
        produce.withLock { produce in
            defer { produce = nil }
            return produce
        }
    }
}
