import DaytonaErrors
import DaytonaJSON

/// Text as it is drawn: runs of characters on the baseline, raised (superscripts) or lowered (subscripts).
struct RichText: Equatable {
    /// Where a run sits.
    enum Shift: Equatable {
        case baseline
        case raised
        case lowered

        /// The size of a raised or lowered run relative to the text's size.
        var scale: Double { self == .baseline ? 1 : 0.7 }
        /// How far the run's baseline sits above the text's, in ems of the text's size.
        var rise: Double {
            switch self {
            case .baseline: 0
            case .raised: 0.38
            case .lowered: -0.2
            }
        }
    }

    struct Run: Equatable {
        var text: String
        var shift: Shift
    }

    private(set) var runs: [Run] = []

    init() {}

    /// Plain text on the baseline; characters XML cannot hold are dropped, line breaks become spaces.
    init(plain text: String) {
        append(XMLText.clean(text), shift: .baseline)
    }

    init(runs: [Run]) {
        for run in runs { append(run.text, shift: run.shift) }
    }

    /// The characters without their shifts, as a screen reader or a number parser would read them.
    var plain: String { runs.map(\.text).joined() }

    var isEmpty: Bool { runs.isEmpty }

    /// Whether every run sits on the baseline.
    var isFlat: Bool { runs.allSatisfy { $0.shift == .baseline } }

    /// Appends text, joining it to the last run when that has the same shift.
    mutating func append(_ text: String, shift: Shift) {
        guard !text.isEmpty else { return }
        if let last = runs.indices.last, runs[last].shift == shift {
            runs[last].text += text
        } else {
            runs.append(Run(text: text, shift: shift))
        }
    }

    mutating func append(_ other: RichText) {
        for run in other.runs { append(run.text, shift: run.shift) }
    }

    /// The drawn width at `size`.
    func width(size: Double, bold: Bool = false) -> Double {
        runs.reduce(0) { $0 + TextMetrics.width(of: $1.text, size: size * $1.shift.scale, bold: bold) }
    }
}

extension RichText: ExpressibleByStringLiteral {
    init(stringLiteral value: String) { self.init(plain: value) }
}
