import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A rendered SVG parsed with Foundation's XMLParser, so tests can count elements by class.
final class RenderedSVG: NSObject, XMLParserDelegate {
    struct Node {
        var name: String
        var attributes: [String: String]
        var text = ""
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    let source: String
    private(set) var nodes: [Node] = []
    private var open: [Int] = []

    /// Parses the document; fails the test (by throwing) when it is not well-formed XML.
    init(_ svg: String) throws {
        source = svg
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else {
            throw ParseError(message: parser.parserError.map { "\($0)" } ?? "not well-formed")
        }
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { "SVG is not well-formed XML: \(message)" }
    }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        nodes.append(Node(name: elementName, attributes: attributeDict))
        open.append(nodes.count - 1)
    }

    func parser(
        _ parser: XMLParser,
        didEndElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { nodes[last].text += string }
    }

    /// The elements with the given class.
    func elements(_ className: String, named name: String? = nil) -> [Node] {
        nodes.filter { $0.classes.contains(className) && (name == nil || $0.name == name) }
    }

    func count(_ className: String, named name: String? = nil) -> Int { elements(className, named: name).count }

    /// The text of the elements with the given class.
    func texts(_ className: String) -> [String] { elements(className).map(\.text) }
}

/// The chart inputs shared with the conformance suite, copied under Fixtures/charts/inputs.
enum RenderFixtures {
    static var directory: URL {
        get throws {
            let base = try #require(Bundle.module.resourceURL)
            return base.appendingPathComponent("Fixtures/charts/inputs")
        }
    }

    /// Every input that decodes to a chart, with its file name.
    static func charts() throws -> [(name: String, chart: Chart)] {
        let files = try FileManager.default.contentsOfDirectory(at: try directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return files.compactMap { url in
            guard let data = try? Data(contentsOf: url), let chart = try? Chart(jsonBytes: data) else { return nil }
            return (url.deletingPathExtension().lastPathComponent, chart)
        }
    }

    static func names() -> [String] {
        ((try? charts()) ?? []).map(\.name)
    }

    static func chart(named name: String) throws -> Chart {
        let data = try Data(contentsOf: try directory.appendingPathComponent(name + ".json"))
        return try Chart(jsonBytes: data)
    }
}
