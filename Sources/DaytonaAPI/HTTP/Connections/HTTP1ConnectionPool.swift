import NIOCore
import NIOPosix
import Synchronization

/// Kept-alive HTTP/1.1 connections by origin, for the small JSON requests that the toolbox
/// answers most often (`exec`, `codeRun`).
///
/// AsyncHTTPClient carries every other request. For these it costs about three times the CPU of
/// SwiftNIO's HTTP/1.1 codec driven directly (see `Benchmarks/client/RESULTS.md`), and a command
/// loop spends nearly all of its time there; so this pool keeps only what such requests need:
/// at most ``limit`` connections per origin, the newest idle one reused first, waiters served in
/// order, idle connections closed after ``idleTimeout``. It never follows redirects, never
/// compresses and never retries by itself (``HTTPStack`` decides that).
final class HTTP1ConnectionPool: Sendable {
    /// Where a connection goes: scheme, host and port.
    struct Origin: Hashable, Sendable {
        var secure: Bool
        var host: String
        var port: Int
    }

    /// The most connections to one origin; more concurrent requests wait for one to come back.
    let limit: Int
    /// How long an unused connection stays open.
    let idleTimeout: TimeAmount
    private let group: any EventLoopGroup
    private let state = Mutex(State())

    private struct Waiter {
        var id: Int
        /// Resumed with a connection to use, or `nil`: the waiter may open a connection itself.
        var continuation: CheckedContinuation<HTTP1Connection?, any Error>
    }

    private struct Connections {
        var idle: [HTTP1Connection] = []
        /// Open or being opened, idle or lent out.
        var open = 0
        var waiters: [Waiter] = []
    }

    private struct State {
        var origins: [Origin: Connections] = [:]
        var nextWaiterID = 0
    }

    init(limit: Int, idleTimeout: TimeAmount, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.limit = max(1, limit)
        self.idleTimeout = idleTimeout
        self.group = group
    }

    /// Lends a connection to `origin` to `body` and takes it back afterwards.
    ///
    /// `body` returns whether the connection may carry another request; a thrown error closes it.
    func withConnection<T>(
        to origin: Origin,
        deadline: NIODeadline,
        _ body: (HTTP1Connection) async throws -> (T, reusable: Bool)
    ) async throws -> T {
        let connection = try await lease(origin, deadline: deadline)
        let result: T
        let reusable: Bool
        do {
            (result, reusable) = try await body(connection)
        } catch {
            giveBack(connection, reusable: false)
            throw error
        }
        giveBack(connection, reusable: reusable)
        return result
    }

    private enum Lease {
        case use(HTTP1Connection)
        case connect
        case wait
    }

    private func lease(_ origin: Origin, deadline: NIODeadline) async throws -> HTTP1Connection {
        // A connection its handler closes after this check fails before sending, and the caller
        // sends again (HTTPStack.exchange), so being open is all that is checked here.
        var stale: [HTTP1Connection] = []
        let step: Lease = state.withLock { state in
            var connections = state.origins[origin, default: Connections()]
            defer { state.origins[origin] = connections }
            while let last = connections.idle.popLast() {
                if last.isActive { return .use(last) }
                stale.append(last)
                connections.open -= 1
            }
            if connections.open < limit {
                connections.open += 1
                return .connect
            }
            return .wait
        }
        for connection in stale { connection.close() }
        switch step {
        case .use(let connection):
            return connection
        case .connect:
            return try await connect(origin, deadline: deadline)
        case .wait:
            if let given = try await waitForTurn(origin) { return given }
            return try await connect(origin, deadline: deadline)
        }
    }

    /// Opens a connection in a slot already counted in `open`; a failure frees the slot.
    private func connect(_ origin: Origin, deadline: NIODeadline) async throws -> HTTP1Connection {
        let connection: HTTP1Connection
        do {
            connection = try await HTTP1Connection.connect(
                to: origin,
                deadline: deadline,
                idleTimeout: idleTimeout,
                group: group
            )
        } catch {
            freeSlot(origin)
            throw error
        }
        // Closed while idle (its idle time ran out, or the server hung up), it leaves the idle
        // list at once instead of waiting there for the next lease to find it dead.
        connection.channel.closeFuture.whenComplete { [weak self] _ in self?.forget(connection) }
        return connection
    }

    /// Drops a closed connection from the idle list and frees its slot; one that is lent out
    /// is left to ``giveBack(_:reusable:)``, and one that a lease already took off the list is
    /// no longer counted.
    private func forget(_ connection: HTTP1Connection) {
        let origin = connection.origin
        let wasIdle = state.withLock { state in
            guard let index = state.origins[origin]?.idle.firstIndex(where: { $0 === connection }) else { return false }
            state.origins[origin]?.idle.remove(at: index)
            return true
        }
        if wasIdle { freeSlot(origin) }
    }

    /// How many connections to `origin` are idle and how many are open in all (for tests).
    func count(for origin: Origin) -> (idle: Int, open: Int) {
        state.withLock { state in
            (state.origins[origin]?.idle.count ?? 0, state.origins[origin]?.open ?? 0)
        }
    }

    private func waitForTurn(_ origin: Origin) async throws -> HTTP1Connection? {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<HTTP1Connection?, any Error>) in
                let cancelled = state.withLock { state in
                    // Checked under the lock that the cancellation handler takes too, so that a
                    // cancellation either finds the waiter or is seen here.
                    if Task.isCancelled { return true }
                    state.origins[origin, default: Connections()].waiters.append(
                        Waiter(id: id, continuation: continuation)
                    )
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.origins[origin]?.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.origins[origin]?.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func giveBack(_ connection: HTTP1Connection, reusable: Bool) {
        let origin = connection.origin
        guard reusable, connection.isActive else {
            connection.close()
            freeSlot(origin)
            return
        }
        let waiter: Waiter? = state.withLock { state in
            if state.origins[origin]?.waiters.isEmpty == false {
                return state.origins[origin]?.waiters.removeFirst()
            }
            state.origins[origin, default: Connections()].idle.append(connection)
            return nil
        }
        waiter?.continuation.resume(returning: connection)
    }

    /// A connection is gone: the first waiter may open one in its place.
    private func freeSlot(_ origin: Origin) {
        let waiter: Waiter? = state.withLock { state in
            if state.origins[origin]?.waiters.isEmpty == false {
                return state.origins[origin]?.waiters.removeFirst()
            }
            state.origins[origin]?.open -= 1
            return nil
        }
        waiter?.continuation.resume(returning: nil)
    }
}
