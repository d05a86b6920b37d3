import DaytonaErrors
import DaytonaJSON

/// Reads chart JSON straight into the model where charts get big.
///
/// The series of line and scatter charts and the sub-charts of composites are decoded as they
/// are read, without building their ``JSONValue`` trees first; that halves peak memory for
/// charts with millions of points. Everything else is read as ``JSONValue`` and goes through
/// ``ChartDecoder``, so both paths apply the same rules and report the same JSON paths.
extension JSONReader {
    /// Reads one chart document.
    static func readChart(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONPathFailure) -> Chart? {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        let chart = try reader.readChart(depth: 0)
        reader.skipWhitespace()
        if reader.position < bytes.count {
            throw reader.failure("extra data after the JSON value")
        }
        return chart
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONPathFailure) {
        guard peek(byte) else { throw failure("expected \(what), got \(describeCurrentByte())") }
        position += 1
        skipWhitespace()
    }

    /// Reads `,` or the closing byte after an item; returns `true` at the end of the container.
    private mutating func readSeparator(closing: UInt8, _ what: String) throws(JSONPathFailure) -> Bool {
        skipWhitespace()
        if peek(UInt8(ascii: ",")) {
            position += 1
            skipWhitespace()
            return false
        }
        if peek(closing) {
            position += 1
            return true
        }
        throw failure(
            "expected ',' or '\(Character(Unicode.Scalar(closing)))' after \(what), got \(describeCurrentByte())"
        )
    }

    /// Reads the members of an object, letting `special` read the value of some keys itself.
    ///
    /// `special` returns the value to record for the key, or `nil` to have it read as JSON.
    private mutating func readObjectEntries(
        depth: Int,
        special: (inout JSONReader, String, [JSONObject.Entry]) throws(JSONPathFailure) -> JSONValue?
    ) throws(JSONPathFailure) -> JSONObject {
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        var entries: [JSONObject.Entry] = []
        if peek(UInt8(ascii: "}")) {
            position += 1
            return JSONObject()
        }
        while true {
            guard peek(UInt8(ascii: "\"")) else { throw failure("expected a string key, got \(describeCurrentByte())") }
            let key = try readString()
            skipWhitespace()
            do throws(JSONPathFailure) {
                try expect(UInt8(ascii: ":"), "':' after a key")
                let value: JSONValue
                if let specialValue = try special(&self, key, entries) {
                    value = specialValue
                } else {
                    value = try readValue(depth: depth)
                }
                entries.append(JSONObject.Entry(key: key, value: value))
            } catch {
                throw error.adding(.key(key))
            }
            if try readSeparator(closing: UInt8(ascii: "}"), "an object value") { break }
        }
        return Self.makeObject(entries[...])
    }

    /// The last string `type` among the entries read so far.
    private static func kind(of entries: [JSONObject.Entry]) -> ChartType {
        guard case .string(let name)? = entries.last(where: { $0.key == "type" })?.value else { return .unknown }
        return ChartType(wireName: name)
    }

    private enum DirectElements {
        case series([PointData])
        case charts([Chart])
    }

    /// Reads a chart object; `nil` for `{}`, which is no chart.
    mutating func readChart(depth: Int) throws(JSONPathFailure) -> Chart? {
        guard peek(UInt8(ascii: "{")) else {
            return try ChartDecoder.chart(from: readValue(depth: depth))
        }
        var direct: DirectElements?
        var directKind = ChartType.unknown
        var directStart = 0
        var object = try readObjectEntries(depth: depth + 1) { (reader, key, entries) throws(JSONPathFailure) in
            guard key == "elements" else { return nil }
            direct = nil
            let kind = Self.kind(of: entries)
            guard reader.peek(UInt8(ascii: "[")) else { return nil }
            switch kind {
            case .line, .scatter:
                directStart = reader.position
                direct = .series(try reader.readSeriesList(depth: depth + 2))
            case .compositeChart:
                directStart = reader.position
                direct = .charts(try reader.readSubCharts(depth: depth + 2))
            default:
                return nil
            }
            directKind = kind
            return .array([])
        }
        if direct != nil, Self.kind(of: object.entries) != directKind {
            // A later `type` key changed the kind: read the elements again as plain JSON.
            let resume = position
            position = directStart
            object["elements"] = try readValue(depth: depth + 1)
            position = resume
            direct = nil
        }
        guard var chart = try ChartDecoder.chart(from: .object(object)) else { return nil }
        switch (direct, chart) {
        case (.series(let series)?, .line(var line)):
            line.elements = series
            chart = .line(line)
        case (.series(let series)?, .scatter(var scatter)):
            scatter.elements = series
            chart = .scatter(scatter)
        case (.charts(let charts)?, .composite(var composite)):
            composite.elements = charts
            chart = .composite(composite)
        default:
            break
        }
        return chart
    }

    private mutating func readSubCharts(depth: Int) throws(JSONPathFailure) -> [Chart] {
        try expect(UInt8(ascii: "["), "'['")
        var charts: [Chart] = []
        if peek(UInt8(ascii: "]")) {
            position += 1
            return charts
        }
        var index = 0
        while true {
            do throws(JSONPathFailure) {
                if let chart = try readChart(depth: depth) { charts.append(chart) }
                if try readSeparator(closing: UInt8(ascii: "]"), "an array item") { break }
            } catch {
                throw error.adding(.index(index))
            }
            index += 1
        }
        return charts
    }

    private mutating func readSeriesList(depth: Int) throws(JSONPathFailure) -> [PointData] {
        try expect(UInt8(ascii: "["), "'['")
        var series: [PointData] = []
        if peek(UInt8(ascii: "]")) {
            position += 1
            return series
        }
        var index = 0
        while true {
            do throws(JSONPathFailure) {
                series.append(try readSeries(depth: depth))
                if try readSeparator(closing: UInt8(ascii: "]"), "an array item") { break }
            } catch {
                throw error.adding(.index(index))
            }
            index += 1
        }
        return series
    }

    private mutating func readSeries(depth: Int) throws(JSONPathFailure) -> PointData {
        guard peek(UInt8(ascii: "{")) else {
            let value = try readValue(depth: depth)
            throw JSONPathFailure("expected an object, got \(value.kindName)")
        }
        var points: [ChartPoint]?
        let object = try readObjectEntries(depth: depth + 1) { (reader, key, _) throws(JSONPathFailure) in
            guard key == "points" else { return nil }
            points = nil
            guard reader.peek(UInt8(ascii: "[")) else { return nil }
            points = try reader.readPoints(depth: depth + 2)
            return .array([])
        }
        var series = try ChartDecoder.pointData(object)
        if let points { series.points = points }
        return series
    }

    private mutating func readPoints(depth: Int) throws(JSONPathFailure) -> [ChartPoint] {
        try expect(UInt8(ascii: "["), "'['")
        var points: [ChartPoint] = []
        if peek(UInt8(ascii: "]")) {
            position += 1
            return points
        }
        var index = 0
        while true {
            do throws(JSONPathFailure) {
                points.append(try readPoint(depth: depth))
                if try readSeparator(closing: UInt8(ascii: "]"), "an array item") { break }
            } catch {
                throw error.adding(.index(index))
            }
            index += 1
        }
        return points
    }

    /// Reads `[x, y]` directly; anything else is read as JSON and judged by ``ChartDecoder/point(_:)``.
    private mutating func readPoint(depth: Int) throws(JSONPathFailure) -> ChartPoint {
        let start = position
        if peek(UInt8(ascii: "[")) {
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] != UInt8(ascii: "]") {
                let x: ChartValue
                do throws(JSONPathFailure) {
                    x = try ChartDecoder.chartValue(readValue(depth: depth + 1))
                } catch {
                    throw error.adding(.index(0))
                }
                skipWhitespace()
                if peek(UInt8(ascii: ",")) {
                    position += 1
                    skipWhitespace()
                    let y: ChartValue
                    do throws(JSONPathFailure) {
                        y = try ChartDecoder.chartValue(readValue(depth: depth + 1))
                    } catch {
                        throw error.adding(.index(1))
                    }
                    skipWhitespace()
                    if peek(UInt8(ascii: "]")) {
                        position += 1
                        return ChartPoint(x: x, y: y)
                    }
                }
            }
        }
        position = start
        return try ChartDecoder.point(readValue(depth: depth))
    }
}
