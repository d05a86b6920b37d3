import DaytonaErrors

/// Converts `mantissa × 10^exponent` to the nearest double with the Eisel–Lemire algorithm.
///
/// Chart data is mostly 16- and 17-digit floats, too long for Clinger's exact fast path, and
/// `strtod` spends most of the reader's time on them. The mantissa must be exact (at most 19
/// digits, none dropped). Returns `nil` where the algorithm does not decide (subnormals,
/// overflow, out-of-table exponents); the caller then uses `strtod`.
package func eiselLemire(mantissa: UInt64, exponent: Int) -> Double? {
    if mantissa == 0 { return 0 }
    guard exponent >= PowersOfFive.smallestExponent, exponent <= PowersOfFive.largestExponent else { return nil }
    let leadingZeros = mantissa.leadingZeroBitCount
    let w = mantissa << UInt64(leadingZeros)
    let index = 2 * (exponent - PowersOfFive.smallestExponent)
    var (high, low) = w.multipliedFullWidth(by: PowersOfFive.table[index])
    // 52 mantissa bits + 3 bits of room: when the bits below them are all ones, add the next word.
    let precisionMask: UInt64 = 0x1FF
    if high & precisionMask == precisionMask {
        let (secondHigh, _) = w.multipliedFullWidth(by: PowersOfFive.table[index + 1])
        let (sum, overflow) = low.addingReportingOverflow(secondHigh)
        low = sum
        if overflow { high &+= 1 }
    }
    let upperBit = Int(high >> 63)
    let shift = UInt64(upperBit + 64 - 52 - 3)
    var significand = high >> shift
    // floor(log2(10^exponent)) + 63, then the bias.
    var power2 = (((152_170 + 65_536) * exponent) >> 16) + 63 + upperBit - leadingZeros + 1023
    if power2 <= 0 { return nil }
    // Exactly halfway between two doubles: round to even (only possible for small exponents).
    if low <= 1, exponent >= -4, exponent <= 23, significand & 3 == 1, (significand << shift) == high {
        significand &= ~1
    }
    significand += significand & 1
    significand >>= 1
    if significand >= (2 << 52) {
        significand = 1 << 52
        power2 += 1
    }
    significand &= ~(1 << 52)
    if power2 >= 0x7FF { return nil }
    return Double(sign: .plus, exponentBitPattern: UInt(power2), significandBitPattern: significand)
}
