import DaytonaErrors
import DaytonaJSON

/// Fits text into a width: shortened with `…`, or wrapped over lines.
///
/// Every step is one pass over the text. Text comes from sandbox code and may be any length; nothing here measures a prefix twice.
enum TextLayout {
    static let ellipsis = "\u{2026}"

    /// The text, cut at a character boundary and ended with `…` when it is wider than `maxWidth`.
    static func fit(_ text: RichText, maxWidth: Double, size: Double, bold: Bool = false) -> RichText {
        fitted(text, maxWidth: maxWidth, size: size, bold: bold).text
    }

    /// The fitted text and whether it had to be shortened.
    static func fitted(
        _ text: RichText,
        maxWidth: Double,
        size: Double,
        bold: Bool = false
    ) -> (text: RichText, shortened: Bool) {
        guard overflows(text, maxWidth: maxWidth, size: size, bold: bold) else { return (text, false) }
        var result = RichText()
        var used = 0.0
        let ellipsisWidth = TextMetrics.width(of: ellipsis, size: size, bold: bold)
        let limit = maxWidth - ellipsisWidth
        outer: for run in text.runs {
            var kept = String.UnicodeScalarView()
            let runSize = size * run.shift.scale
            for scalar in run.text.unicodeScalars {
                let advance = TextMetrics.advance(scalar, bold: bold) * runSize
                if used + advance > limit {
                    result.append(String(kept), shift: run.shift)
                    break outer
                }
                used += advance
                kept.append(scalar)
            }
            result.append(String(kept), shift: run.shift)
        }
        guard ellipsisWidth <= maxWidth else { return (RichText(), true) }
        result = trimmedTrailingSpaces(result)
        result.append(ellipsis, shift: .baseline)
        return (result, true)
    }

    /// The text over at most `maxLines` lines no wider than `maxWidth`, broken at spaces where it can be.
    ///
    /// The last line is shortened with `…` when the text does not fit. A line break in the text starts a new line.
    static func wrap(
        _ source: String,
        maxWidth: Double,
        size: Double,
        bold: Bool = false,
        maxLines: Int = 2
    ) -> [RichText] {
        var lines: [RichText] = []
        var paragraphs = source.split(separator: "\n", omittingEmptySubsequences: true)[...]
        while let paragraph = paragraphs.popFirst(), lines.count < maxLines {
            var rest = MathText.parse(String(paragraph))
            while !rest.isEmpty {
                if lines.count == maxLines - 1 {
                    // The last line takes what is left, the other paragraphs too.
                    for more in paragraphs {
                        rest.append(" ", shift: .baseline)
                        rest.append(MathText.parse(String(more)))
                    }
                    paragraphs = []
                    lines.append(fit(rest, maxWidth: maxWidth, size: size, bold: bold))
                    break
                }
                let (line, remainder) = breakLine(rest, maxWidth: maxWidth, size: size, bold: bold)
                lines.append(line)
                rest = remainder
            }
        }
        return lines.filter { !$0.isEmpty }
    }

    /// The longest first line that fits, ending at a space when there is one, and the rest without leading spaces.
    static func breakLine(
        _ text: RichText,
        maxWidth: Double,
        size: Double,
        bold: Bool = false
    ) -> (line: RichText, rest: RichText) {
        // Flatten once: the scalars with their runs' shifts.
        var scalars: [Unicode.Scalar] = []
        var shifts: [RichText.Shift] = []
        for run in text.runs {
            for scalar in run.text.unicodeScalars {
                scalars.append(scalar)
                shifts.append(run.shift)
            }
        }
        var used = 0.0
        var lastSpace: Int?
        var end = scalars.count
        for index in scalars.indices {
            let advance = TextMetrics.advance(scalars[index], bold: bold) * size * shifts[index].scale
            if used + advance > maxWidth && index > 0 {
                end = index
                break
            }
            if scalars[index] == " " { lastSpace = index }
            used += advance
        }
        guard end < scalars.count else { return (text, RichText()) }
        var breakAt = end
        var restStart = end
        if scalars[end] == " " {
            restStart = end
        } else if let space = lastSpace, space > 0 {
            breakAt = space
            restStart = space
        }
        while restStart < scalars.count && scalars[restStart] == " " { restStart += 1 }
        return (
            trimmedTrailingSpaces(rich(scalars, shifts, 0..<breakAt)),
            rich(scalars, shifts, restStart..<scalars.count)
        )
    }

    /// Whether the text is wider than `maxWidth`; reads no further than the first character that overflows.
    static func overflows(_ text: RichText, maxWidth: Double, size: Double, bold: Bool = false) -> Bool {
        var used = 0.0
        for run in text.runs {
            let runSize = size * run.shift.scale
            for scalar in run.text.unicodeScalars {
                used += TextMetrics.advance(scalar, bold: bold) * runSize
                if used > maxWidth + 1e-9 { return true }
            }
        }
        return false
    }

    private static func rich(
        _ scalars: [Unicode.Scalar],
        _ shifts: [RichText.Shift],
        _ range: Range<Int>
    ) -> RichText {
        var result = RichText()
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound && shifts[end] == shifts[start] { end += 1 }
            result.append(String(String.UnicodeScalarView(scalars[start..<end])), shift: shifts[start])
            start = end
        }
        return result
    }

    private static func trimmedTrailingSpaces(_ text: RichText) -> RichText {
        var runs = text.runs
        while var last = runs.last {
            var scalars = last.text.unicodeScalars[...]
            while scalars.last == " " { scalars = scalars.dropLast() }
            if scalars.isEmpty {
                runs.removeLast()
                continue
            }
            last.text = String(String.UnicodeScalarView(scalars))
            runs[runs.count - 1] = last
            break
        }
        return RichText(runs: runs)
    }
}
