/// The cadence of every wait for a state, as the Python SDK's polling mode keeps it: every
/// 100 ms, slowing by a tenth per poll after five seconds, to at most once a second.
struct Poller {
    let deadline: Deadline
    private let began = ContinuousClock.now
    private var interval = Duration.milliseconds(100)

    init(deadline: Deadline) { self.deadline = deadline }

    /// Sleeps until the next poll is due; throws `timeout()` instead when the deadline has passed.
    mutating func pause(orThrow timeout: () -> any Error) async throws {
        if let remaining = deadline.remaining {
            if remaining == .zero { throw timeout() }
            try await Task.sleep(for: min(interval, remaining))
        } else {
            try await Task.sleep(for: interval)
        }
        if ContinuousClock.now - began > .seconds(5) { interval = min(interval * 1.1, .seconds(1)) }
    }
}
