import DaytonaErrors
import DaytonaJSON

/// Not API: what the two-axis charts store; use the charts' own properties.
///
/// ``LineChart``, ``ScatterChart``, ``BarChart`` and ``BoxAndWhiskerChart`` keep their fields
/// here. The type is public in name only; its fields and initializer are internal. Swift lets
/// distinct public types share the code of their public properties only through a protocol with
/// public requirements (``_TwoAxisChartStorageBacked``), and this is what that protocol hands over.
public struct _TwoAxisChartStorage<Element: Sendable & Hashable>: Sendable, Hashable {
    var title: String?
    var elements: [Element] = []
    var png: String?
    var xLabel: String?
    var yLabel: String?
    var fields = TickAndExtraFields()
}

/// Not API: the two-axis charts' shared implementation of their properties.
///
/// Do not conform types of your own; use ``Chart2D`` or ``PointChart`` to write code for any such chart.
public protocol _TwoAxisChartStorageBacked: Chart2D {
    /// The kind of the chart's elements, inferred from the storage.
    associatedtype Element
    /// The chart's fields; read and write them through the chart's properties.
    var _storage: _TwoAxisChartStorage<Element> { get set }
    /// Creates an empty chart.
    init()
}

extension _TwoAxisChartStorageBacked {
    /// Creates a chart.
    ///
    /// - Parameter extraFields: Fields the model does not declare. A tick or scale key among them
    ///   (`x_ticks`, `y_scale`, …) sets that field when its argument here leaves it empty.
    public init(
        title: String? = nil,
        elements: [Element] = [],
        png: String? = nil,
        xLabel: String? = nil,
        yLabel: String? = nil,
        xTicks: [ChartValue] = [],
        xTickLabels: [String] = [],
        xScale: String? = nil,
        yTicks: [ChartValue] = [],
        yTickLabels: [String] = [],
        yScale: String? = nil,
        extraFields: JSONObject = JSONObject()
    ) {
        self.init()
        self.title = title
        self.elements = elements
        self.png = png
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xTicks = xTicks
        self.xTickLabels = xTickLabels
        self.xScale = xScale
        self.yTicks = yTicks
        self.yTickLabels = yTickLabels
        self.yScale = yScale
        self.extraFields = extraFields
    }

    /// The title, if any.
    public var title: String? {
        get { _storage.title }
        set { _storage.title = newValue }
    }

    /// The chart's elements: a line or scatter chart's series, a bar chart's bars, a box chart's boxes.
    public var elements: [Element] {
        get { _storage.elements }
        _modify { yield &_storage.elements }
    }

    /// The figure as base64-encoded PNG, if attached.
    public var png: String? {
        get { _storage.png }
        set { _storage.png = newValue }
    }

    /// The x-axis label, if any.
    public var xLabel: String? {
        get { _storage.xLabel }
        set { _storage.xLabel = newValue }
    }

    /// The y-axis label, if any.
    public var yLabel: String? {
        get { _storage.yLabel }
        set { _storage.yLabel = newValue }
    }

    /// The x-axis tick positions: numbers, or strings such as ISO dates.
    public var xTicks: [ChartValue] {
        get { _storage.fields[ticks: "x_ticks"] }
        set { _storage.fields[ticks: "x_ticks"] = newValue }
    }

    /// The x-axis tick labels.
    public var xTickLabels: [String] {
        get { _storage.fields[labels: "x_tick_labels"] }
        set { _storage.fields[labels: "x_tick_labels"] = newValue }
    }

    /// The x-axis scale (`"linear"`, `"log"`, `"datetime"`, `"categorical"`…), if known.
    public var xScale: String? {
        get { _storage.fields[scale: "x_scale"] }
        set { _storage.fields[scale: "x_scale"] = newValue }
    }

    /// The y-axis tick positions.
    public var yTicks: [ChartValue] {
        get { _storage.fields[ticks: "y_ticks"] }
        set { _storage.fields[ticks: "y_ticks"] = newValue }
    }

    /// The y-axis tick labels.
    public var yTickLabels: [String] {
        get { _storage.fields[labels: "y_tick_labels"] }
        set { _storage.fields[labels: "y_tick_labels"] = newValue }
    }

    /// The y-axis scale, if known.
    public var yScale: String? {
        get { _storage.fields[scale: "y_scale"] }
        set { _storage.fields[scale: "y_scale"] = newValue }
    }

    /// Fields the model does not declare, in their order with their values as sent.
    public var extraFields: JSONObject {
        get { _storage.fields.extraFields }
        set { _storage.fields.extraFields = newValue }
    }
}
