import NIOCore
import Testing

@testable import DaytonaAPI

/// The one-part multipart body that file uploads send around the file's own buffers.
@Suite struct MultipartFileBodyTests {
    @Test func theFramingHoldsTheFileBetweenHeadAndTailAndItsLengthIsExact() async throws {
        let pieces = AsyncStream<ByteBuffer> { continuation in
            continuation.yield(ByteBuffer(string: "hello "))
            continuation.yield(ByteBuffer(string: "world"))
            continuation.finish()
        }
        let body = MultipartFileBody(name: "file", filename: "a \"b\".txt", pieces: pieces)
        var bytes = ByteBuffer()
        for try await piece in body { bytes.writeImmutableBuffer(piece) }
        let text = String(buffer: bytes)
        let boundary = String(body.contentType.split(separator: "=").last ?? "")
        #expect(body.contentType.hasPrefix("multipart/form-data; boundary=daytona-swift-"))
        #expect(
            text == "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a %22b%22.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nhello world\r\n--\(boundary)--\r\n"
        )
        #expect(body.length(forFileOf: 11) == Int64(bytes.readableBytes))
    }

    @Test func lineBreaksInANameCannotStartAHeader() {
        #expect(MultipartFileBody<AsyncStream<ByteBuffer>>.quoted("x\r\nEvil: 1%") == "x%0D%0AEvil: 1%25")
    }

    @Test func queryValuesEncodeEverythingButUnreservedBytesAndSlashes() {
        #expect(HTTPStack.queryEncoded("a b+c/d&e=f%~") == "a%20b%2Bc/d%26e%3Df%25~")
    }
}
