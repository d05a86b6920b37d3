import DaytonaErrors
import DaytonaSystem
import NIOCore
import NIOFileSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The first `size` bytes of an open file as a sequence of pieces, read into a few buffers that
/// are filled again and again.
///
/// NIOFileSystem's `readChunks` allocates a fresh buffer for every piece. For a 1 GiB upload that
/// is 4,096 buffers of 256 KiB, and glibc gave each one's memory back and faulted it in again:
/// 135,000 page faults against the Python SDK's 18,000, and most of the upload's system CPU.
/// Here a piece's buffer is refilled once the HTTP client has written and released it; until then
/// it is shared, and `ByteBuffer`'s copy-on-write gives the reader fresh storage instead, so the
/// reuse can never overwrite bytes still in flight.
///
/// Each piece is read with `pread` on NIOFileSystem's thread pool (through the handle's
/// descriptor), so no cooperative thread waits on the disk.
struct FilePieces: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let handle: ReadFileHandle
    /// How many bytes the sequence yields; a file that turns out shorter is an error.
    let size: Int64
    let pieceSize: Int
    /// The path, for messages.
    let path: String
    /// How many buffers take turns; a piece is usually written out before its turn comes again.
    static let bufferCount = 4

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pieces: self)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let pieces: FilePieces
        private var offset: Int64 = 0
        private var buffers: [PieceBuffer]
        private var turn = 0

        init(pieces: FilePieces) {
            self.pieces = pieces
            buffers = (0..<FilePieces.bufferCount).map { _ in PieceBuffer(capacity: pieces.pieceSize) }
        }

        mutating func next() async throws -> ByteBuffer? {
            guard offset < pieces.size else { return nil }
            let buffer = buffers[turn]
            turn = (turn + 1) % buffers.count
            let length = Int(Swift.min(Int64(pieces.pieceSize), pieces.size - offset))
            let start = offset
            let path = pieces.path
            let count = try await pieces.handle.withUnsafeDescriptor { descriptor in
                try buffer.fill(from: descriptor.rawValue, at: start, length: length, path: path)
            }
            guard count > 0 else {
                throw DaytonaBadRequestError(
                    message: "\(pieces.path) became shorter while it was read (\(offset) of \(pieces.size) bytes)"
                )
            }
            offset += Int64(count)
            return buffer.bytes
        }
    }
}

/// One reusable buffer of ``FilePieces``.
///
/// `@unchecked Sendable`: the iterator hands it to one pool thread at a time and awaits the read
/// before it touches the buffer again, so it is never used from two threads at once.
final class PieceBuffer: @unchecked Sendable {
    private(set) var bytes: ByteBuffer

    init(capacity: Int) {
        bytes = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Replaces the buffer's contents with up to `length` bytes of `descriptor` from `offset`;
    /// returns how many were read (fewer only at the end of the file, 0 past it).
    func fill(from descriptor: CInt, at offset: Int64, length: Int, path: String) throws -> Int {
        bytes.clear()
        return try bytes.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { space in
            guard let base = space.baseAddress else { return 0 }
            var done = 0
            while done < length {
                let count = pread(descriptor, base + done, length - done, off_t(offset) + off_t(done))
                if count > 0 {
                    done += count
                } else if count == 0 {
                    break
                } else if errno != EINTR {
                    throw LocalFileSystem.readError(path, code: errno)
                }
            }
            return done
        }
    }
}
