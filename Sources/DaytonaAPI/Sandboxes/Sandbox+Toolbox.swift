import Foundation

extension Sandbox {
    /// A client for this sandbox's toolbox, at `TOOLBOX_PROXY_URL/SANDBOX_ID`.
    ///
    /// The proxy's address comes with the sandbox object; when it does not, it is asked for once.
    func toolbox(timeout: Duration?) async throws -> Client {
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
        guard var url = URL(string: proxy), url.scheme != nil else {
            throw DaytonaError(message: "The API gave sandbox \(id) an unusable toolbox address '\(proxy)'")
        }
        url.appendPathComponent(id)
        return client.http.toolbox(baseURL: url, timeout: timeout)
    }
}
