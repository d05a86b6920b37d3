import DaytonaErrors
import NIOCore

extension ObjectStorageClient {
    /// Stores an object read from a stream of byte chunks, in parts when it is large.
    ///
    /// The first ``Configuration/partSize`` bytes are collected; if the stream ends there, they
    /// go in one `PUT`. Otherwise a multipart upload is started and the stream is cut into parts
    /// of exactly that size (the last one smaller), up to ``Configuration/maxConcurrentParts``
    /// of them sent at once, so at most that many parts are held in memory. Each part is signed
    /// with its SHA-256 and retried (``Configuration/maxAttempts``) when its failure may pass.
    ///
    /// If anything fails (a part, the stream, a size that differs from `expectedSize`) or the
    /// task is cancelled, the multipart upload is aborted before the error is thrown, so no
    /// parts are left behind. The error is a `DaytonaError` that names the key (cancellation
    /// throws `CancellationError`).
    ///
    /// ```swift
    /// let result = try await storage.upload(key: "org/ctx.tar", from: chunks, expectedSize: 12 << 20)
    /// result.partCount  // 2 with the default 8 MiB parts
    /// ```
    ///
    /// - Parameters:
    ///   - key: The object's key.
    ///   - chunks: The bytes, in chunks of any size (`[UInt8]`, `ArraySlice<UInt8>`, `Data`, …).
    ///   - expectedSize: The number of bytes the stream will yield, if known: it raises the part
    ///     size when the object would need more than 10,000 parts, it is passed to `progress`,
    ///     and a stream that yields a different number of bytes fails the upload.
    ///   - contentType: The `Content-Type` to store with the object, if any.
    ///   - progress: Called after each part (and after a single PUT) with the bytes stored so
    ///     far and `expectedSize`; calls come one at a time, on the uploading task.
    /// - Returns: What was stored.
    @discardableResult
    public func upload<Chunks: AsyncSequence>(
        key: String,
        from chunks: Chunks,
        expectedSize: Int64? = nil,
        contentType: String? = nil,
        progress: (@Sendable (_ sent: UInt64, _ total: UInt64?) -> Void)? = nil
    ) async throws -> UploadResult where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
        let prefix = uploadPrefix(key)
        try Self.validate(key: key, prefix: prefix)
        let configuration: Configuration
        do {
            configuration = try self.configuration.validated()
        } catch let error as DaytonaError {
            throw error.prefixed(prefix)
        }
        if let expectedSize, expectedSize < 0 {
            throw DaytonaBadRequestError(message: prefix + "the expected size \(expectedSize) is negative")
        }
        let total = expectedSize.map { UInt64($0) }
        let partSize = Self.partSize(configuration.partSize, expectedSize: total)

        var reader = PartReader(chunks.makeAsyncIterator(), prefix: prefix, expectedSize: total)
        let first = try await reader.read(upTo: partSize)
        if try await reader.isAtEnd() {
            try reader.checkSize()
            let result = try await putObject(key: key, buffer: first, contentType: contentType, prefix: prefix)
            progress?(result.size, total)
            return result
        }

        // Created in a task of its own, which the caller's cancellation does not reach: an upload
        // that the store created always has its ID here, so that it can be aborted below.
        let uploadID = try await Task {
            try await createMultipartUpload(key: key, contentType: contentType, prefix: prefix)
        }.value
        do {
            // Each finished part hands its buffer back for a later part, so the upload allocates
            // at most maxConcurrentParts + 1 part buffers in all: fresh multi-MiB allocations per
            // part left the allocator's arenas fragmented and the peak far above the parts in flight.
            let parts = try await withThrowingTaskGroup(of: (CompletedPart, ByteBuffer).self) { group in
                var parts: [CompletedPart] = []
                var spare: [ByteBuffer] = []
                var sent: UInt64 = 0
                var inFlight = 0
                var number = 1
                var next: ByteBuffer? = first
                func finished(_ done: (CompletedPart, ByteBuffer)) {
                    inFlight -= 1
                    parts.append(done.0)
                    spare.append(done.1)
                    sent += UInt64(done.0.size)
                    progress?(sent, total)
                }
                while let body = next {
                    guard number <= Configuration.maximumPartCount else {
                        throw DaytonaBadRequestError(
                            message: prefix + "the data needs more than 10,000 parts of \(partSize) bytes; "
                                + "raise the part size or pass expectedSize"
                        )
                    }
                    group.addTask { [number] in
                        let part = try await uploadPart(
                            key: key,
                            uploadID: uploadID,
                            number: number,
                            body: body,
                            prefix: prefix
                        )
                        return (part, body)
                    }
                    inFlight += 1
                    number += 1
                    next = nil
                    // A free slot before reading on: at most maxConcurrentParts parts in memory.
                    if inFlight == configuration.maxConcurrentParts, let done = try await group.next() {
                        finished(done)
                    }
                    let buffer = try await reader.read(upTo: partSize, reusing: spare.popLast())
                    if buffer.readableBytes > 0 { next = buffer }
                }
                while let done = try await group.next() { finished(done) }
                return parts
            }
            try reader.checkSize()
            let eTag = try await completeMultipartUpload(key: key, uploadID: uploadID, parts: parts, prefix: prefix)
            return UploadResult(key: key, size: reader.total, partCount: parts.count, isMultipart: true, eTag: eTag)
        } catch {
            await abandon(key: key, uploadID: uploadID, prefix: prefix)
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            throw error
        }
    }

    /// Aborts a multipart upload after a failure, in a task of its own so that the caller's
    /// cancellation cannot cancel the clean-up too; a failed abort is logged.
    func abandon(key: String, uploadID: String, prefix: String) async {
        let outcome = await Task {
            try await abortMultipartUpload(key: key, uploadID: uploadID, prefix: prefix)
        }.result
        if case .failure(let error) = outcome {
            logger.warning(
                "Could not abort a multipart upload; its parts stay stored until the bucket's lifecycle removes them",
                metadata: ["key": "\(key)", "uploadId": "\(uploadID)", "error": "\(error)"]
            )
        }
    }

    /// The configured part size, raised (to a whole MiB) when `expectedSize` bytes would need
    /// more parts than S3 allows.
    static func partSize(_ configured: Int, expectedSize: UInt64?) -> Int {
        guard let expectedSize else { return configured }
        let mebibyte: UInt64 = 1 << 20
        let needed =
            (expectedSize + UInt64(Configuration.maximumPartCount) - 1) / UInt64(Configuration.maximumPartCount)
        let rounded = (needed + mebibyte - 1) / mebibyte * mebibyte
        return max(configured, Int(clamping: rounded))
    }
}

/// Cuts a stream of chunks into parts of a fixed size, keeping what is left of a chunk that
/// straddles two parts; a failure of the stream becomes a `DaytonaError` naming the upload.
struct PartReader<Iterator: AsyncIteratorProtocol>
where Iterator.Element: Collection, Iterator.Element.Element == UInt8 {
    private var iterator: Iterator
    private var pending: Iterator.Element.SubSequence?
    private var finished = false
    private let prefix: String
    private let expectedSize: UInt64?
    /// The bytes read into parts so far.
    private(set) var total: UInt64 = 0

    init(_ iterator: Iterator, prefix: String, expectedSize: UInt64?) {
        self.iterator = iterator
        self.prefix = prefix
        self.expectedSize = expectedSize
    }

    /// The next part: `size` bytes, fewer at the end of the stream, none after it.
    ///
    /// With `reusing`, the part is written into that buffer's memory (emptied first) when
    /// nothing else holds it; otherwise, and without one, into a new buffer.
    mutating func read(upTo size: Int, reusing recycled: consuming ByteBuffer? = nil) async throws -> ByteBuffer {
        // Taken over, not copied: a second reference would make `clear()` allocate anew.
        var buffer: ByteBuffer
        if let reused = consume recycled { buffer = consume reused } else { buffer = ByteBuffer() }
        buffer.clear()
        while buffer.readableBytes < size, try await fill() {
            guard let chunk = pending else { break }
            let count = min(size - buffer.readableBytes, chunk.count)
            if buffer.capacity == 0 { buffer.reserveCapacity(Self.capacity(forPartOf: size)) }
            let end = chunk.index(chunk.startIndex, offsetBy: count)
            buffer.writeBytes(chunk[..<end])
            pending = chunk[end...]
        }
        total += UInt64(buffer.readableBytes)
        if let expectedSize, total > expectedSize {
            throw DaytonaBadRequestError(message: prefix + "the data is longer than the expected \(expectedSize) bytes")
        }
        return buffer
    }

    /// The capacity to allocate for a part of `size` bytes: above 32 MiB, however small the part.
    ///
    /// glibc's malloc raises its mmap threshold to the size of each large block freed, up to
    /// 32 MiB. After the first part buffer was freed, later ones came from the threads' arenas,
    /// which kept the memory: a 1 GiB upload peaked at 129 MiB with 40 MiB of parts (the same run
    /// with `MALLOC_MMAP_THRESHOLD_` set, which stops the raising, peaked at 88 MiB). A block
    /// above the ceiling is always mapped on its own and unmapped when freed, and only the pages
    /// a part writes count as memory, so the rest of the capacity (`ByteBuffer` rounds it up to
    /// 64 MiB) costs address space only.
    static func capacity(forPartOf size: Int) -> Int {
        let mmapThresholdCeiling = 32 << 20  // glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64-bit systems
        return max(size, mmapThresholdCeiling + 1)
    }

    /// Whether the stream has ended (it may read one chunk ahead to tell).
    mutating func isAtEnd() async throws -> Bool {
        try await !fill()
    }

    /// Fails unless the stream yielded exactly the expected size.
    func checkSize() throws {
        if let expectedSize, total != expectedSize {
            throw DaytonaBadRequestError(
                message: prefix + "the data has \(total) bytes, not the expected \(expectedSize)"
            )
        }
    }

    /// Makes `pending` non-empty if the stream has bytes left; `false` at its end.
    private mutating func fill() async throws -> Bool {
        while pending?.isEmpty ?? true {
            if finished { return false }
            try Task.checkCancellation()
            let chunk: Iterator.Element?
            do {
                chunk = try await iterator.next()
            } catch is CancellationError {
                throw CancellationError()
            } catch let error as DaytonaError {
                throw error.prefixed(prefix + "reading the data failed: ")
            } catch {
                throw DaytonaError(message: prefix + "reading the data failed: \(error)")
            }
            guard let chunk else {
                finished = true
                pending = nil
                return false
            }
            pending = chunk[...]
        }
        return true
    }
}
