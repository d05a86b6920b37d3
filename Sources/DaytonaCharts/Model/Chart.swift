import DaytonaErrors
import DaytonaJSON
import Foundation

/// Any chart, decoded into its concrete type.
///
/// Decode chart metadata with `JSONDecoder` or ``init(jsonBytes:)``, then use the common
/// accessors or switch over the kinds to reach the concrete chart:
///
///     let chart = try JSONDecoder().decode(Chart.self, from: data)
///     switch chart {
///     case .line(let line): print(line.elements.count, "series")
///     case .composite(let figure): print(figure.elements.count, "subplots")
///     default: print(chart.type)
///     }
public enum Chart: Sendable, Hashable {
    /// A line chart.
    case line(LineChart)
    /// A scatter chart.
    case scatter(ScatterChart)
    /// A bar chart.
    case bar(BarChart)
    /// A pie chart.
    case pie(PieChart)
    /// A box-and-whisker chart.
    case boxAndWhisker(BoxAndWhiskerChart)
    /// Several charts in one figure.
    case composite(CompositeChart)
    /// A chart of type `unknown`, of no type, or of a type string the package does not know.
    case unknown(UnknownChart)

    /// The concrete chart, for code written against ``ChartModel``.
    public var model: any ChartModel {
        switch self {
        case .line(let chart): chart
        case .scatter(let chart): chart
        case .bar(let chart): chart
        case .pie(let chart): chart
        case .boxAndWhisker(let chart): chart
        case .composite(let chart): chart
        case .unknown(let chart): chart
        }
    }

    /// The chart's kind.
    public var type: ChartType { model.type }

    /// The `type` string as sent: the kind's raw value, or for an unknown chart the original string.
    public var typeName: String {
        if case .unknown(let chart) = self { return chart.typeName }
        return type.rawValue
    }

    /// The title, if any.
    public var title: String? { model.title }

    /// The figure as base64-encoded PNG, if attached.
    public var png: String? { model.png }

    /// The decoded PNG bytes, or `nil` when the chart has no PNG.
    ///
    /// - Throws: ``DaytonaValidationError`` when `png` is not valid base64.
    public var pngData: Data? {
        get throws { try decodePNG(png) }
    }

    /// The fields the model does not declare, as sent.
    public var extraFields: JSONObject { model.extraFields }

    /// The chart as a two-axis chart, when it is one (line, scatter, bar, box and whisker).
    public var chart2D: (any Chart2D)? { model as? any Chart2D }

    /// The chart as a point chart, when it is one (line, scatter).
    public var pointChart: (any PointChart)? { model as? any PointChart }

    /// The metadata as an ordered JSON object: what the seed-era Python `to_dict()` returns, with corrections C1–C5.
    ///
    /// Fields come in the seed model's order with its defaults (a line or scatter chart always
    /// has its four tick lists), `nil` fields are left out and unknown fields follow.
    public var jsonValue: JSONValue { model.jsonValue }

    /// The metadata dictionary; see ``jsonValue`` for the ordered form.
    public func toDict() -> [String: JSONValue] { model.toDict() }
}
