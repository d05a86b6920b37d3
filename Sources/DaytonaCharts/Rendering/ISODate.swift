import DaytonaErrors
import DaytonaJSON
import Foundation

/// Dates as matplotlib counts them on a datetime axis: days since 1970-01-01 UTC.
///
/// The parser is hand-written because a million ISO stamps must parse in well under a second,
/// which `ISO8601DateFormatter` cannot do.
enum ISODate {
    /// Days since the epoch for `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:]MM]`, or `nil` for anything else.
    static func days(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(Array($0)[...]) }
    }

    private static func parse(_ bytes: ArraySlice<UInt8>) -> Double? {
        var scanner = ISOScanner(rest: bytes)
        guard let year = scanner.number(4), scanner.skip(0x2D), let month = scanner.number(2), scanner.skip(0x2D),
            let day = scanner.number(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = 0.0
        if scanner.rest.first == 0x54 || scanner.rest.first == 0x20 {
            scanner.rest.removeFirst()
            guard let time = scanner.timeOfDay() else { return nil }
            seconds = time
        }
        guard scanner.rest.isEmpty else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) + seconds / 86400
    }

    /// Howard Hinnant's days-from-civil: exact for the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date of a day number.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Ticks at calendar boundaries (years, months, days, hours, minutes) with labels that fit the span.
    static func ticks(lower: Double, upper: Double) -> [(value: Double, label: String)] {
        // Beyond ±100,000 years the calendar arithmetic would overflow, and no real chart goes there.
        guard lower.isFinite, upper.isFinite, upper > lower, abs(lower) < 4e7, abs(upper) < 4e7 else { return [] }
        let span = upper - lower
        if span >= 3 * 365 { return yearTicks(lower: lower, upper: upper) }
        if span >= 60 { return monthTicks(lower: lower, upper: upper) }
        return clockTicks(lower: lower, upper: upper)
    }

    /// Ticks on the first of January of round years.
    private static func yearTicks(lower: Double, upper: Double) -> [(value: Double, label: String)] {
        let first = civil(fromDays: Int(floor(lower))).year
        let last = civil(fromDays: Int(floor(upper))).year
        let step = Swift.max(1, Int(NiceTicks.niceStep(Double(last - first + 1) / 6).rounded(.up)))
        return stride(from: (first / step) * step, through: last, by: step).compactMap { year in
            let value = Double(daysFromCivil(year: year, month: 1, day: 1))
            return value >= lower && value <= upper ? (value, String(year)) : nil
        }
    }

    /// Ticks on the first of every month, or of every second, third, fourth, sixth or twelfth month.
    private static func monthTicks(lower: Double, upper: Double) -> [(value: Double, label: String)] {
        let start = civil(fromDays: Int(floor(lower)))
        let months = Int((upper - lower) / 30.44)
        let step = [1, 2, 3, 4, 6, 12].first { months / $0 <= 7 } ?? 12
        var result: [(Double, String)] = []
        var index = start.year * 12 + (start.month - 1)
        index = (index / step) * step
        while result.count < 40 {
            let year = index / 12
            let month = index % 12 + 1
            let value = Double(daysFromCivil(year: year, month: month, day: 1))
            if value > upper { break }
            if value >= lower { result.append((value, "\(year)-\(pad(month))")) }
            index += step
        }
        return result
    }

    /// Ticks at round days, hours or minutes, for spans under two months.
    private static func clockTicks(lower: Double, upper: Double) -> [(value: Double, label: String)] {
        let span = upper - lower
        let steps: [Double] = [
            1.0 / 1440, 2.0 / 1440, 5.0 / 1440, 10.0 / 1440, 15.0 / 1440, 30.0 / 1440, 1.0 / 24, 2.0 / 24, 3.0 / 24,
            6.0 / 24, 12.0 / 24, 1, 2, 7, 14,
        ]
        let step = steps.first { span / $0 <= 7 } ?? 14
        var result: [(Double, String)] = []
        var value = (lower / step).rounded(.up) * step
        while value <= upper + step * 1e-9 && result.count < 40 {
            let dayNumber = Int(floor(value + 1e-9))
            let date = civil(fromDays: dayNumber)
            let minutes = Int(((value - Double(dayNumber)) * 1440).rounded())
            let clock = "\(pad(minutes / 60)):\(pad(minutes % 60))"
            let label: String
            if step >= 1 {
                label = "\(date.year)-\(pad(date.month))-\(pad(date.day))"
            } else if span > 1 {
                label = "\(pad(date.month))-\(pad(date.day)) \(clock)"
            } else {
                label = clock
            }
            result.append((value, label))
            value += step
        }
        return result
    }

    /// Two digits for months, days, hours and minutes.
    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Reads the bytes of an ISO date from the front.
private struct ISOScanner {
    var rest: ArraySlice<UInt8>

    /// Reads exactly `digits` decimal digits.
    mutating func number(_ digits: Int) -> Int? {
        guard rest.count >= digits else { return nil }
        var value = 0
        for _ in 0..<digits {
            guard let byte = rest.first, byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            rest.removeFirst()
        }
        return value
    }

    /// Skips `byte` when it comes next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard rest.first == byte else { return false }
        rest.removeFirst()
        return true
    }

    /// `HH:MM[:SS[.fff]][Z|±HH[:]MM]` as seconds since midnight UTC.
    mutating func timeOfDay() -> Double? {
        guard let hour = number(2), hour < 25, skip(0x3A), let minute = number(2), minute < 60 else { return nil }
        var seconds = Double(hour * 3600 + minute * 60)
        if skip(0x3A) {
            guard let second = number(2), second < 61 else { return nil }
            seconds += Double(second)
            if skip(0x2E) {
                var scale = 0.1
                while let byte = rest.first, byte >= 0x30, byte <= 0x39 {
                    seconds += Double(byte - 0x30) * scale
                    scale /= 10
                    rest.removeFirst()
                }
            }
        }
        guard let offset = utcOffset() else { return nil }
        return seconds - offset
    }

    /// The seconds a `Z` or `±HH[:]MM` suffix puts the time ahead of UTC; 0 for none, `nil` when malformed.
    mutating func utcOffset() -> Double? {
        if skip(0x5A) { return 0 }
        guard let sign = rest.first, sign == 0x2B || sign == 0x2D else { return 0 }
        rest.removeFirst()
        guard let offsetHours = number(2) else { return nil }
        _ = skip(0x3A)
        let offsetMinutes = number(2) ?? 0
        let offset = Double(offsetHours * 3600 + offsetMinutes * 60)
        return sign == 0x2B ? offset : -offset
    }
}
