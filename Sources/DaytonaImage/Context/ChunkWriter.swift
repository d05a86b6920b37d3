import DaytonaErrors
import DaytonaJSON
import DaytonaSystem
import Foundation

/// Collects a byte stream into fixed-size chunks and hands each full chunk on.
///
/// Producers (hash walks, the tar writer) write into it; file contents are read straight into
/// the chunk, so the memory in use is the chunks and nothing else, whatever the file sizes.
final class ChunkWriter {
    private var chunk: UnsafeMutableRawBufferPointer
    private var used = 0
    private let exchange: (UnsafeMutableRawBufferPointer, Int) throws -> UnsafeMutableRawBufferPointer

    /// Creates a writer over a first chunk; `exchange` takes a full chunk and returns an empty one.
    init(
        chunk: UnsafeMutableRawBufferPointer,
        exchange: @escaping (UnsafeMutableRawBufferPointer, Int) throws -> UnsafeMutableRawBufferPointer
    ) {
        self.chunk = chunk
        self.exchange = exchange
    }

    private func flush() throws {
        chunk = try exchange(chunk, used)
        used = 0
    }

    /// Hands on what is buffered; call once at the end.
    func finish() throws {
        if used > 0 { try flush() }
    }

    /// Appends bytes.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            if used == chunk.count { try flush() }
            let count = min(chunk.count - used, bytes.count - offset)
            (chunk.baseAddress! + used).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            used += count
            offset += count
        }
    }

    /// Appends the UTF-8 bytes of a string.
    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends bytes.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends an unsigned integer as 8 little-endian bytes.
    func write(littleEndian value: UInt64) throws {
        try withUnsafeBytes(of: value.littleEndian) { try write($0) }
    }

    /// Appends zero bytes.
    func writeZeros(_ count: Int) throws {
        var remaining = count
        while remaining > 0 {
            if used == chunk.count { try flush() }
            let step = min(chunk.count - used, remaining)
            (chunk.baseAddress! + used).initializeMemory(as: UInt8.self, repeating: 0, count: step)
            used += step
            remaining -= step
        }
    }

    /// Appends a file's bytes up to its end, reading straight into the chunks; returns the count.
    ///
    /// With `isRegularFile`, a read that returns fewer bytes than asked is taken as the end of
    /// the file (POSIX guarantees that for regular files), which spares one `read` per small file.
    @discardableResult
    func copyToEnd(from reader: FileReader, isRegularFile: Bool = false) throws -> UInt64 {
        var total: UInt64 = 0
        while true {
            if used == chunk.count { try flush() }
            let room = chunk.count - used
            let count = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[used...]))
            if count == 0 { return total }
            used += count
            total += UInt64(count)
            if isRegularFile && count < room { return total }
        }
    }

    /// Appends exactly `size` bytes of a file.
    ///
    /// - Throws: ``DaytonaError`` naming `path` when the file ends early (it shrank while being read).
    func copy(_ size: UInt64, from reader: FileReader, path: String) throws {
        var remaining = size
        while remaining > 0 {
            if used == chunk.count { try flush() }
            let room = min(UInt64(chunk.count - used), remaining)
            let count = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[used..<(used + Int(room))]))
            if count == 0 {
                throw DaytonaError(message: "'\(path)' changed while it was being read: it is shorter than its size")
            }
            used += count
            remaining -= UInt64(count)
        }
    }
}

/// Runs a producer that writes a byte stream and a consumer that takes it chunk by chunk.
///
/// With `concurrent`, the producer (which reads files) runs on its own thread, a few chunks
/// ahead of the consumer (which hashes or writes), so reading and hashing overlap.
enum ChunkPipeline {
    /// The chunk size: large enough to make system calls and hash updates cheap.
    static let defaultChunkSize = FileIO.chunkSize
    /// How many chunks may be in flight between producer and consumer.
    static let defaultDepth = 4

    /// Streams the producer's bytes into the consumer; rethrows the first failure of either.
    static func run(
        concurrent: Bool = true,
        chunkSize: Int = defaultChunkSize,
        depth: Int = defaultDepth,
        produce: (ChunkWriter) throws -> Void,
        consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        if !concurrent {
            try withoutActuallyEscaping(consume) { consume in
                try runSynchronously(chunkSize: chunkSize, produce: produce, consume: consume)
            }
            return
        }
        try withoutActuallyEscaping(produce) { produce in
            let queue = ChunkQueue(chunkSize: chunkSize, count: depth + 1)
            defer { queue.deallocate() }
            let box = UncheckedBox(produce)
            let thread = Thread {
                let failure = Self.produce(box, into: queue)
                queue.finish(error: failure)
            }
            thread.stackSize = 1 << 22
            thread.start()
            defer { queue.waitForProducer() }
            while let (chunk, count) = try queue.takeFull() {
                do {
                    try consume(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
                } catch {
                    queue.cancel()
                    throw error
                }
                queue.putEmpty(chunk)
            }
        }
    }
}

extension ChunkPipeline {
    /// Runs the boxed producer on the current (producer) thread and drops it before returning.
    fileprivate static func produce(
        _ box: UncheckedBox<(ChunkWriter) throws -> Void>,
        into queue: ChunkQueue
    ) -> (any Error)? {
        defer { box.value = nil }
        do {
            guard let produce = box.value, let first = queue.takeEmpty() else { throw CancellationError() }
            let writer = ChunkWriter(chunk: first) { full, count in
                queue.putFull(full, count: count)
                guard let next = queue.takeEmpty() else { throw CancellationError() }
                return next
            }
            try produce(writer)
            try writer.finish()
            return nil
        } catch {
            return error
        }
    }

    fileprivate static func runSynchronously(
        chunkSize: Int,
        produce: (ChunkWriter) throws -> Void,
        consume: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { chunk.deallocate() }
        let writer = ChunkWriter(chunk: chunk) { full, count in
            try consume(UnsafeRawBufferPointer(rebasing: full[0..<count]))
            return full
        }
        try produce(writer)
        try writer.finish()
    }
}

/// A value that crosses to the producer thread; the pipeline joins the thread before returning.
///
/// The thread drops the value when it is done, so nothing keeps a non-escaping closure alive.
private final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: Value) { self.value = value }
}

/// The chunks shared by the two sides of a ``ChunkPipeline``, guarded by a condition variable.
private final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var storage: [UnsafeMutableRawBufferPointer]
    private var empty: [UnsafeMutableRawBufferPointer]
    private var full: [(UnsafeMutableRawBufferPointer, Int)] = []
    private var fullHead = 0
    private var producerDone = false
    private var producerError: (any Error)?
    private var cancelled = false

    init(chunkSize: Int, count: Int) {
        storage = (0..<count).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64) }
        empty = storage
    }

    func deallocate() {
        for chunk in storage { chunk.deallocate() }
        storage = []
    }

    func takeEmpty() -> UnsafeMutableRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        while empty.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : empty.removeLast()
    }

    func putFull(_ chunk: UnsafeMutableRawBufferPointer, count: Int) {
        condition.lock()
        full.append((chunk, count))
        condition.broadcast()
        condition.unlock()
    }

    func takeFull() throws -> (UnsafeMutableRawBufferPointer, Int)? {
        condition.lock()
        defer { condition.unlock() }
        while fullHead == full.count && !producerDone { condition.wait() }
        if fullHead < full.count {
            let item = full[fullHead]
            fullHead += 1
            if fullHead == full.count {
                full.removeAll(keepingCapacity: true)
                fullHead = 0
            }
            return item
        }
        if let producerError { throw producerError }
        return nil
    }

    func putEmpty(_ chunk: UnsafeMutableRawBufferPointer) {
        condition.lock()
        empty.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    func finish(error: (any Error)?) {
        condition.lock()
        producerDone = true
        producerError = error
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func waitForProducer() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}
