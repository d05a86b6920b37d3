// The floor under exec-loop with SwiftNIO's HTTP/1.1 codec alone (one kept-alive
// connection, one request at a time, a promise per response), no AsyncHTTPClient.
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

struct FloorRequest: Sendable {
    let head: HTTPRequestHead
    let body: ByteBuffer
    let promise: EventLoopPromise<ByteBuffer>
}

final class FloorHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = FloorRequest
    typealias OutboundOut = HTTPClientRequestPart
    private var pending: EventLoopPromise<ByteBuffer>?
    private var body = ByteBuffer()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        pending = request.promise
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(request.body))), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: body.clear()
        case .body(var part): body.writeBuffer(&part)
        case .end:
            let promise = pending
            pending = nil
            promise?.succeed(body)
        }
    }
}

func nioFloor(url: String, key: String, count: Int) async throws {
    guard let parsed = URL(string: url), let host = parsed.host, let port = parsed.port else { fail("bad url") }
    let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .channelOption(.socketOption(.tcp_nodelay), value: 1)
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                try channel.pipeline.syncOperations.addHandler(FloorHandler())
            }
        }
    let channel = try await bootstrap.connect(host: host, port: port).get()
    let payload = ByteBuffer(string: #"{"command":"echo hi"}"#)
    func once() async throws {
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: parsed.path)
        head.headers.add(name: "Host", value: "\(host):\(port)")
        head.headers.add(name: "Authorization", value: "Bearer \(key)")
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: "\(payload.readableBytes)")
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        channel.writeAndFlush(FloorRequest(head: head, body: payload, promise: promise), promise: nil)
        let body = try await promise.futureResult.get()
        if body.readableBytes == 0 { fail("empty") }
    }
    try await once()
    try await measure("nio-loop", ["n": "\(count)"]) {
        for _ in 0..<count { try await once() }
        return [:]
    }
    try await channel.close()
}
