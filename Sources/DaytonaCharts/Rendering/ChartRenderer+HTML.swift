import DaytonaErrors
import DaytonaJSON

extension ChartRenderer {
    /// A self-contained HTML page with the chart and, for a composite, each of its subplots on its own.
    ///
    /// Subplots follow in depth-first order, each under a caption naming its position
    /// (`subplot 2.1` is the first chart inside the second subplot). The page loads nothing:
    /// its content security policy forbids scripts and every outside resource.
    public func html(for chart: Chart, pageTitle: String? = nil) -> String {
        var figures: [(caption: String, chart: Chart)] = []
        func collect(_ chart: Chart, path: [Int]) {
            let name = path.isEmpty ? "figure" : "subplot " + path.map { String($0) }.joined(separator: ".")
            let kind = chart.typeName.isEmpty ? "chart" : chart.typeName
            let title = chart.title.flatMap { $0.isEmpty ? nil : " — " + Self.caption($0) } ?? ""
            figures.append((name + " (" + kind + ")" + title, chart))
            if case .composite(let composite) = chart {
                for (index, child) in composite.elements.enumerated() { collect(child, path: path + [index + 1]) }
            }
        }
        collect(chart, path: [])
        let background = theme == .dark ? "#121212" : "#f4f4f4"
        let foreground = theme == .dark ? "#e6e6e6" : "#262626"
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(XMLText.escape(pageTitle ?? chart.title.flatMap { $0.isEmpty ? nil : Self.caption($0) } ?? "Charts"))</title>
            <style>
            body { margin: 2rem; background: \(background); color: \(foreground); font-family: \(safeFontFamily); }
            figure { margin: 0 0 2rem 0; }
            figcaption { margin-bottom: 0.5rem; font-size: 0.9rem; }
            svg { max-width: 100%; height: auto; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.2); }
            </style>
            </head>
            <body>

            """
        for (index, figure) in figures.enumerated() {
            page += "<figure class=\"chart\">\n<figcaption>" + XMLText.escape(figure.caption) + "</figcaption>\n"
            page += svgDocument(for: figure.chart, idPrefix: "f\(index + 1)")
            page += "</figure>\n"
        }
        page += "</body>\n</html>\n"
        return page
    }

    /// A title as a caption reads it: its mathtext rendered, at most 300 characters.
    static func caption(_ title: String) -> String {
        let scalars = title.unicodeScalars
        let plain = MathText.plain(String(String.UnicodeScalarView(scalars.prefix(300))))
        return scalars.count > 300 ? plain + "…" : plain
    }
}
