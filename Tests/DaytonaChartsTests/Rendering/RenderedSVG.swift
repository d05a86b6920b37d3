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
        /// The text inside the element, its children's included (a `text` element's `tspan`s).
        var text = ""
        /// The text directly inside the element, not in its children.
        var ownText = ""
        /// The index of the enclosing element, `nil` for the root.
        var parent: Int?
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
        nodes.append(Node(name: elementName, attributes: attributeDict, parent: open.last))
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
        guard let last = open.last else { return }
        nodes[last].ownText += string
        for index in open { nodes[index].text += string }
    }

    /// The elements with the given class.
    func elements(_ className: String, named name: String? = nil) -> [Node] {
        nodes.filter { $0.classes.contains(className) && (name == nil || $0.name == name) }
    }

    func count(_ className: String, named name: String? = nil) -> Int { elements(className, named: name).count }

    /// The indices of the children of the node at `index`.
    func children(of index: Int) -> [Int] { nodes.indices.filter { nodes[$0].parent == index } }

    /// Whether the node at `index` lies inside the node at `ancestor`.
    func isInside(_ index: Int, _ ancestor: Int) -> Bool {
        var current = nodes[index].parent
        while let node = current {
            if node == ancestor { return true }
            current = nodes[node].parent
        }
        return false
    }

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

/// Figures made with matplotlib through the seed-era extractor, and hand-made daemon-form charts
/// (Fixtures/figures, written by its make_figures.py).
enum FigureFixtures {
    static var directory: URL {
        get throws {
            let base = try #require(Bundle.module.resourceURL)
            return base.appendingPathComponent("Fixtures/figures")
        }
    }

    static func names() -> [String] {
        guard let directory = try? directory,
            let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "json" }.map { $0.deletingPathExtension().lastPathComponent }.sorted()
    }

    static func chart(named name: String) throws -> Chart {
        let data = try Data(contentsOf: try directory.appendingPathComponent(name + ".json"))
        return try Chart(jsonBytes: data)
    }
}
