import DaytonaErrors
import DaytonaTestSupport
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import DaytonaImage
@testable import DaytonaSystem

/// ChunkWriter, ChunkPipeline and ChunkStream on their own: boundaries, order, errors both
/// ways, cancellation and that every buffer is freed.
@Suite struct ChunkPipelineTests {
    // MARK: Synchronous pipeline

    @Test(arguments: [false, true], [1, 7, 4096])
    func chunksAreFullExceptTheLastAndEveryByteArrivesInOrder(concurrent: Bool, chunkSize: Int) throws {
        let operations = WriteOperation.script(seed: UInt64(chunkSize), count: 60)
        var received: [UInt8] = []
        var sizes: [Int] = []
        try ChunkPipeline.run(concurrent: concurrent, chunkSize: chunkSize, depth: 2) { writer in
            for operation in operations { try operation.apply(to: writer) }
        } consume: { bytes in
            received += bytes
            sizes.append(bytes.count)
        }
        let expected = WriteOperation.bytes(of: operations)
        #expect(received == expected)
        #expect(sizes.dropLast().allSatisfy { $0 == chunkSize })
        #expect((1...chunkSize).contains(sizes.last ?? 0))
        #expect(sizes.count == (expected.count + chunkSize - 1) / chunkSize)
    }

    @Test(arguments: [false, true])
    func anEmptyStreamHasNoChunks(concurrent: Bool) throws {
        var calls = 0
        let nothing: ChunkPipeline.Produce = { _ in }
        try ChunkPipeline.run(concurrent: concurrent, chunkSize: 16, produce: nothing) { _ in calls += 1 }
        #expect(calls == 0)
    }

    @Test(arguments: [false, true])
    func aProducerErrorIsThrownAfterTheChunksBeforeIt(concurrent: Bool) throws {
        var received = 0
        #expect(throws: Boom.self) {
            try ChunkPipeline.run(concurrent: concurrent, chunkSize: 100) { writer in
                try writer.writeZeros(250)
                throw Boom()
            } consume: { bytes in
                received += bytes.count
            }
        }
        #expect(received == 200)
    }

    @Test(arguments: [false, true])
    func aConsumerErrorStopsTheProducer(concurrent: Bool) throws {
        let outcome = ProducerOutcome()
        var consumed = 0
        #expect(throws: Boom.self) {
            try ChunkPipeline.run(concurrent: concurrent, chunkSize: 64, depth: 2) { writer in
                try outcome.record { while true { try writer.writeZeros(10) } }
            } consume: { _ in
                consumed += 1
                if consumed == 3 { throw Boom() }
            }
        }
        // `run` returns only after the producer has: no waiting needed.
        let error = try #require(outcome.error)
        // On its own thread the producer sees a cancellation; inline, the consumer's error itself.
        #expect(concurrent ? error is CancellationError : error is Boom)
        #expect(consumed == 3)
    }

    @Test func aWriterWhoseHandOverFailedKeepsFailingAndTouchesNoBuffer() throws {
        var calls = 0
        let writer = ChunkWriter(chunkSize: 4) { _ in
            calls += 1
            throw Boom()
        }
        try writer.write([1, 2, 3, 4])
        #expect(throws: Boom.self) { try writer.write([5]) }
        #expect(throws: Boom.self) { try writer.writeZeros(1) }
        #expect(throws: Boom.self) { try writer.finish() }
        #expect(calls == 1)
    }

    @Test func writingAfterFinishIsAnError() throws {
        var chunks: [[UInt8]] = []
        let writer = ChunkWriter(chunkSize: 4) { chunks.append(Array($0)) }
        try writer.write([1, 2, 3, 4, 5])
        try writer.finish()
        #expect(chunks == [[1, 2, 3, 4], [5]])
        #expect(throws: ChunkWriterFinished.self) { try writer.write([6]) }
        #expect(throws: ChunkWriterFinished.self) { try writer.finish() }
    }

    @Test(arguments: [false, true])
    func everyBufferIsFreedWhateverTheOutcome(concurrent: Bool) async throws {
        let counting = CountingAllocator()
        func run(_ produce: ChunkPipeline.Produce, consume: (UnsafeRawBufferPointer) throws -> Void) throws {
            try ChunkPipeline.run(
                concurrent: concurrent,
                chunkSize: 8,
                depth: 2,
                allocator: counting.allocator,
                produce: produce,
                consume: consume
            )
        }
        let ignore: (UnsafeRawBufferPointer) throws -> Void = { _ in }
        try run({ writer in try writer.writeZeros(100) }, consume: ignore)
        #expect(await counting.allFreed(), "after a success")
        #expect(counting.allocations == (concurrent ? 3 : 1))
        #expect(throws: Boom.self) {
            try run({ _ in throw Boom() }, consume: ignore)
        }
        #expect(await counting.allFreed(), "after a producer error")
        #expect(throws: Boom.self) {
            try run({ writer in while true { try writer.writeZeros(3) } }, consume: { _ in throw Boom() })
        }
        #expect(await counting.allFreed(), "after a consumer error")
        #expect(counting.allocations == (concurrent ? 9 : 3))
    }

    // MARK: Async stream

    @Test(arguments: [1, 7, 4096])
    func theStreamDeliversFullChunksAndEveryByteInOrder(chunkSize: Int) async throws {
        let operations = WriteOperation.script(seed: 99 + UInt64(chunkSize), count: 60)
        let stream = ChunkPipeline.chunks(chunkSize: chunkSize, depth: 2) { writer in
            for operation in operations { try operation.apply(to: writer) }
        }
        var received: [UInt8] = []
        var sizes: [Int] = []
        for try await chunk in stream {
            received += chunk.bytes
            sizes.append(chunk.count)
        }
        #expect(received == WriteOperation.bytes(of: operations))
        #expect(sizes.dropLast().allSatisfy { $0 == chunkSize })
        // Each iteration runs the producer again.
        var again: [UInt8] = []
        for try await chunk in stream { chunk.withUnsafeBytes { again += $0 } }
        #expect(again == received)
    }

    @Test func theStreamThrowsTheProducerErrorAfterItsChunksThenEnds() async throws {
        let stream = ChunkPipeline.chunks(chunkSize: 10, depth: 1) { writer in
            try writer.writeZeros(35)
            throw Boom()
        }
        var iterator = stream.makeAsyncIterator()
        var received = 0
        await #expect(throws: Boom.self) {
            while let chunk = try await iterator.next() { received += chunk.count }
        }
        #expect(received == 30)
        #expect(try await iterator.next() == nil)
    }

    @Test func theProducerStaysAtMostDepthChunksAheadAndMemoryStaysFlat() async throws {
        let allocator = CountingAllocator()
        let written = Counter()
        let depth = 3
        let stream = ChunkPipeline.chunks(chunkSize: 16, depth: depth, allocator: allocator.allocator) { writer in
            for _ in 0..<200 {
                try writer.writeZeros(16)
                written.add(1)
            }
        }
        var iterator = stream.makeAsyncIterator()
        // Nobody consumes: the producer fills the depth + 1 buffers and waits.
        #expect(await eventually { written.value == depth + 1 })
        try await Task.sleep(for: .milliseconds(100))
        #expect(written.value == depth + 1)
        var kept: [Chunk] = []
        for _ in 0..<depth {
            kept.append(try #require(try await iterator.next()))
        }
        // The consumer holds `depth` chunks and one more waits for it: no buffer is free.
        try await Task.sleep(for: .milliseconds(100))
        #expect(written.value == depth + 1)
        kept.removeAll()
        #expect(await eventually { written.value > depth + 1 }, "released chunks go back to the producer")
        var chunks = depth
        while try await iterator.next() != nil { chunks += 1 }
        #expect(chunks == 200)
        #expect(allocator.allocations == depth + 1)
    }

    @Test func cancellingTheTaskMidStreamStopsTheProducerAndFreesTheBuffers() async throws {
        let allocator = CountingAllocator()
        let outcome = ProducerOutcome()
        let received = Counter()
        let stream = ChunkPipeline.chunks(chunkSize: 32, depth: 2, allocator: allocator.allocator) { writer in
            try outcome.record { while true { try writer.writeZeros(5) } }
        }
        let task = Task {
            for try await _ in stream { received.add(1) }
        }
        #expect(await eventually { received.value >= 3 })
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await eventually { outcome.error != nil })
        #expect(outcome.error is CancellationError)
        #expect(await allocator.allFreed())
    }

    @Test func cancellingAConsumerThatAwaitsEndsItsWaitWhileTheProducerIsBusy() async throws {
        let allocator = CountingAllocator()
        let outcome = ProducerOutcome()
        let gate = DispatchSemaphore(value: 0)
        let received = Counter()
        let stream = ChunkPipeline.chunks(chunkSize: 8, depth: 2, allocator: allocator.allocator) { writer in
            try outcome.record {
                try writer.writeZeros(9)  // hands over the first chunk
                gate.wait()  // a slow read, on the producer's own thread
                try writer.writeZeros(100)
            }
        }
        let task = Task {
            for try await _ in stream { received.add(1) }
        }
        #expect(await eventually { received.value == 1 })
        try await Task.sleep(for: .milliseconds(50))  // the consumer is now suspended in next()
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(outcome.error == nil, "the producer is still blocked")
        gate.signal()
        #expect(await eventually { outcome.error != nil })
        #expect(outcome.error is CancellationError)
        #expect(await allocator.allFreed())
    }

    @Test func droppingTheIteratorStopsTheProducer() async throws {
        let allocator = CountingAllocator()
        let outcome = ProducerOutcome()
        let stream = ChunkPipeline.chunks(chunkSize: 32, depth: 2, allocator: allocator.allocator) { writer in
            try outcome.record { while true { try writer.writeZeros(5) } }
        }
        var seen = 0
        for try await _ in stream {
            seen += 1
            if seen == 2 { break }
        }
        #expect(await eventually { outcome.error != nil })
        #expect(outcome.error is CancellationError)
        #expect(await allocator.allFreed())
    }

    @Test func aChunkKeptAfterTheStreamEndedStaysReadable() async throws {
        let allocator = CountingAllocator()
        var iterator = ChunkPipeline.chunks(chunkSize: 4, depth: 1, allocator: allocator.allocator) { writer in
            try writer.write([1, 2, 3, 4, 5, 6])
        }.makeAsyncIterator()
        let first = try #require(try await iterator.next())
        _ = try await iterator.next()
        #expect(try await iterator.next() == nil)
        _ = consume iterator
        #expect(first.bytes == [1, 2, 3, 4])
        #expect(allocator.live > 0, "the kept chunk keeps its memory")
        _ = consume first
        #expect(await allocator.allFreed())
    }

    /// If awaiting a chunk blocked a thread, the first of these consumers (more than the
    /// cooperative pool has threads) would hold every pool thread while their producers wait at
    /// the gate, the others could not start, and the gate would open only at its deadline.
    @Test func awaitingConsumersDoNotHoldCooperativeThreads() async throws {
        let consumers = 4 * max(ProcessInfo.processInfo.activeProcessorCount, 2)
        let waiting = Counter()
        let gate = Gate()
        let openedAtDeadline = Counter()
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<consumers {
                group.addTask {
                    let stream = ChunkPipeline.chunks(chunkSize: 8, depth: 1) { writer in
                        gate.wait()
                        try writer.writeZeros(20)
                    }
                    var count = 0
                    waiting.add(1)
                    for try await chunk in stream { count += chunk.count }
                    return count
                }
            }
            // Opened from a plain thread once every consumer has started to wait, or at a deadline.
            // Blocking consumers would never all start, however long the deadline; a long one
            // only keeps a loaded machine (other tests rendering on the pool) from failing it.
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(180)
                while waiting.value < consumers && Date() < deadline { usleep(1000) }
                if waiting.value < consumers { openedAtDeadline.add(1) }
                usleep(20_000)
                gate.open()
            }
            return try await group.reduce(0, +)
        }
        #expect(openedAtDeadline.value == 0, "consumers were blocking the cooperative pool")
        #expect(total == consumers * 20)
    }

    // MARK: The archive as a stream

    @Test func theArchiveStreamHasTheBytesOfTheArchiveFile() async throws {
        let fileSystem = InMemoryFileSystem()
        fileSystem.addDirectory("/w/src")
        for index in 0..<40 {
            fileSystem.addFile("/w/src/f\(index).txt", bytes: Array(repeating: UInt8(index), count: 3000 * index))
        }
        let contexts = [Context(sourcePath: "src", archivePath: "app", workingDirectory: "/w")]
        let archive = ContextArchive(fileSystem: fileSystem, concurrent: false)
        let root = try TestTools.temporaryFolder("chunk-stream")
        defer { try? LocalFileSystem.removeTree(root) }
        try archive.write(contexts, toFileAt: root + "/a.tar")
        var streamed: [UInt8] = []
        for try await chunk in archive.chunks(of: contexts) { streamed += chunk.bytes }
        #expect(streamed == (try LocalFileSystem().contents(of: root + "/a.tar")))
    }

    @Test func aChunkIsACollectionOfItsBytesWithContiguousSlices() async throws {
        var iterator = ChunkPipeline.chunks(chunkSize: 8, depth: 1) { writer in
            try writer.write(Array(0..<8))
        }.makeAsyncIterator()
        let chunk = try #require(try await iterator.next())
        #expect(Array(chunk) == Array(0..<8) && chunk.count == 8 && chunk[3] == 3)
        // Uploads copy slices of chunks into part buffers; the copy must find contiguous bytes.
        #expect(chunk[2..<5].withContiguousStorageIfAvailable { Array($0) } == [2, 3, 4])
    }

    @Test func theArchiveStreamFailsBeforeItsFirstChunkWhenAContextIsMissing() async throws {
        let contexts = [Context(sourcePath: "nope", archivePath: "nope", workingDirectory: "/w")]
        var iterator = ContextArchive(fileSystem: InMemoryFileSystem()).chunks(of: contexts).makeAsyncIterator()
        await #expect(throws: DaytonaNotFoundError.self) { _ = try await iterator.next() }
    }
}

// MARK: - Helpers

private struct Boom: Error {}

/// One call on a writer, with the bytes it must produce.
private enum WriteOperation: Sendable {
    case bytes([UInt8])
    case text(String)
    case integer(UInt64)
    case zeros(Int)
    /// `copyToEnd` from a reader that returns at most `step` bytes per read.
    case file([UInt8], step: Int, regular: Bool)
    /// `copy(_:from:path:)` of exactly the bytes.
    case exactly([UInt8], step: Int)

    func apply(to writer: ChunkWriter) throws {
        switch self {
        case .bytes(let bytes): try writer.write(bytes)
        case .text(let text): try writer.write(text)
        case .integer(let value): try writer.write(littleEndian: value)
        case .zeros(let count): try writer.writeZeros(count)
        case .file(let bytes, let step, let regular):
            let copied = try writer.copyToEnd(from: TrickleReader(bytes, step: step), isRegularFile: regular)
            precondition(copied == bytes.count || regular)
        case .exactly(let bytes, let step):
            try writer.copy(UInt64(bytes.count), from: TrickleReader(bytes, step: step), path: "f")
        }
    }

    var bytes: [UInt8] {
        switch self {
        case .bytes(let bytes), .file(let bytes, _, _), .exactly(let bytes, _): bytes
        case .text(let text): Array(text.utf8)
        case .integer(let value): withUnsafeBytes(of: value.littleEndian) { Array($0) }
        case .zeros(let count): Array(repeating: 0, count: count)
        }
    }

    static func bytes(of operations: [WriteOperation]) -> [UInt8] {
        operations.flatMap(\.bytes)
    }

    /// A reproducible mix of every kind of write, of sizes from nothing to a few chunks.
    static func script(seed: UInt64, count: Int) -> [WriteOperation] {
        var random = SplitMix64(state: seed)
        return (0..<count).map { index in
            let size = Int(random.next() % 700)
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            let step = Int(random.next() % 300) + 1
            switch random.next() % 6 {
            case 0: return .bytes(bytes)
            case 1: return .text("é\(index)→" + String(repeating: "x", count: size % 50))
            case 2: return .integer(random.next())
            case 3: return .zeros(size)
            // A regular file's short read ends it, so trickle only non-regular ones.
            case 4: return .file(bytes, step: index % 2 == 0 ? step : max(size, 1), regular: index % 2 != 0)
            default: return .exactly(bytes, step: step)
            }
        }
    }
}

private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A reader that hands out at most `step` bytes per `read`.
private final class TrickleReader: FileReader {
    private let bytes: [UInt8]
    private let step: Int
    private var offset = 0

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = step
    }

    func info() throws -> FileInfo {
        FileInfo(kind: .regular, permissions: 0o644, size: UInt64(bytes.count), modificationTime: 0)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, step, bytes.count - offset)
        if count > 0 { buffer.copyBytes(from: bytes[offset..<(offset + count)]) }
        offset += count
        return count
    }

    func close() {}
}

/// An allocator that counts what is live.
private final class CountingAllocator: Sendable {
    private let counts = Mutex((live: 0, total: 0))

    var allocator: ChunkAllocator {
        ChunkAllocator(
            allocate: { [self] byteCount in
                counts.withLock {
                    $0.live += 1
                    $0.total += 1
                }
                return ChunkAllocator.system.allocate(byteCount)
            },
            deallocate: { [self] buffer in
                counts.withLock { $0.live -= 1 }
                ChunkAllocator.system.deallocate(buffer)
            }
        )
    }

    var live: Int { counts.withLock { $0.live } }
    var allocations: Int { counts.withLock { $0.total } }

    /// Whether every buffer is freed within a few seconds (the producer thread may be the last
    /// to let go, just after the consumer returned).
    func allFreed() async -> Bool {
        await eventually { live == 0 }
    }
}

/// What the producer's body threw, if it has returned.
private final class ProducerOutcome: Sendable {
    private let stored = Mutex<(any Error)?>(nil)

    var error: (any Error)? { stored.withLock { $0 } }

    func record(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            stored.withLock { $0 = error }
            throw error
        }
    }
}

private final class Counter: Sendable {
    private let count = Atomic(0)
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
    func add(_ amount: Int) { count.add(amount, ordering: .sequentiallyConsistent) }
}

/// A gate producers wait at, on their own threads, until the test opens it for all of them.
private final class Gate: Sendable {
    private let isOpen = Mutex(false)
    private let semaphore = DispatchSemaphore(value: 0)

    func wait() {
        if isOpen.withLock({ $0 }) { return }
        semaphore.wait()
        semaphore.signal()  // let the next waiter through too
    }

    func open() {
        isOpen.withLock { $0 = true }
        semaphore.signal()
    }
}

/// Polls `condition` for up to five seconds.
private func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<500 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
