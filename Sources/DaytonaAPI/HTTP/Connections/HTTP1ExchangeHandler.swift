import NIOCore
import NIOHTTP1

/// The last handler of an ``HTTP1Connection``'s pipeline: sends one ``HTTP1Exchange`` at a time
/// and resumes its continuation with the whole answer, or with the reason there is none.
///
/// Everything here runs on the channel's event loop, including the deadline and the idle check,
/// which is why scheduling them costs no thread hand-off; a request reaches the loop in one
/// hand-off (``start(_:)``) and its answer leaves it in one (the continuation). After a failure
/// the channel is closed: a connection with half an answer in it cannot carry another request.
final class HTTP1ExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Never
    typealias OutboundOut = HTTPClientRequestPart

    /// How long a kept-alive connection may sit unused before this side closes it.
    let idleTimeout: TimeAmount

    private var current: HTTP1Exchange?
    private var deadlineTimer: Scheduled<Void>?
    /// Checks now and then whether the connection has been idle for `idleTimeout`; one recurring
    /// check per connection costs less than a timer set and cancelled around every request.
    private var idleCheck: Scheduled<Void>?
    /// When the last answer was complete; `nil` while a request is in flight.
    private var lastUse: NIODeadline?
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()
    private var context: ChannelHandlerContext?
    /// Why the connection failed when no exchange was in flight (a refused TLS handshake), for
    /// the request that then finds it closed.
    private var failure: (any Error)?

    init(idleTimeout: TimeAmount) {
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // Not idle yet: a new connection is for the request that opened it, however long the
        // loop takes to get there.
        lastUse = nil
        scheduleIdleCheck(on: context.eventLoop)
    }

    private func scheduleIdleCheck(on loop: any EventLoop) {
        let period = TimeAmount.nanoseconds(max(idleTimeout.nanoseconds / 4, 10_000_000))
        idleCheck = loop.assumeIsolated().scheduleTask(in: period) { [weak self] in
            guard let self else { return }
            if let lastUse = self.lastUse, lastUse + self.idleTimeout <= .now() {
                self.context?.close(promise: nil)
            } else {
                self.scheduleIdleCheck(on: loop)
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
        self.context = nil
    }

    /// Sends `exchange`; called on the event loop, once the connection is idle.
    func start(_ exchange: HTTP1Exchange) {
        guard let context, context.channel.isActive else {
            exchange.continuation.resume(throwing: failure ?? HTTP1ConnectionError.closedBeforeSending)
            return
        }
        guard current == nil else {
            exchange.continuation.resume(throwing: HTTP1ConnectionError.busy)
            return
        }
        if exchange.cancellation.isCancelled {
            exchange.continuation.resume(throwing: CancellationError())
            return
        }
        current = exchange
        lastUse = nil
        head = nil
        body.clear()
        let loop = context.eventLoop.assumeIsolated()
        deadlineTimer = loop.scheduleTask(deadline: exchange.deadline) { [weak self] in
            self?.abort(HTTP1ConnectionError.timedOut)
        }
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if exchange.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(exchange.body))), promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenFailure { [weak self] error in self?.abort(error) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    }

    /// Ends the exchange in flight with a cancellation, if it is the one `cancellation` belongs to.
    func cancel(_ cancellation: HTTP1Cancellation) {
        guard current?.cancellation === cancellation else { return }
        abort(CancellationError())
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let received):
            // Informational (1xx) answers never get here: the decoder drops them.
            head = received
        case .body(var part):
            guard let limit = current?.maximumBodySize else { return }
            guard body.readableBytes + part.readableBytes <= limit else {
                abort(HTTP1ConnectionError.bodyTooLarge(limit: limit))
                return
            }
            body.writeBuffer(&part)
        case .end:
            finish(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    /// The connection is gone (or this handler is): the exchange in flight fails, the idle check ends.
    private func stop() {
        fail(HTTP1ConnectionError.closed)
        idleCheck?.cancel()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if current == nil && failure == nil { failure = error }
        abort(error)
    }

    /// Ends the exchange in flight with `error` and closes the connection.
    func abort(_ error: any Error) {
        fail(error)
        context?.close(promise: nil)
    }

    private func finish(context: ChannelHandlerContext) {
        guard let exchange = current, let head else {
            abort(HTTP1ConnectionError.closed)
            return
        }
        current = nil
        deadlineTimer?.cancel()
        deadlineTimer = nil
        let keepAlive = head.isKeepAlive
        lastUse = .now()
        let response = HTTP1Response(status: head.status, headers: head.headers, body: body, keepAlive: keepAlive)
        body = ByteBuffer()
        self.head = nil
        if !keepAlive { context.close(promise: nil) }
        exchange.continuation.resume(returning: response)
    }

    private func fail(_ error: any Error) {
        guard let exchange = current else { return }
        current = nil
        deadlineTimer?.cancel()
        deadlineTimer = nil
        exchange.continuation.resume(throwing: error)
    }
}
