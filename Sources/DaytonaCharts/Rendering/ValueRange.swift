import DaytonaErrors
import DaytonaJSON

/// The smallest and largest finite value seen.
struct ValueRange {
    var lower: Double?
    var upper: Double?

    mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        if let current = lower, current <= value {} else { lower = value }
        if let current = upper, current >= value {} else { upper = value }
    }
}
