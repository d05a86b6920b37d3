import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// One kept-alive HTTP/1.1 connection that carries one request at a time.
///
/// Made and lent out by ``HTTP1ConnectionPool``; the pool guarantees that only one task sends
/// over it at once.
final class HTTP1Connection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<HTTP1ExchangeHandler>
    let origin: HTTP1ConnectionPool.Origin

    private init(channel: any Channel, handler: NIOLoopBound<HTTP1ExchangeHandler>, origin: HTTP1ConnectionPool.Origin)
    {
        self.channel = channel
        self.handler = handler
        self.origin = origin
    }

    /// Whether the connection is open (it may still be closed by the peer at any moment).
    var isActive: Bool { channel.isActive }

    /// Connects to `origin`, with TLS for `https`, within `deadline`.
    static func connect(
        to origin: HTTP1ConnectionPool.Origin,
        deadline: NIODeadline,
        idleTimeout: TimeAmount,
        group: any EventLoopGroup
    ) async throws -> HTTP1Connection {
        let tls = origin.secure ? try sharedTLSContext.get() : nil
        let now = NIODeadline.now()
        let connectTimeout = deadline > now ? deadline - now : .nanoseconds(0)
        // The initializer hands its handler out: looking it up afterwards fails once a closed
        // channel (a refused TLS handshake) has emptied its pipeline.
        let made = Mutex<NIOLoopBound<HTTP1ExchangeHandler>?>(nil)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        // No SNI for an IP address; NIOSSL then checks the certificate against it.
                        let isAddress = (try? SocketAddress(ipAddress: origin.host, port: origin.port)) != nil
                        let hostname = isAddress ? nil : origin.host
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: hostname)
                        )
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    let handler = HTTP1ExchangeHandler(idleTimeout: idleTimeout)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    made.withLock { $0 = NIOLoopBound(handler, eventLoop: channel.eventLoop) }
                }
            }
        // The connect itself cannot be cancelled, so the wait for it is: a channel that arrives
        // after the task gave up is closed.
        let connecting = bootstrap.connect(host: origin.host, port: origin.port)
        let outcome = connecting.eventLoop.makePromise(of: (any Channel).self)
        connecting.cascade(to: outcome)
        let channel = try await withTaskCancellationHandler {
            try await outcome.futureResult.get()
        } onCancel: {
            outcome.fail(CancellationError())
            connecting.whenSuccess { $0.close(promise: nil) }
        }
        guard let handler = made.withLock({ $0 }) else {
            channel.close(promise: nil)
            throw HTTP1ConnectionError.closedBeforeSending
        }
        return HTTP1Connection(channel: channel, handler: handler, origin: origin)
    }

    /// Sends `head` and `body` and returns the whole answer.
    ///
    /// Cancelling the task ends the exchange at once and closes the connection.
    func send(
        _ head: HTTPRequestHead,
        body: ByteBuffer,
        deadline: NIODeadline,
        maximumBodySize: Int
    ) async throws -> HTTP1Response {
        let handler = self.handler
        let cancellation = HTTP1Cancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let exchange = HTTP1Exchange(
                    head: head,
                    body: body,
                    deadline: deadline,
                    maximumBodySize: maximumBodySize,
                    continuation: continuation,
                    cancellation: cancellation
                )
                handler.eventLoop.execute { handler.value.start(exchange) }
            }
        } onCancel: {
            cancellation.cancel()
            handler.eventLoop.execute { handler.value.cancel(cancellation) }
        }
    }

    /// The TLS settings for `https` origins: the system's trust roots, host names checked.
    private static let sharedTLSContext = Result {
        try NIOSSLContext(configuration: TLSConfiguration.makeClientConfiguration())
    }

    /// Closes the connection; a request in flight fails.
    func close() {
        channel.close(promise: nil)
    }
}
