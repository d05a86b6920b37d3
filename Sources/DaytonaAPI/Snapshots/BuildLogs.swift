import AsyncHTTPClient
import Foundation

/// The lines of an image build's log, as they are written; the sequence ends when the build does.
///
/// ```swift
/// for try await line in daytona.snapshot.buildLogs(of: snapshot) { print(line) }
/// ```
///
/// Nothing is requested until the first `next()`. Lines are read from the connection as they are
/// asked for, so a slow reader slows the transfer instead of losing lines; stopping iteration (or
/// cancelling the task) closes the connection.
public struct BuildLogs: AsyncSequence, Sendable {
    /// A line of the log, without its line break.
    public typealias Element = String

    let http: HTTPStack
    /// Asks the API where the log is.
    let locate: @Sendable () async throws -> String
    let operation: String

    /// Starts reading the log.
    public func makeAsyncIterator() -> Iterator { Iterator(source: self) }

    /// Reads a build log line by line.
    public struct Iterator: AsyncIteratorProtocol {
        private let source: BuildLogs
        private var body: HTTPClientResponse.Body.AsyncIterator?
        private var host = ""
        private var lines = LineSplitter()
        private var ended = false

        init(source: BuildLogs) { self.source = source }

        /// The next line, or `nil` once the build's log has ended.
        ///
        /// - Throws: the `DaytonaError` family, named after the operation, when the log cannot
        ///   be found or read; `CancellationError` when the task is cancelled.
        public mutating func next() async throws -> String? {
            while true {
                if let line = lines.nextLine() { return line }
                if ended { return lines.remainder() }
                if body == nil { try await open() }
                do {
                    if let buffer = try await body?.next() {
                        lines.append(buffer.readableBytesView)
                    } else {
                        ended = true
                    }
                } catch {
                    throw HTTPStack.failure(
                        ResponseErrorMiddleware.transportError(error, host: host),
                        operation: source.operation
                    )
                }
            }
        }

        /// Finds the log and asks for it with `follow=true`; an error answer throws.
        private mutating func open() async throws {
            let source = self.source
            let url = try await source.http.perform(source.operation) { try await source.locate() }
            host = URL(string: url)?.host ?? url
            let request = HTTPClientRequest(url: url + (url.contains("?") ? "&" : "?") + "follow=true")
            // The log ends when the build does, however long that takes.
            let response = try await source.http.sendDirect(request, timeout: nil, operation: source.operation)
            body = response.body.makeAsyncIterator()
        }
    }

    /// Waits for a task that forwards a log to finish, at most `limit`: the log ends with the
    /// build, so its last lines may still be on their way when the build is seen to be done.
    static func drain(_ task: Task<Void, any Error>, upTo limit: Duration) async {
        _ = try? await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await task.value }
            group.addTask { try await Task.sleep(for: limit) }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// Cuts bytes into lines at `\n` (dropping a `\r` before it), in time linear in the bytes.
struct LineSplitter {
    private var pending: [UInt8] = []
    /// Where the first line not yet returned starts in `pending`.
    private var start = 0
    /// How far `pending` has been searched for a line break.
    private var searched = 0

    /// Adds bytes after those already held.
    mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && start >= pending.count / 2 {
            pending.removeSubrange(..<start)
            searched -= start
            start = 0
        }
        pending.append(contentsOf: bytes)
    }

    /// The next complete line, if the bytes hold one.
    mutating func nextLine() -> String? {
        guard let newline = pending[searched...].firstIndex(of: UInt8(ascii: "\n")) else {
            searched = pending.count
            return nil
        }
        var end = newline
        if end > start && pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: pending[start..<end], as: UTF8.self)
        start = newline + 1
        searched = start
        return line
    }

    /// What is left after the last line break, once, when the stream has ended.
    mutating func remainder() -> String? {
        guard start < pending.count else { return nil }
        let line = String(decoding: pending[start...], as: UTF8.self)
        start = pending.count
        searched = start
        return line
    }
}
