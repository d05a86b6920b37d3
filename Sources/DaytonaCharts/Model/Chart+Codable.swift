import DaytonaErrors
import DaytonaJSON

extension Chart: Codable {
    /// Decodes any chart through any `Decoder`, such as `JSONDecoder`.
    ///
    /// The value is read as ``JSONValue`` and then checked with the same rules as
    /// ``init(jsonBytes:)``. To accept `NaN` and `Infinity`, set the decoder's
    /// `nonConformingFloatDecodingStrategy`.
    ///
    /// - Throws: ``DaytonaValidationError`` naming the JSON path of the culprit. Text that is not
    ///   JSON at all fails inside the decoder before this runs, with the decoder's own error.
    public init(from decoder: any Decoder) throws {
        let value: JSONValue
        do {
            value = try JSONValue(from: decoder)
        } catch let error as DecodingError {
            throw DaytonaValidationError(message: "invalid chart: \(Self.describe(error))")
        }
        try self.init(jsonValue: value)
    }

    /// Encodes the chart's metadata (``jsonValue``), which decodes back to an equal chart.
    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }

    private static func describe(_ error: DecodingError) -> String {
        let path: [any CodingKey]
        let reason: String
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
            .keyNotFound(_, let context):
            path = context.codingPath
            reason = context.debugDescription
        @unknown default:
            return String(describing: error)
        }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return "\(text.isEmpty ? "$" : text): \(reason)"
    }
}
