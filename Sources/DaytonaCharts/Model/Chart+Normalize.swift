import DaytonaErrors
import DaytonaJSON

extension Chart {
    /// Normalizes chart JSON the way `daytona-swift chart normalize` does: the chart's ``jsonValue`` as JSON text.
    ///
    /// The output is Python `json.dumps` style, with `NaN`, `Infinity` and `-Infinity` as bare tokens.
    ///
    ///     let text = try Chart.normalize(jsonBytes: Array(#"{"type": "line"}"#.utf8))
    ///
    /// - Throws: ``DaytonaValidationError`` naming the JSON path of the culprit.
    public static func normalize(jsonBytes: some Collection<UInt8>) throws -> [UInt8] {
        try Chart(jsonBytes: jsonBytes).normalizedJSON()
    }

    /// The chart's metadata as JSON text, equal to writing ``jsonValue`` but without building it.
    public func normalizedJSON() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.output
    }

    /// Writes the chart's metadata as JSON text to `sink` in chunks of about a megabyte.
    ///
    /// For very large charts: the text never sits in memory whole. Decode first, so that a bad
    /// input fails before anything is written.
    ///
    /// - Parameter sink: Called with each chunk, in order.
    public func writeNormalizedJSON(to sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var writer = JSONWriter(sink: sink)
        writer.write(self)
        writer.finish()
    }
}
