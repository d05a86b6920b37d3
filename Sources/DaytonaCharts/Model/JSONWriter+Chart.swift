import DaytonaErrors
import DaytonaJSON

extension JSONWriter {
    /// Appends a chart's metadata, equal byte for byte to writing its ``Chart/jsonValue``.
    ///
    /// Elements and points are written straight from the model, without building their JSON
    /// values, which keeps memory flat for charts with millions of points.
    package mutating func write(_ chart: Chart) {
        let shell: JSONObject
        switch chart {
        case .line(let model): shell = model.metadata(elements: .null)
        case .scatter(let model): shell = model.metadata(elements: .null)
        case .bar(let model): shell = model.metadata(elements: .null)
        case .pie(let model): shell = model.metadata(elements: .null)
        case .boxAndWhisker(let model): shell = model.metadata(elements: .null)
        case .composite(let model): shell = model.metadata(elements: .null)
        case .unknown(let model):
            write(model.jsonValue)
            return
        }
        writeObject(shell) { writer, key in
            guard key == "elements" else { return false }
            writer.writeElements(of: chart)
            return true
        }
    }

    private mutating func writeElements(of chart: Chart) {
        append("[")
        var first = true
        func separator(_ writer: inout JSONWriter) {
            if !first { writer.append(", ") }
            first = false
        }
        switch chart {
        case .line(let model):
            for series in model.elements {
                separator(&self)
                write(series)
            }
        case .scatter(let model):
            for series in model.elements {
                separator(&self)
                write(series)
            }
        case .bar(let model):
            for bar in model.elements {
                separator(&self)
                write(bar.jsonValue)
                flushIfFull()
            }
        case .pie(let model):
            for slice in model.elements {
                separator(&self)
                write(slice.jsonValue)
            }
        case .boxAndWhisker(let model):
            for box in model.elements {
                separator(&self)
                write(box.jsonValue)
            }
        case .composite(let model):
            for child in model.elements {
                separator(&self)
                write(child)
            }
        case .unknown(let model):
            for element in model.elements {
                separator(&self)
                write(element)
            }
        }
        append("]")
    }

    private mutating func write(_ series: PointData) {
        writeObject(series.metadata(points: .null)) { writer, key in
            guard key == "points" else { return false }
            writer.append("[")
            var first = true
            for point in series.points {
                if !first { writer.append(", ") }
                first = false
                writer.append("[")
                writer.write(point.x)
                writer.append(", ")
                writer.write(point.y)
                writer.append("]")
                writer.flushIfFull()
            }
            writer.append("]")
            return true
        }
    }

    private mutating func write(_ value: ChartValue) {
        switch value {
        case .number(let number): writeDouble(number)
        case .string(let text): writeString(text)
        }
    }

}
