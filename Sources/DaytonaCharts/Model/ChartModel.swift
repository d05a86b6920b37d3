import DaytonaErrors
import DaytonaJSON
import Foundation

/// What every chart has: a kind, a title, elements, an embedded PNG and the fields the model does not know.
///
/// Use it to write code for any concrete chart type; ``Chart`` wraps one of them.
public protocol ChartModel: Sendable, Hashable {
    /// The kind of the chart's elements.
    associatedtype Element: Sendable & Hashable

    /// The chart's kind.
    var type: ChartType { get }
    /// The title, if any.
    var title: String? { get set }
    /// The chart's elements: series, bars, slices, boxes or sub-charts.
    var elements: [Element] { get set }
    /// The figure as base64-encoded PNG, if the producer attached one.
    var png: String? { get set }
    /// Fields the model does not declare, kept in their order with their values as sent.
    var extraFields: JSONObject { get set }

    /// The metadata as JSON, fields in the seed model's order; see ``Chart/jsonValue``.
    var jsonValue: JSONValue { get }
}

extension ChartModel {
    /// The decoded PNG bytes, or `nil` when the chart has no PNG.
    ///
    /// - Throws: ``DaytonaValidationError`` when `png` is not valid base64.
    public var pngData: Data? {
        get throws { try decodePNG(png) }
    }

    /// The metadata dictionary the seed-era Python model's `to_dict()` returns (with corrections C1–C5).
    public func toDict() -> [String: JSONValue] {
        guard case .object(let object) = jsonValue else { return [:] }
        return object.dictionary
    }
}

func decodePNG(_ png: String?) throws -> Data? {
    guard let png else { return nil }
    guard let data = Data(base64Encoded: png) else {
        throw DaytonaValidationError(message: "png: not valid base64")
    }
    return data
}
