import Foundation

@testable import DaytonaCharts
@testable import DaytonaJSON

/// Decodes a chart from JSON text with the package's reader.
func chart(_ text: String) throws -> Chart {
    try Chart(jsonBytes: Array(text.utf8))
}

/// Decodes a chart with Foundation's JSONDecoder, NaN tokens allowed.
func decodedWithJSONDecoder(_ text: String) throws -> Chart {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
        positiveInfinity: "Infinity",
        negativeInfinity: "-Infinity",
        nan: "NaN"
    )
    return try decoder.decode(Chart.self, from: Data(text.utf8))
}
