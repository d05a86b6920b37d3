import Foundation

extension Sandbox {
    /// Reads the sandbox's state, labels and the rest again from the API.
    public func refresh() async throws {
        update(try await client.record(of: id, operation: "refresh sandbox"))
    }

    /// Starts the sandbox and returns once it is started.
    ///
    /// - Parameter timeout: How long to wait; `.zero` waits as long as it takes.
    /// - Throws: ``DaytonaTimeoutError`` naming the sandbox and the state it was left in when the
    ///   wait runs out; a `DaytonaError` with the server's reason for an error state.
    public func start(timeout: Duration = .seconds(60)) async throws {
        let deadline = try Deadline(timeout)
        let http = client.http
        let id = self.id
        update(
            try await http.perform("start sandbox") {
                try APIObject(
                    wire: try await http.api.startSandbox(path: .init(sandboxIdOrName: id)).ok.body.json,
                    kind: "sandbox"
                )
            }
        )
        try await waitUntil([.started], deadline: deadline, awaiting: "start")
    }

    /// Stops the sandbox and returns once it is stopped.
    ///
    /// - Parameter timeout: How long to wait; `.zero` waits as long as it takes.
    public func stop(timeout: Duration = .seconds(60)) async throws {
        let deadline = try Deadline(timeout)
        let http = client.http
        let id = self.id
        _ = try await http.perform("stop sandbox") {
            try await http.api.stopSandbox(path: .init(sandboxIdOrName: id)).ok
        }
        try await refresh()
        // An ephemeral sandbox is deleted when it stops, which ends the wait as well.
        try await waitUntil([.stopped, .destroyed], deadline: deadline, awaiting: "stop")
    }

    /// Deletes the sandbox; returns once the API has accepted the deletion.
    public func delete() async throws {
        let http = client.http
        let id = self.id
        _ = try await http.perform("delete sandbox") {
            try await http.api.deleteSandbox(path: .init(sandboxIdOrName: id)).ok
        }
    }

    /// Polls until the sandbox is in one of `targets` (see ``Poller``).
    ///
    /// An error state (`error`, `build_failed`) ends the wait with the server's reason.
    func waitUntil(_ targets: Set<SandboxState>, deadline: Deadline, awaiting verb: String) async throws {
        var poller = Poller(deadline: deadline)
        while true {
            let state = self.state
            if targets.contains(state) { return }
            if state == .error || state == .buildFailed {
                throw DaytonaError(
                    message:
                        "Failed to \(verb) sandbox: sandbox \(name) entered state \(state), error reason: \(errorReason ?? "none given")"
                )
            }
            if state == .destroyed {
                throw DaytonaError(message: "Failed to \(verb) sandbox: sandbox \(name) was destroyed")
            }
            try await poller.pause {
                let awaited = targets.map(\.rawValue).sorted().joined(separator: " or ")
                return DaytonaTimeoutError(
                    message:
                        "Sandbox \(name) did not become \(awaited) within \(deadline.text) (its state is \(state)); waiting for it to \(verb) timed out"
                )
            }
            try await refresh()
        }
    }
}

extension Sandbox {
    /// The log of the image build a sandbox created from an image goes through; it ends when the
    /// build does.
    public func buildLogs() -> BuildLogs {
        let http = client.http
        let id = self.id
        return BuildLogs(
            http: http,
            locate: { try await http.api.getBuildLogsUrl(path: .init(sandboxIdOrName: id)).ok.body.json.url },
            operation: "read the build log of sandbox \(name)"
        )
    }
}
