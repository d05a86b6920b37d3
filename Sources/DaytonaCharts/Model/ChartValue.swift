import DaytonaErrors
import DaytonaJSON

/// A coordinate, tick or percentage that is either a number or a string.
///
/// Strings stay strings: an ISO date (`"2024-01-01"`), a category, or a numeric string such as
/// `"4"`, which the seed model keeps as text where a field accepts both.
public enum ChartValue: Sendable, Hashable {
    /// A number; integers on the wire become doubles, as the seed model declares floats.
    case number(Double)
    /// A string, as written.
    case string(String)

    /// The number, or `nil` for a string.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The string, or `nil` for a number.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as JSON.
    public var jsonValue: JSONValue {
        switch self {
        case .number(let value): .double(value)
        case .string(let value): .string(value)
        }
    }
}

extension ChartValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// Creates a number.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// Creates a number.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// Creates a string.
    public init(stringLiteral value: String) { self = .string(value) }
}
