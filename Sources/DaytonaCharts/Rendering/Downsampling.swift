import DaytonaErrors
import DaytonaJSON

/// Reduces series with more points than pixels before they are drawn.
///
/// The line reducer keeps, for every pixel column a run of points crosses, the first, lowest,
/// highest and last point (the M4 scheme). Every vertical extent and every column transition
/// survives, so at the chosen size the reduced line covers exactly the pixels the full one does,
/// and the series' extremes are always kept.
enum Downsampling {
    /// The indices to draw of a line in pixel coordinates, in order; non-finite points (gaps) are kept once each.
    static func minMaxIndices(xs: [Double], ys: [Double], columnWidth: Double = 1) -> [Int] {
        let count = Swift.min(xs.count, ys.count)
        var keep: [Int] = []
        keep.reserveCapacity(Swift.min(count, 8192))
        var run = ColumnRun()
        for index in 0..<count {
            let x = xs[index]
            guard x.isFinite, ys[index].isFinite else {
                run.close(into: &keep)
                // One gap marker breaks the path; a run of them says nothing more.
                if let previous = keep.last, !(xs[previous].isFinite && ys[previous].isFinite) { continue }
                keep.append(index)
                continue
            }
            let column = Int((Swift.min(Swift.max(x / columnWidth, -1e15), 1e15)).rounded(.down))
            run.add(index, column: column, ys: ys, closingInto: &keep)
        }
        run.close(into: &keep)
        return keep
    }

    /// The indices of the first point in each `cell`-sized square, for scatter charts with more points than pixels.
    ///
    /// Markers that land in an occupied square would be hidden under the one already there.
    static func distinctCellIndices(xs: [Double], ys: [Double], cell: Double) -> [Int] {
        var seen = Set<Int64>()
        var keep: [Int] = []
        for index in 0..<Swift.min(xs.count, ys.count) {
            let x = xs[index]
            let y = ys[index]
            guard x.isFinite, y.isFinite else { continue }
            let column = Int64(Swift.min(Swift.max(x / cell, -1e9), 1e9).rounded(.down))
            let row = Int64(Swift.min(Swift.max(y / cell, -1e9), 1e9).rounded(.down))
            if seen.insert(column &* 4_000_000_037 &+ row).inserted { keep.append(index) }
        }
        return keep
    }
}

/// The points of a line that fall in one pixel column: the first, the lowest, the highest and the last.
private struct ColumnRun {
    private var column = Int.min
    private var first = -1
    private var lowest = -1
    private var highest = -1
    private var last = -1

    /// Adds the point at `index`; a point in a new column closes the run first.
    mutating func add(_ index: Int, column current: Int, ys: [Double], closingInto keep: inout [Int]) {
        if current != column {
            close(into: &keep)
            column = current
            first = index
            lowest = index
            highest = index
            last = index
        } else {
            if ys[index] < ys[lowest] { lowest = index }
            if ys[index] > ys[highest] { highest = index }
            last = index
        }
    }

    /// Appends the run's points in order, each once, and starts afresh.
    mutating func close(into keep: inout [Int]) {
        column = Int.min
        guard first >= 0 else { return }
        var picked = [first, lowest, highest, last]
        picked.sort()
        for index in picked where keep.last != index { keep.append(index) }
        first = -1
    }
}
