import NIOCore
import NIOHTTP1
import Synchronization

/// One request sent over an ``HTTP1Connection`` and what its answer is awaited by.
struct HTTP1Exchange: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer
    /// When the whole answer must have arrived.
    var deadline: NIODeadline
    /// The largest body the caller takes; a longer one fails the exchange.
    var maximumBodySize: Int
    /// Resumed exactly once, on the event loop, with the answer or the failure.
    var continuation: CheckedContinuation<HTTP1Response, any Error>
    /// Set by the task's cancellation handler, which may run before the exchange reaches the loop.
    var cancellation: HTTP1Cancellation
}

/// Whether the task that sent an exchange was cancelled; shared by that task and the event loop.
final class HTTP1Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    var isCancelled: Bool { flag.load(ordering: .acquiring) }

    func cancel() { flag.store(true, ordering: .releasing) }
}

/// An answer read whole.
struct HTTP1Response: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer
    /// Whether the connection may carry another request.
    var keepAlive: Bool
}

/// Why an exchange ended without an answer.
enum HTTP1ConnectionError: Error, Sendable, CustomStringConvertible {
    /// The deadline passed before the answer was complete.
    case timedOut
    /// The peer closed the connection before the answer was complete.
    case closed
    /// The connection was closed before the request was written: nothing was sent, so the
    /// request may go again over another connection.
    case closedBeforeSending
    /// The answer's body is longer than the caller takes.
    case bodyTooLarge(limit: Int)
    /// A second request was written while one was in flight (a bug in the pool).
    case busy

    var description: String {
        switch self {
        case .timedOut: "the answer did not arrive in time"
        case .closed: "the connection closed before the answer was complete"
        case .closedBeforeSending: "the connection closed before the request was sent"
        case .bodyTooLarge(let limit): "the answer is longer than \(limit) bytes"
        case .busy: "the connection already carries a request"
        }
    }
}
