import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Collects a byte stream into fixed-size chunks and hands each full chunk on.
///
/// Producers (hash walks, the tar writer) write into it; file contents are read straight into
/// the chunk, so the memory in use is the chunks and nothing else, whatever the file sizes.
///
/// **Ownership.** The chunk memory belongs to a ``ChunkBuffers``: a fixed set of buffers
/// allocated when it is created and freed in its `deinit`, so it lives exactly as long as the
/// last object that holds it (this writer, the ``ChunkExchange`` between producer and
/// consumer, a ``Chunk`` handed to async code), whatever order scopes end in. A buffer is named
/// by its index, and each index has one owner at a time: the writer owns the one it is filling;
/// when it is full the writer passes the index to its ``ChunkSink`` and stops touching those
/// bytes, and gets back an index it then owns. After a failed hand-over (the consumer stopped
/// or failed) the writer owns nothing and every further write throws the same error; after
/// ``finish()`` it owns nothing either.
///
/// **Threads.** A writer is not `Sendable`: it is made, used and dropped on one thread, the
/// producer's. ``ChunkPipeline/run(concurrent:chunkSize:depth:allocator:produce:consume:)``
/// runs the producer on a dedicated thread (not the cooperative pool) and the consumer on the
/// caller's thread, which blocks; ``ChunkPipeline/chunks(chunkSize:depth:allocator:produce:)``
/// runs the producer on a dedicated thread and lets async code await the chunks without
/// blocking. In both, at most `depth + 1` buffers exist and the sink's lock orders the
/// producer's writes to a buffer before the consumer's reads, and the consumer's release
/// before the producer's next write.
final class ChunkWriter {
    private let buffers: ChunkBuffers
    private let sink: any ChunkSink
    /// The buffer being filled, `buffers[index]`; empty when the writer owns none.
    private var chunk: UnsafeMutableRawBufferPointer
    private var index: Int?
    private var used = 0
    /// Why the writer owns no buffer: a failed hand-over, or ``ChunkWriterFinished``.
    private var failure: (any Error)?

    /// Creates a writer that fills buffer `first` of `buffers` (which it then owns) and hands full
    /// chunks to `sink`.
    init(buffers: ChunkBuffers, first: Int, sink: any ChunkSink) {
        self.buffers = buffers
        self.sink = sink
        self.index = first
        self.chunk = buffers[first]
    }

    /// Creates a writer over one buffer of its own that passes each full chunk to `consume`, on
    /// the writing thread, and then fills the same buffer again.
    convenience init(
        chunkSize: Int,
        allocator: ChunkAllocator = .system,
        consume: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) {
        let buffers = ChunkBuffers(count: 1, chunkSize: chunkSize, allocator: allocator)
        self.init(buffers: buffers, first: 0, sink: ConsumingSink(buffers: buffers, consume: consume))
    }

    /// Gives up the current buffer (the writer stops touching its bytes) and returns it with its count.
    private func relinquish() throws -> (index: Int, count: Int) {
        guard let index else { throw failure ?? ChunkWriterFinished() }
        let count = used
        self.index = nil
        chunk = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        used = 0
        return (index, count)
    }

    private func flush() throws {
        let (full, count) = try relinquish()
        do {
            let next = try sink.exchange(full, count: count)
            index = next
            chunk = buffers[next]
        } catch {
            failure = error
            throw error
        }
    }

    /// Hands on what is buffered and gives up the buffer; call once at the end.
    func finish() throws {
        let (last, count) = try relinquish()
        failure = ChunkWriterFinished()
        try sink.finish(last, count: count)
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

/// The error of a write to a ``ChunkWriter`` after ``ChunkWriter/finish()``: a programming error.
struct ChunkWriterFinished: Error, CustomStringConvertible {
    var description: String { "write to a chunk writer after finish()" }
}

/// Where a ``ChunkWriter``'s full chunks go; see ``ChunkWriter`` for who owns which buffer when.
protocol ChunkSink: AnyObject {
    /// Takes buffer `index`, holding `count` bytes, and returns a buffer the writer owns next.
    ///
    /// - Throws: when the consumer failed or stopped; the writer then owns no buffer.
    func exchange(_ index: Int, count: Int) throws -> Int
    /// Takes the writer's last buffer, holding `count` bytes (possibly none); the stream is complete.
    func finish(_ index: Int, count: Int) throws
}

/// How chunk memory is obtained and returned; tests inject one that counts.
struct ChunkAllocator: Sendable {
    /// Returns a new buffer of `byteCount` bytes.
    var allocate: @Sendable (_ byteCount: Int) -> UnsafeMutableRawBufferPointer
    /// Frees a buffer `allocate` returned.
    var deallocate: @Sendable (_ buffer: UnsafeMutableRawBufferPointer) -> Void

    /// The heap, with 64-byte (cache-line) alignment.
    static let system = ChunkAllocator(
        allocate: { UnsafeMutableRawBufferPointer.allocate(byteCount: $0, alignment: 64) },
        deallocate: { $0.deallocate() }
    )
}

/// The memory of a pipeline's chunks: `count` buffers of `chunkSize` bytes, allocated in `init`
/// and freed in `deinit`, so they live as long as the last object that holds them.
///
/// It is `@unchecked Sendable` only because raw pointers are never `Sendable`; sharing it is
/// safe because (1) its stored properties are `let`, set in `init` and never changed; (2) it
/// never reads or writes the bytes itself; (3) which thread may touch the bytes of buffer `i` is
/// decided by the one owner of index `i` (see ``ChunkWriter``), and indices change hands only
/// under the ``ChunkExchange``'s lock or on a single thread (``ConsumingSink``), which orders the
/// accesses of the old owner before those of the new one; (4) `deinit` runs only after the last
/// reference is released, and ARC's release orders every earlier access before it.
final class ChunkBuffers: @unchecked Sendable {
    /// The size of each buffer.
    let chunkSize: Int
    private let buffers: [UnsafeMutableRawBufferPointer]
    private let allocator: ChunkAllocator

    init(count: Int, chunkSize: Int, allocator: ChunkAllocator) {
        precondition(count > 0 && chunkSize > 0, "a chunk pipeline needs at least one non-empty chunk")
        self.chunkSize = chunkSize
        self.allocator = allocator
        buffers = (0..<count).map { _ in allocator.allocate(chunkSize) }
    }

    deinit {
        for buffer in buffers { allocator.deallocate(buffer) }
    }

    /// How many buffers there are.
    var count: Int { buffers.count }

    /// Buffer `index`; only its current owner may touch the bytes.
    subscript(index: Int) -> UnsafeMutableRawBufferPointer { buffers[index] }

    /// The first `count` bytes of buffer `index`.
    func bytes(_ index: Int, count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffers[index][0..<count])
    }
}

/// The sink of a writer that consumes each chunk on the writing thread and reuses its one buffer.
private final class ConsumingSink: ChunkSink {
    private let buffers: ChunkBuffers
    private let consume: (UnsafeRawBufferPointer) throws -> Void

    init(buffers: ChunkBuffers, consume: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.buffers = buffers
        self.consume = consume
    }

    func exchange(_ index: Int, count: Int) throws -> Int {
        try consume(buffers.bytes(index, count: count))
        return index
    }

    func finish(_ index: Int, count: Int) throws {
        if count > 0 { try consume(buffers.bytes(index, count: count)) }
    }
}
