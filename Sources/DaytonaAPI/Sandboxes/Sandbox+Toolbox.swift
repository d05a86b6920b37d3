import Foundation
import Synchronization

extension Sandbox {
    /// A client for this sandbox's toolbox, at `TOOLBOX_PROXY_URL/SANDBOX_ID`.
    ///
    /// The proxy's address comes with the sandbox object; when it does not, it is asked for once.
    func toolbox(timeout: Duration?) async throws -> Client {
        let proxy = try await toolboxProxy()
        return try toolboxClients.client(proxy: proxy, timeout: timeout) {
            client.http.toolbox(baseURL: try toolboxURL(proxy: proxy), timeout: timeout)
        }
    }

    /// Where the direct JSON request for the toolbox's `path` (`process/execute`) goes.
    ///
    /// The parsed address is kept, so a command loop does not parse a URL per call.
    func toolboxTarget(_ path: String) async throws -> JSONTarget {
        let proxy = try await toolboxProxy()
        return try toolboxClients.target(proxy: proxy) {
            try JSONTarget(url: try toolboxURL(proxy: proxy))
        }
        .appending(path)
    }

    /// The address of this sandbox's toolbox, `TOOLBOX_PROXY_URL/SANDBOX_ID`.
    func toolboxURL() async throws -> URL {
        try toolboxURL(proxy: try await toolboxProxy())
    }

    private func toolboxURL(proxy: String) throws -> URL {
        guard var url = URL(string: proxy), url.scheme != nil else {
            throw DaytonaError(message: "The API gave sandbox \(id) an unusable toolbox address '\(proxy)'")
        }
        url.appendPathComponent(id)
        return url
    }

    /// The toolbox proxy's address, from the sandbox object or, when it lacks one, asked once.
    private func toolboxProxy() async throws -> String {
        let proxy: String
        if let known = toolboxProxyURL, !known.isEmpty {
            proxy = known
        } else {
            let http = client.http
            let id = self.id
            proxy = try await http.perform("find the sandbox's toolbox") {
                try await http.api.getToolboxProxyUrl(path: .init(sandboxId: id)).ok.body.json.url
            }
            rememberToolboxProxyURL(proxy)
        }
        return proxy
    }
}

/// The toolbox clients a sandbox has made, by proxy address and request time-out.
///
/// Making a generated client builds a transport, a converter with its JSON coders and the URL;
/// per call that was measurable in the exec benchmark, so each sandbox keeps the few it uses.
/// Time-outs vary per call (a command's own time-out is added), so the cache is small and is
/// emptied when it fills rather than growing with every distinct time-out.
final class ToolboxClients: Sendable {
    private struct Key: Hashable {
        let proxy: String
        let timeout: Duration?
    }

    /// More distinct time-outs than this on one sandbox is unusual; beyond it, start afresh.
    static let capacity = 8

    private let clients = Mutex<[Key: Client]>([:])
    private let directTarget = Mutex<(proxy: String, target: JSONTarget)?>(nil)

    /// The parsed toolbox address for the direct requests, made by `make` when the proxy changes.
    func target(proxy: String, make: () throws -> JSONTarget) throws -> JSONTarget {
        if let known = directTarget.withLock({ $0 }), known.proxy == proxy { return known.target }
        let made = try make()
        directTarget.withLock { $0 = (proxy, made) }
        return made
    }

    /// The cached client for the address and time-out, made by `make` the first time.
    func client(proxy: String, timeout: Duration?, make: () throws -> Client) throws -> Client {
        let key = Key(proxy: proxy, timeout: timeout)
        if let known = clients.withLock({ $0[key] }) { return known }
        let made = try make()
        clients.withLock { clients in
            if clients.count >= Self.capacity { clients.removeAll(keepingCapacity: true) }
            clients[key] = made
        }
        return made
    }
}
