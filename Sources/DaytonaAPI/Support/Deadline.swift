/// The moment a wait must end, from a caller's time-out (`.zero`: no end).
struct Deadline: Sendable {
    let timeout: Duration
    let end: ContinuousClock.Instant?

    init(_ timeout: Duration) throws {
        guard timeout >= .zero else {
            throw DaytonaBadRequestError(message: "Timeout must be a non-negative number")
        }
        self.timeout = timeout
        end = timeout == .zero ? nil : ContinuousClock.now + timeout
    }

    /// Time left; `nil` when there is no end.
    var remaining: Duration? { end.map { max(.zero, $0 - ContinuousClock.now) } }

    var hasPassed: Bool { end.map { ContinuousClock.now >= $0 } ?? false }

    /// The time-out as people write it: `60 s`, `1.5 s`.
    var text: String {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return seconds.rounded() == seconds ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
