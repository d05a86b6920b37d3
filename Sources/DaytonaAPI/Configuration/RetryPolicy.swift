/// When the client sends a failed request again.
///
/// A rate-limited request (429) is sent again after the server's `Retry-After` whatever its
/// method, because the server did not act on it. A 502, 503 or 504 answer, or a refused or
/// dropped connection, is retried only for requests that are safe to repeat (`GET`, `HEAD`,
/// `DELETE`), with exponential back-off. Attempts and the total time spent waiting are bounded;
/// when they run out, the last answer's error is thrown.
///
/// ```swift
/// let patient = RetryPolicy(maximumAttempts: 6, maximumTotalWait: .seconds(120))
/// let never = RetryPolicy.never
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// How many times a request is sent at most, the first time included.
    public var maximumAttempts: Int
    /// The longest a single wait may be; a longer `Retry-After` ends the retries.
    public var maximumWait: Duration
    /// The most time all waits of one request may add up to.
    public var maximumTotalWait: Duration
    /// The first back-off wait for 5xx answers and dropped connections; it doubles each time.
    public var initialBackoff: Duration

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maximumAttempts: Sends at most, the first included (at least 1).
    ///   - maximumWait: The longest single wait.
    ///   - maximumTotalWait: The longest all waits together.
    ///   - initialBackoff: The first back-off wait.
    public init(
        maximumAttempts: Int = 4,
        maximumWait: Duration = .seconds(30),
        maximumTotalWait: Duration = .seconds(60),
        initialBackoff: Duration = .milliseconds(250)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.maximumWait = maximumWait
        self.maximumTotalWait = maximumTotalWait
        self.initialBackoff = initialBackoff
    }

    /// Sends every request once.
    public static let never = RetryPolicy(maximumAttempts: 1)
}
