import Crypto
import Foundation

/// Bytes that do not repeat (so a part out of place changes the hash), made fast.
func testBytes(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { buffer in
        var index = 0
        while index < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            var word = state
            for _ in 0..<min(8, count - index) {
                buffer[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
    }
    return bytes
}

/// The hex SHA-256 of bytes.
func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

/// A test failure raised by a chunk stream.
struct BrokenStream: Error, CustomStringConvertible {
    var description: String { "the archive writer broke" }
}

/// Yields `data` in chunks whose sizes cycle through `sizes`; after `stopAfter` bytes it either
/// throws ``BrokenStream`` or, with `hangs`, calls `onHang` and sleeps until cancelled.
struct ChunkStream: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>

    var data: [UInt8]
    var sizes: [Int] = [1 << 20]
    var stopAfter: Int? = nil
    var hangs = false
    var onHang: (@Sendable () -> Void)? = nil

    struct AsyncIterator: AsyncIteratorProtocol {
        var stream: ChunkStream
        var offset = 0
        var turn = 0

        mutating func next() async throws -> ArraySlice<UInt8>? {
            if let stop = stream.stopAfter, offset >= stop {
                if stream.hangs {
                    stream.onHang?()
                    try await Task.sleep(for: .seconds(120))
                }
                throw BrokenStream()
            }
            guard offset < stream.data.count else { return nil }
            var size = stream.sizes[turn % stream.sizes.count]
            turn += 1
            if let stop = stream.stopAfter { size = Swift.min(size, stop - offset) }
            let end = Swift.min(offset + size, stream.data.count)
            defer { offset = end }
            return stream.data[offset..<end]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: self) }
}

/// A value shared between tasks under a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { withLock { $0 } }
}
