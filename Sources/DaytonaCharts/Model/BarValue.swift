import DaytonaErrors
import DaytonaJSON

/// The value of a bar: kept as the wire sent it, an integer, a float or a string such as `"40"`.
public enum BarValue: Sendable, Hashable {
    /// An integer.
    case int(Int)
    /// A float (a Boolean on the wire becomes `1.0` or `0.0`).
    case double(Double)
    /// A string, as written.
    case string(String)

    /// The value as a number, when it is one or is a string that reads as one.
    public var numericValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        case .string(let text): parsePythonFloat(text)
        }
    }

    /// The value as JSON.
    public var jsonValue: JSONValue {
        switch self {
        case .int(let value): .int(value)
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        }
    }
}
