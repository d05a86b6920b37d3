import DaytonaErrors
import DaytonaJSON

/// How an axis's tick labels are drawn: which are shown, their text as it fits, and the turn of the x labels.
///
/// Labels never overlap and never leave the frame: x labels that do not fit side by side are
/// turned 45° (text labels such as categories and dates) or thinned (numbers, which must never be
/// shortened); labels still too long are shortened with `…`.
struct TickLabels {
    struct Label {
        /// The tick's position along the axis, in pixels.
        let position: Double
        let text: RichText
    }

    /// The labels shown, in axis order.
    var shown: [Label] = []
    /// The turn of the labels in degrees (SVG's sense): 0, or −45 for x labels that run down to the left.
    var rotation = 0.0
    /// How far the labels reach from the axis: their height below an x axis, their width left of a y axis.
    var extent = 0.0
    /// How much more room left of the frame turned labels would need to be shown whole.
    var leftShortfall = 0.0

    /// The sine and cosine of 45°.
    static let diagonal = 0.5.squareRoot()

    /// Whether the labels are numbers (or empty), which are thinned rather than shortened.
    static func areNumbers(_ labels: [String]) -> Bool {
        labels.allSatisfy { $0.isEmpty || TickFormat.number(in: $0) != nil }
    }

    /// Whether a label reads as a date or time, which is turned or thinned but not shortened.
    static func isDateLike(_ label: String) -> Bool {
        !label.isEmpty && label.unicodeScalars.allSatisfy { "0123456789-:/. T\u{2212}".unicodeScalars.contains($0) }
    }

    /// Lays out x tick labels below the ticks at `positions`.
    ///
    /// - Parameters:
    ///   - frame: The frame no label may leave.
    ///   - maxHeight: The most the labels may reach below the axis.
    static func horizontalAxis(
        labels: [String],
        positions: [Double],
        frame: RenderRect,
        size: Double,
        maxHeight: Double
    ) -> TickLabels {
        let texts = labels.map { MathText.parse($0) }
        let widths = texts.map { $0.width(size: size) }
        let gap = size * 0.6
        var layout = TickLabels()
        layout.extent = size * 1.25
        func fitsSideBySide(every: Int, widths: [Double]) -> Bool {
            var previous: Int?
            for index in stride(from: 0, to: texts.count, by: every) where widths[index] > 0 {
                let half = widths[index] / 2
                guard positions[index] - half >= frame.x + 1, positions[index] + half <= frame.maxX - 1 else {
                    return false
                }
                if let previous, (widths[previous] + widths[index]) / 2 + gap > positions[index] - positions[previous] {
                    return false
                }
                previous = index
            }
            return true
        }
        if fitsSideBySide(every: 1, widths: widths) {
            layout.shown = zip(positions, texts).map { Label(position: $0, text: $1) }
            return layout
        }
        if areNumbers(labels) {
            // Numbers keep every digit: show every n-th.
            let every = (2...Swift.max(2, texts.count)).first { fitsSideBySide(every: $0, widths: widths) }
            guard let every else { return layout }
            layout.shown = stride(from: 0, to: texts.count, by: every).map {
                Label(position: positions[$0], text: texts[$0])
            }
            return layout
        }
        // Shortened side by side, when each label keeps most of its text.
        let room = positions.indices.map { index -> Double in
            let left = index > 0 ? positions[index] - positions[index - 1] : 2 * (positions[index] - frame.x)
            let right =
                index + 1 < positions.count
                ? positions[index + 1] - positions[index] : 2 * (frame.maxX - positions[index])
            return Swift.max(
                0,
                Swift.min(left, right, 2 * (positions[index] - frame.x), 2 * (frame.maxX - positions[index])) - gap
            )
        }
        let keepsMost = texts.indices.allSatisfy { room[$0] >= widths[$0] * 0.75 && room[$0] >= size * 3 }
        if keepsMost && !labels.contains(where: isDateLike) {
            layout.shown = texts.indices.map { index in
                Label(position: positions[index], text: TextLayout.fit(texts[index], maxWidth: room[index], size: size))
            }
            return layout
        }
        return turned(texts: texts, positions: positions, frame: frame, size: size, maxHeight: maxHeight)
    }

    /// Labels turned 45°, running down to the left of their ticks; every n-th when even they would touch.
    private static func turned(
        texts: [RichText],
        positions: [Double],
        frame: RenderRect,
        size: Double,
        maxHeight: Double
    ) -> TickLabels {
        var layout = TickLabels()
        layout.rotation = -45
        let lineHeight = size * 1.2
        let spacing = zip(positions.dropFirst(), positions).map { $0 - $1 }.min() ?? .infinity
        let every =
            spacing.isFinite ? Swift.max(1, Int((lineHeight / diagonal / Swift.max(spacing, 1e-9)).rounded(.up))) : 1
        // The label's top corner sits 0.6 em below the tick; its length runs down at 45°.
        let drop = size * 0.6
        let maxLength = Swift.max(size * 2, (maxHeight - drop - size * 0.3) / diagonal)
        var longest = 0.0
        for index in stride(from: 0, to: texts.count, by: every) {
            let leftRoom = (positions[index] - frame.x - size * 0.6) / diagonal
            let wanted = Swift.min(maxLength, texts[index].width(size: size))
            layout.leftShortfall = Swift.max(layout.leftShortfall, (wanted - leftRoom) * diagonal)
            let fitted = TextLayout.fit(
                texts[index],
                maxWidth: Swift.max(0, Swift.min(maxLength, leftRoom)),
                size: size
            )
            guard !fitted.isEmpty else { continue }
            longest = Swift.max(longest, fitted.width(size: size))
            layout.shown.append(Label(position: positions[index], text: fitted))
        }
        layout.extent = drop + longest * diagonal + size * 0.5
        return layout
    }

    /// Lays out y tick labels left of the ticks at `positions` (top to bottom or bottom to top);
    /// without positions, only measures them.
    ///
    /// - Parameter maxWidth: The widest a text label may be; numbers may be half as wide again before they are shortened.
    static func verticalAxis(labels: [String], positions: [Double], size: Double, maxWidth: Double) -> TickLabels {
        let limit = areNumbers(labels) ? maxWidth * 1.5 : maxWidth
        let texts = labels.map { TextLayout.fit(MathText.parse($0), maxWidth: limit, size: size) }
        var layout = TickLabels()
        layout.extent = texts.map { $0.width(size: size) }.max() ?? 0
        guard positions.count == texts.count else { return layout }
        let spacing = zip(positions.dropFirst(), positions).map { abs($0 - $1) }.min() ?? .infinity
        let every = spacing.isFinite ? Swift.max(1, Int((size * 1.25 / Swift.max(spacing, 1e-9)).rounded(.up))) : 1
        layout.shown = stride(from: 0, to: texts.count, by: every).map {
            Label(position: positions[$0], text: texts[$0])
        }
        return layout
    }
}
