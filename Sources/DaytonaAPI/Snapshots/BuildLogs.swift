import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore

/// The lines of an image build's log, as they are written; the sequence ends when the build does.
///
/// ```swift
/// for try await line in daytona.snapshot.buildLogs(of: snapshot) { print(line) }
/// ```
///
/// Nothing is requested until iteration starts; stopping iteration (or cancelling the task) closes
/// the connection.
public struct BuildLogs: AsyncSequence, Sendable {
    /// A line of the log, without its line break.
    public typealias Element = String

    let http: HTTPStack
    /// Asks the API where the log is.
    let locate: @Sendable () async throws -> String
    let operation: String

    /// Starts reading the log.
    public func makeAsyncIterator() -> AsyncThrowingStream<String, any Error>.Iterator {
        let http = self.http
        let locate = self.locate
        let operation = self.operation
        let (stream, continuation) = AsyncThrowingStream<String, any Error>.makeStream(
            bufferingPolicy: .bufferingNewest(4096)
        )
        let task = Task {
            do {
                let url = try await http.perform(operation) { try await locate() }
                try await Self.follow(url: url, http: http, operation: operation) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream.makeAsyncIterator()
    }

    /// Streams `url?follow=true` line by line until the server ends the response.
    static func follow(url: String, http: HTTPStack, operation: String, line: (String) -> Void) async throws {
        var request = HTTPClientRequest(url: url + (url.contains("?") ? "&" : "?") + "follow=true")
        for (name, value) in http.identity.headers { request.headers.replaceOrAdd(name: name.rawName, value: value) }
        let response: HTTPClientResponse
        do {
            response = try await HTTPStack.sharedHTTPClient.execute(request, timeout: .hours(24))
        } catch {
            throw HTTPStack.failure(
                ResponseErrorMiddleware.transportError(error, host: URL(string: url)?.host ?? url),
                operation: operation
            )
        }
        if response.status.code >= 400 {
            let body = try await response.body.collect(upTo: ResponseErrorMiddleware.maximumErrorBodySize)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name] = header.value }
            throw DaytonaError.from(
                statusCode: Int(response.status.code),
                headers: headers,
                body: Data(body.readableBytesView)
            )
            .prefixed("Failed to \(operation): ")
        }
        var pending: [UInt8] = []
        do {
            for try await buffer in response.body {
                pending.append(contentsOf: buffer.readableBytesView)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    var end = newline
                    if end > 0 && pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    line(String(decoding: pending[..<end], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
            }
        } catch {
            throw HTTPStack.failure(
                ResponseErrorMiddleware.transportError(error, host: URL(string: url)?.host ?? url),
                operation: operation
            )
        }
        if !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
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
