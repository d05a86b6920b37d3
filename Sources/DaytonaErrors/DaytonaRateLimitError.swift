import Foundation

/// The caller exceeded a rate limit (HTTP 429).
///
/// Daytona answers with `Retry-After` and, per limiter, `Retry-After-<name>`,
/// `X-RateLimit-Limit-<name>`, `X-RateLimit-Remaining-<name>` and `X-RateLimit-Reset-<name>`.
/// This type reads them, so a client can wait exactly as long as it must:
///
/// ```swift
/// catch let error as DaytonaRateLimitError {
///     if let delay = error.retryAfter?.delay(from: .now) { try await Task.sleep(for: .seconds(delay)) }
/// }
/// ```
public class DaytonaRateLimitError: DaytonaError, @unchecked Sendable {
    /// When a request may be sent again, as the server expressed it.
    public enum RetryAfter: Sendable, Hashable {
        /// A number of seconds from the moment the response arrived.
        case seconds(Double)
        /// An absolute time (an HTTP date).
        case date(Date)

        /// The time to wait, counted from `now`; never negative.
        public func delay(from now: Date = Date()) -> Double {
            switch self {
            case .seconds(let seconds): return max(0, seconds)
            case .date(let date): return max(0, date.timeIntervalSince(now))
            }
        }
    }

    /// One named limiter's state, read from its `X-RateLimit-*-<name>` headers.
    public struct Limit: Sendable, Hashable {
        /// The limiter's name, in lower case (the header suffix).
        public var name: String
        /// How many requests the window allows.
        public var limit: Int?
        /// How many requests remain in the window.
        public var remaining: Int?
        /// Seconds until the window resets.
        public var reset: Double?
        /// When this limiter allows the next request.
        public var retryAfter: RetryAfter?

        /// Creates a limiter description.
        public init(
            name: String,
            limit: Int? = nil,
            remaining: Int? = nil,
            reset: Double? = nil,
            retryAfter: RetryAfter? = nil
        ) {
            self.name = name
            self.limit = limit
            self.remaining = remaining
            self.reset = reset
            self.retryAfter = retryAfter
        }
    }

    /// The limiters the response described, sorted by name.
    public var limits: [Limit] { Self.limits(in: headers) }

    /// When to retry: the longest wait among `Retry-After` and every `Retry-After-<name>`.
    ///
    /// Waits are compared as delays from `now`; `nil` when the response named none.
    public func retryAfter(now: Date = Date()) -> RetryAfter? {
        var candidates: [RetryAfter] = []
        if let value = headers["Retry-After"], let parsed = Self.parseRetryAfter(value) { candidates.append(parsed) }
        candidates += limits.compactMap(\.retryAfter)
        return candidates.max { $0.delay(from: now) < $1.delay(from: now) }
    }

    /// When to retry, measured from the current time (see ``retryAfter(now:)``).
    public var retryAfter: RetryAfter? { retryAfter(now: Date()) }

    /// Parses a `Retry-After` value: delay seconds or an HTTP date (RFC 9110 IMF-fixdate,
    /// and the obsolete RFC 850 and asctime forms).
    public static func parseRetryAfter(_ value: String) -> RetryAfter? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite { return .seconds(seconds) }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return .date(date) }
        }
        return nil
    }

    package static func limits(in headers: ResponseHeaders) -> [Limit] {
        var byName: [String: Limit] = [:]
        for (rawName, value) in headers {
            let name = rawName.lowercased()
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            func update(_ prefix: String, _ apply: (inout Limit) -> Void) -> Bool {
                guard name.hasPrefix(prefix), name.count > prefix.count else { return false }
                let limiter = String(name.dropFirst(prefix.count))
                var limit = byName[limiter] ?? Limit(name: limiter)
                apply(&limit)
                byName[limiter] = limit
                return true
            }
            _ =
                update("retry-after-") { $0.retryAfter = parseRetryAfter(trimmed) }
                || update("x-ratelimit-limit-") { $0.limit = Int(trimmed) }
                || update("x-ratelimit-remaining-") { $0.remaining = Int(trimmed) }
                || update("x-ratelimit-reset-") { $0.reset = Double(trimmed) }
        }
        return byName.values.sorted { $0.name < $1.name }
    }
}
