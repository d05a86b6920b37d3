import AsyncHTTPClient
import DaytonaImage
import Foundation
import NIOCore
import NIOFileSystem
import OpenAPIRuntime

/// Moves files into and out of a sandbox; reach it as ``Sandbox/fs``.
///
/// Transfers stream: a file of any size passes through in chunks, never whole in memory (except
/// for the `Data` forms, which hold what they hand over). Relative remote paths are inside the
/// sandbox user's home folder.
public struct SandboxFileSystem: Sendable {
    let sandbox: Sandbox

    /// The size of each piece written to a local file by a download.
    static let chunkSize = 1 << 20

    /// The size of each piece read for an upload.
    ///
    /// Smaller than ``chunkSize``: the HTTP client takes pieces as fast as the socket drains, so
    /// each one in flight is memory; with 1 MiB pieces a 1 GiB upload peaked at 73 MiB.
    static let uploadChunkSize = 256 << 10

    /// Writes `data` to a file in the sandbox, replacing what is there.
    ///
    ///     try await sandbox.fs.uploadFile(Data([0, 1, 2]), to: "work/blob.bin")
    public func uploadFile(_ data: Data, to remotePath: String) async throws {
        let piece = ByteBuffer(bytes: data)
        try await upload(size: Int64(piece.readableBytes), named: remotePath, replayable: true) {
            AsyncStream<ByteBuffer> { continuation in
                continuation.yield(piece)
                continuation.finish()
            }
        }
    }

    /// Copies a local file into the sandbox, streaming it.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when the local file does not exist.
    public func uploadFile(atPath localPath: String, to remotePath: String) async throws {
        do {
            try await NIOFileSystem.FileSystem.shared.withFileHandle(forReadingAt: FilePath(localPath)) { handle in
                let size = try await handle.info().size
                try await upload(size: size, named: remotePath, replayable: true) {
                    FilePieces(handle: handle, size: size, pieceSize: Self.uploadChunkSize, path: localPath)
                }
            }
        } catch let error as NIOFileSystem.FileSystemError {
            throw Self.localError(error, path: localPath, operation: "upload file")
        }
    }

    /// Copies what an open file handle reads until its end (standard input, a pipe) into the
    /// sandbox, streaming it.
    ///
    ///     try await sandbox.fs.uploadFile(from: FileHandle.standardInput, to: "work/input.txt")
    ///
    /// The handle is read on a thread of its own, a few pieces ahead of the network, and stays
    /// open. The length is not known ahead, so the body is sent chunked. What was read cannot be
    /// read again, so unlike the other forms this one is not retried after a 429.
    public func uploadFile(from handle: Foundation.FileHandle, to remotePath: String) async throws {
        let descriptor = handle.fileDescriptor
        let name = descriptor == FileHandle.standardInput.fileDescriptor ? "<stdin>" : "file descriptor \(descriptor)"
        try await upload(size: nil, named: remotePath, replayable: false) {
            ChunkStream.reading(descriptor: descriptor, name: name, chunkSize: Self.uploadChunkSize)
                .map { chunk in chunk.withUnsafeBytes { ByteBuffer(bytes: $0) } }
        }
    }

    /// A file's contents.
    ///
    ///     let back = try await sandbox.fs.downloadFile("work/blob.bin")
    ///
    /// - Throws: ``DaytonaNotFoundError`` when the file does not exist in the sandbox.
    public func downloadFile(_ remotePath: String) async throws -> Data {
        var data = Data()
        try await download(remotePath) { chunk in data.append(contentsOf: chunk) }
        return data
    }

    /// Copies a file out of the sandbox to a local path, streaming it.
    ///
    /// The local file appears only once the whole download has arrived; a failed download leaves
    /// nothing behind (an existing file at `localPath` stays as it was).
    public func downloadFile(_ remotePath: String, toPath localPath: String) async throws {
        let files = NIOFileSystem.FileSystem.shared
        let partial = FilePath(localPath + ".partial-\(UUID().uuidString)")
        do {
            try await files.withFileHandle(forWritingAt: partial, options: .newFile(replaceExisting: false)) { handle in
                var writer = handle.bufferedWriter(capacity: .bytes(Int64(Self.chunkSize)))
                try await download(remotePath) { chunk in
                    try await writer.write(contentsOf: chunk)
                }
                try await writer.flush()
            }
            try await files.replaceItem(at: FilePath(localPath), withItemAt: partial)
        } catch {
            _ = try? await files.removeItem(at: partial)
            if let local = error as? NIOFileSystem.FileSystemError {
                throw Self.localError(local, path: localPath, operation: "download file")
            }
            throw error
        }
    }

    /// Copies a file out of the sandbox to an open file handle (standard output, a pipe), chunk by chunk.
    public func downloadFile(_ remotePath: String, to handle: Foundation.FileHandle) async throws {
        try await download(remotePath) { chunk in try handle.write(contentsOf: chunk) }
    }

    /// Hands each chunk of a remote file to `consume`, in order.
    func download(_ remotePath: String, consume: (ArraySlice<UInt8>) async throws -> Void) async throws {
        let toolbox = try await sandbox.toolbox(timeout: nil)
        try await sandbox.client.http.perform("download file \(remotePath)") {
            let body: HTTPBody
            switch try await toolbox.downloadFile(query: .init(path: remotePath)).ok.body {
            case .binary(let binary): body = binary
            case .any(let any): body = any
            }
            for try await chunk in body { try await consume(chunk) }
        }
    }

    /// Sends the pieces that `makePieces` gives as the one file part of
    /// `POST files/upload-v2?path=`, as they come (the length is declared when `size` is known,
    /// else the body is chunked).
    ///
    /// A 429 is retried as the ``RetryPolicy`` says, with fresh pieces from `makePieces`, when
    /// the source can be read again (`replayable`); the server did not take the file then.
    private func upload<Pieces: AsyncSequence & Sendable>(
        size: Int64?,
        named remotePath: String,
        replayable: Bool,
        pieces makePieces: () -> Pieces
    ) async throws where Pieces.Element == ByteBuffer {
        let base = try await sandbox.toolboxURL()
        let filename = remotePath.split(separator: "/").last.map(String.init) ?? "file"
        let endpoint = base.appendingPathComponent("files/upload-v2")
        let url = endpoint.absoluteString + "?path=" + HTTPStack.queryEncoded(remotePath)
        let http = sandbox.client.http
        let operation = "upload file \(remotePath)"
        let response = try await http.retry.run(
            method: .post,
            path: endpoint.path,
            operationID: operation,
            replayable: replayable
        ) {
            let body = MultipartFileBody(name: "file", filename: filename, pieces: makePieces())
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.replaceOrAdd(name: "Content-Type", value: body.contentType)
            request.body = .stream(body, length: size.map { .known(body.length(forFileOf: $0)) } ?? .unknown)
            return try await http.sendDirect(request, timeout: nil, operation: operation)
        }
        // The answer is a small JSON acknowledgement; reading it lets the connection be reused.
        _ = try? await response.body.collect(upTo: 1 << 20)
    }

    private static func localError(
        _ error: NIOFileSystem.FileSystemError,
        path: String,
        operation: String
    ) -> DaytonaError {
        switch error.code {
        case .notFound:
            DaytonaNotFoundError(message: "Failed to \(operation): \(path) does not exist")
        default:
            DaytonaBadRequestError(message: "Failed to \(operation): \(path): \(error.message)")
        }
    }
}
