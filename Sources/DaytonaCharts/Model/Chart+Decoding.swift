import DaytonaErrors
import DaytonaJSON
import Foundation

extension Chart {
    /// Decodes chart metadata from JSON bytes with the package's own reader (no Foundation parsing).
    ///
    /// Accepts both wire forms: the seed-era daemon's (with `NaN`/`Infinity` tokens) and the
    /// current daemon's (compact, integers, `null` elements and types).
    ///
    ///     let chart = try Chart(jsonBytes: Array(#"{"type": "bar", "elements": []}"#.utf8))
    ///
    /// - Throws: ``DaytonaValidationError`` naming the JSON path of the culprit, for input that
    ///   is not JSON, is not a chart (`{}`, a non-object) or has a field of the wrong type.
    public init(jsonBytes: some Collection<UInt8>) throws {
        let read = { (buffer: UnsafeBufferPointer<UInt8>) in
            Result { () throws(JSONPathFailure) -> Chart? in try JSONReader.readChart(buffer) }
        }
        let result = jsonBytes.withContiguousStorageIfAvailable(read) ?? Array(jsonBytes).withUnsafeBufferPointer(read)
        switch result {
        case .success(let chart?):
            self = chart
        case .success(nil):
            throw JSONPathFailure("no chart: the object is empty").validationError(input: "invalid chart")
        case .failure(let failure):
            // Syntax errors carry a byte offset; the rest are the chart rules'.
            throw failure.validationError(input: failure.offset == nil ? "invalid chart" : "invalid JSON")
        }
    }

    /// Decodes chart metadata from a JSON value.
    ///
    /// - Throws: ``DaytonaValidationError`` naming the JSON path of the culprit.
    public init(jsonValue: JSONValue) throws {
        do throws(JSONPathFailure) {
            guard let chart = try ChartDecoder.chart(from: jsonValue) else {
                throw JSONPathFailure("no chart: the object is empty")
            }
            self = chart
        } catch {
            throw error.validationError(input: "invalid chart")
        }
    }
}

/// Turns JSON into the chart model with the seed model's coercions, throwing path-carrying failures.
///
/// Failures carry the innermost path component first; each level adds its own as the error passes.
enum ChartDecoder {
    /// Decodes one chart; `nil` for an empty object, which the seed model treats as no chart.
    static func chart(from value: JSONValue) throws(JSONPathFailure) -> Chart? {
        guard case .object(let object) = value else {
            throw JSONPathFailure("expected a chart object, got \(value.kindName)")
        }
        if object.isEmpty { return nil }
        let typeName: String?
        switch object["type"] {
        case nil, .null?: typeName = nil
        case .string(let name)?: typeName = name
        case let other?: throw JSONPathFailure("expected a string, got \(other.kindName)").adding(.key("type"))
        }
        switch typeName.map(ChartType.init(wireName:)) ?? .unknown {
        case .line: return .line(try pointChart(object))
        case .scatter: return .scatter(try pointChart(object))
        case .bar: return .bar(try bar(object))
        case .pie: return .pie(try pie(object))
        case .boxAndWhisker: return .boxAndWhisker(try boxAndWhisker(object))
        case .compositeChart: return .composite(try composite(object))
        case .unknown: return .unknown(try unknown(object, typeName: typeName ?? ChartType.unknown.rawValue))
        }
    }

    static let baseKeys: Set<String> = ["type", "title", "elements", "png"]
    static let axisKeys: Set<String> = baseKeys.union(["x_label", "y_label"])
    static let pointDataKeys: Set<String> = ["label", "points"]
    static let barDataKeys: Set<String> = ["label", "group", "value"]
    static let pieDataKeys: Set<String> = ["label", "angle", "radius", "autopct"]
    static let boxDataKeys: Set<String> = [
        "label", "min", "first_quartile", "median", "third_quartile", "max", "outliers",
    ]
    static let pointChartKeys: Set<String> = axisKeys.union([
        "x_ticks", "x_tick_labels", "x_scale", "y_ticks", "y_tick_labels", "y_scale",
    ])

    private static func pointChart<C: PointChart>(_ object: JSONObject) throws(JSONPathFailure) -> C {
        var chart = C()
        chart.title = try optionalString(object, "title")
        chart.png = try optionalString(object, "png")
        chart.xLabel = try optionalString(object, "x_label")
        chart.yLabel = try optionalString(object, "y_label")
        chart.xTicks = try list(object, "x_ticks", chartValue)
        chart.xTickLabels = try list(object, "x_tick_labels", string)
        chart.xScale = try optionalString(object, "x_scale")
        chart.yTicks = try list(object, "y_ticks", chartValue)
        chart.yTickLabels = try list(object, "y_tick_labels", string)
        chart.yScale = try optionalString(object, "y_scale")
        chart.elements = try elementObjects(object) { (element) throws(JSONPathFailure) in try pointData(element) }
        chart.extraFields = extras(object, declared: pointChartKeys)
        return chart
    }

    /// A bar chart; its tick and scale fields pass unchecked with the unknown fields, as sent.
    ///
    /// The seed model does not declare them for bar and box charts; the chart's typed tick
    /// properties read them from there.
    private static func bar(_ object: JSONObject) throws(JSONPathFailure) -> BarChart {
        BarChart(
            title: try optionalString(object, "title"),
            elements: try elementObjects(object) { (element) throws(JSONPathFailure) in try barData(element) },
            png: try optionalString(object, "png"),
            xLabel: try optionalString(object, "x_label"),
            yLabel: try optionalString(object, "y_label"),
            extraFields: extras(object, declared: axisKeys)
        )
    }

    /// A box-and-whisker chart; its tick and scale fields come as a bar chart's do.
    private static func boxAndWhisker(_ object: JSONObject) throws(JSONPathFailure) -> BoxAndWhiskerChart {
        BoxAndWhiskerChart(
            title: try optionalString(object, "title"),
            elements: try elementObjects(object) { (element) throws(JSONPathFailure) in try boxData(element) },
            png: try optionalString(object, "png"),
            xLabel: try optionalString(object, "x_label"),
            yLabel: try optionalString(object, "y_label"),
            extraFields: extras(object, declared: axisKeys)
        )
    }

    private static func pie(_ object: JSONObject) throws(JSONPathFailure) -> PieChart {
        PieChart(
            title: try optionalString(object, "title"),
            elements: try elementObjects(object) { (element) throws(JSONPathFailure) in try pieData(element) },
            png: try optionalString(object, "png"),
            extraFields: extras(object, declared: baseKeys)
        )
    }

    private static func composite(_ object: JSONObject) throws(JSONPathFailure) -> CompositeChart {
        var charts: [Chart] = []
        for (index, element) in try elementList(object).enumerated() {
            do throws(JSONPathFailure) {
                // Each sub-chart is decoded as a chart of its own (C1); `{}` is no chart and is dropped.
                if let chart = try chart(from: element) { charts.append(chart) }
            } catch {
                throw error.adding(.index(index)).adding(.key("elements"))
            }
        }
        return CompositeChart(
            title: try optionalString(object, "title"),
            elements: charts,
            png: try optionalString(object, "png"),
            extraFields: extras(object, declared: baseKeys)
        )
    }

    private static func unknown(_ object: JSONObject, typeName: String) throws(JSONPathFailure) -> UnknownChart {
        let elements: [JSONValue]
        switch object["elements"] {
        case nil, .null?: elements = []
        case .array(let values)?: elements = values
        case let other?: throw JSONPathFailure("expected an array, got \(other.kindName)").adding(.key("elements"))
        }
        return UnknownChart(
            typeName: typeName,
            title: try optionalString(object, "title"),
            elements: elements,
            png: try optionalString(object, "png"),
            extraFields: extras(object, declared: baseKeys)
        )
    }

    // MARK: Elements

    static func pointData(_ object: JSONObject) throws(JSONPathFailure) -> PointData {
        var points: [ChartPoint] = []
        switch object["points"] {
        case nil, .null?: break
        case .array(let values)?:
            points.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                do throws(JSONPathFailure) {
                    points.append(try point(value))
                } catch {
                    throw error.adding(.index(index)).adding(.key("points"))
                }
            }
        case let other?: throw JSONPathFailure("expected an array, got \(other.kindName)").adding(.key("points"))
        }
        return PointData(
            label: try optionalString(object, "label") ?? "",
            points: points,
            extraFields: extras(object, declared: pointDataKeys)
        )
    }

    static func point(_ value: JSONValue) throws(JSONPathFailure) -> ChartPoint {
        guard case .array(let pair) = value else {
            throw JSONPathFailure("expected a point [x, y], got \(value.kindName)")
        }
        guard pair.count == 2 else {
            throw JSONPathFailure("expected a point [x, y], got \(pair.count) item\(pair.count == 1 ? "" : "s")")
        }
        let x: ChartValue
        let y: ChartValue
        do throws(JSONPathFailure) { x = try chartValue(pair[0]) } catch { throw error.adding(.index(0)) }
        do throws(JSONPathFailure) { y = try chartValue(pair[1]) } catch { throw error.adding(.index(1)) }
        return ChartPoint(x: x, y: y)
    }

    private static func barData(_ object: JSONObject) throws(JSONPathFailure) -> BarData {
        let value: BarValue?
        switch object["value"] {
        case nil, .null?: value = nil
        case .int(let number)?: value = .int(number)
        case .double(let number)?: value = .double(number)
        case .string(let text)?: value = .string(text)
        case .bool(let flag)?: value = .double(flag ? 1 : 0)
        case let other?:
            throw JSONPathFailure("expected a number or a string, got \(other.kindName)").adding(.key("value"))
        }
        return BarData(
            label: try optionalString(object, "label") ?? "",
            group: try optionalString(object, "group"),
            value: value,
            extraFields: extras(object, declared: barDataKeys)
        )
    }

    private static func pieData(_ object: JSONObject) throws(JSONPathFailure) -> PieData {
        var autopct: ChartValue?
        if let value = object["autopct"], value != .null {
            do throws(JSONPathFailure) { autopct = try chartValue(value) } catch { throw error.adding(.key("autopct")) }
        }
        return PieData(
            label: try optionalString(object, "label"),
            angle: try optionalFloat(object, "angle"),
            radius: try optionalFloat(object, "radius"),
            autopct: autopct,
            extraFields: extras(object, declared: pieDataKeys)
        )
    }

    private static func boxData(_ object: JSONObject) throws(JSONPathFailure) -> BoxAndWhiskerData {
        BoxAndWhiskerData(
            label: try optionalString(object, "label"),
            min: try optionalFloat(object, "min"),
            firstQuartile: try optionalFloat(object, "first_quartile"),
            median: try optionalFloat(object, "median"),
            thirdQuartile: try optionalFloat(object, "third_quartile"),
            max: try optionalFloat(object, "max"),
            outliers: try list(object, "outliers", float),
            extraFields: extras(object, declared: boxDataKeys)
        )
    }

    // MARK: Fields

    /// The `elements` list; `null` or absent is empty (C4).
    private static func elementList(_ object: JSONObject) throws(JSONPathFailure) -> [JSONValue] {
        switch object["elements"] {
        case nil, .null?: return []
        case .array(let values)?: return values
        // The seed model iterates the value, so an empty object reads as an empty list.
        case .object(let inner)? where inner.isEmpty: return []
        case let other?: throw JSONPathFailure("expected an array, got \(other.kindName)").adding(.key("elements"))
        }
    }

    private static func elementObjects<T>(
        _ object: JSONObject,
        _ decode: (JSONObject) throws(JSONPathFailure) -> T
    ) throws(JSONPathFailure) -> [T] {
        let values = try elementList(object)
        var result: [T] = []
        result.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            do throws(JSONPathFailure) {
                guard case .object(let element) = value else {
                    throw JSONPathFailure("expected an object, got \(value.kindName)")
                }
                result.append(try decode(element))
            } catch {
                throw error.adding(.index(index)).adding(.key("elements"))
            }
        }
        return result
    }

    /// A list field; absent or `null` is empty, as the current daemon's nil slices mean.
    private static func list<T>(
        _ object: JSONObject,
        _ key: String,
        _ item: (JSONValue) throws(JSONPathFailure) -> T
    ) throws(JSONPathFailure) -> [T] {
        switch object[key] {
        case nil, .null?: return []
        case .array(let values)?:
            var result: [T] = []
            result.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                do throws(JSONPathFailure) { result.append(try item(value)) } catch {
                    throw error.adding(.index(index)).adding(.key(key))
                }
            }
            return result
        case let other?: throw JSONPathFailure("expected an array, got \(other.kindName)").adding(.key(key))
        }
    }

    private static func optionalString(_ object: JSONObject, _ key: String) throws(JSONPathFailure) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw JSONPathFailure("expected a string, got \(other.kindName)").adding(.key(key))
        }
    }

    private static func optionalFloat(_ object: JSONObject, _ key: String) throws(JSONPathFailure) -> Double? {
        guard let value = object[key], value != .null else { return nil }
        do throws(JSONPathFailure) { return try float(value) } catch { throw error.adding(.key(key)) }
    }

    private static func string(_ value: JSONValue) throws(JSONPathFailure) -> String {
        guard case .string(let text) = value else { throw JSONPathFailure("expected a string, got \(value.kindName)") }
        return text
    }

    /// A float field: numbers, Booleans and numeric strings, as the seed model's lax floats accept.
    private static func float(_ value: JSONValue) throws(JSONPathFailure) -> Double {
        switch value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        case .bool(let flag): return flag ? 1 : 0
        case .string(let text):
            guard let number = parsePythonFloat(text) else {
                throw JSONPathFailure("expected a number, got the string \"\(text.prefix(40))\"")
            }
            return number
        default: throw JSONPathFailure("expected a number, got \(value.kindName)")
        }
    }

    /// A `str | float` field: strings stay strings, numbers and Booleans become doubles.
    static func chartValue(_ value: JSONValue) throws(JSONPathFailure) -> ChartValue {
        switch value {
        case .double(let number): return .number(number)
        case .int(let number): return .number(Double(number))
        case .string(let text): return .string(text)
        case .bool(let flag): return .number(flag ? 1 : 0)
        default: throw JSONPathFailure("expected a number or a string, got \(value.kindName)")
        }
    }

    /// The fields the model does not declare, in order; `null` ones are dropped as `exclude_none` does.
    private static func extras(_ object: JSONObject, declared: Set<String>) -> JSONObject {
        var result = JSONObject()
        for entry in object.entries where entry.value != .null && !declared.contains(entry.key) {
            result.appendUnique(entry.key, entry.value)
        }
        return result
    }
}
