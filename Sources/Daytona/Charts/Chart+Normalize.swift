extension Chart {
    /// Normalizes chart JSON the way `daytona-swift chart normalize` does: the chart's ``toJSONValue()`` as JSON text.
    ///
    /// The output is Python `json.dumps` style, with `NaN`, `Infinity` and `-Infinity` as bare tokens.
    ///
    ///     let text = try Chart.normalize(jsonBytes: Array(#"{"type": "line"}"#.utf8))
    ///
    /// - Throws: ``DaytonaValidationError`` naming the JSON path of the culprit.
    public static func normalize(jsonBytes: some Collection<UInt8>) throws -> [UInt8] {
        // Scoped so the input tree is released before the output is built; this keeps peak memory low.
        let normalized = try Chart(jsonBytes: jsonBytes).toJSONValue()
        return normalized.jsonBytes
    }
}
