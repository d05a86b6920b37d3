import Foundation
import NIOCore

/// A `multipart/form-data` body of one file part, framed around the file's own buffers.
///
/// The generated client's multipart path copies every piece of a file twice on its way to the
/// socket (framing, then conversion to NIO buffers); an upload of a large file was bound by those
/// copies. Here the file's buffers pass through as they are, between a head and a tail.
struct MultipartFileBody<Pieces: AsyncSequence & Sendable>: AsyncSequence, Sendable
where Pieces.Element == ByteBuffer {
    typealias Element = ByteBuffer

    let head: ByteBuffer
    let pieces: Pieces
    let tail: ByteBuffer
    /// The header value, with the boundary.
    let contentType: String

    /// Frames `pieces` as the part `name`, with `filename`, under a fresh boundary.
    init(name: String, filename: String, pieces: Pieces) {
        let boundary = "daytona-swift-" + UUID().uuidString
        contentType = "multipart/form-data; boundary=\(boundary)"
        head = ByteBuffer(
            string: "--\(boundary)\r\n"
                + "Content-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(filename))\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
        )
        self.pieces = pieces
        tail = ByteBuffer(string: "\r\n--\(boundary)--\r\n")
    }

    /// The body's length for a file of `size` bytes.
    func length(forFileOf size: Int64) -> Int64 {
        Int64(head.readableBytes) + size + Int64(tail.readableBytes)
    }

    /// A parameter value as a quoted string may hold it: quotes and line breaks percent-encoded,
    /// as browsers send them.
    static func quoted(_ value: String) -> String {
        value.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\"", with: "%22")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(head: head, pieces: pieces.makeAsyncIterator(), tail: tail)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        private var head: ByteBuffer?
        private var pieces: Pieces.AsyncIterator
        private var tail: ByteBuffer?
        private var inPieces = true

        init(head: ByteBuffer, pieces: Pieces.AsyncIterator, tail: ByteBuffer) {
            self.head = head
            self.pieces = pieces
            self.tail = tail
        }

        mutating func next() async throws -> ByteBuffer? {
            if let head {
                self.head = nil
                return head
            }
            if inPieces {
                if let piece = try await pieces.next() { return piece }
                inPieces = false
            }
            defer { tail = nil }
            return tail
        }
    }
}
