import DaytonaErrors
import DaytonaJSON

/// Series colours: matplotlib's default `tab10` cycle, so renders match the figures users know.
enum Palette {
    static let tab10 = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// The colour of the series at `index`, cycling like matplotlib's property cycle.
    static func color(_ index: Int) -> String {
        tab10[((index % tab10.count) + tab10.count) % tab10.count]
    }
}
