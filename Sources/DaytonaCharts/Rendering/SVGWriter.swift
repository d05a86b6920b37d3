import DaytonaErrors
import DaytonaJSON

/// Builds SVG markup.
///
/// Every value that reaches the document goes through ``XMLText`` here, so a renderer cannot
/// forget to escape a label that came from sandbox code.
struct SVGWriter {
    /// The markup written so far.
    private(set) var text = ""
    /// A prefix for element ids, so that several documents can share one HTML page.
    let idPrefix: String
    private var nextID = 0

    init(idPrefix: String = "c") {
        self.idPrefix = idPrefix
        text.reserveCapacity(64 * 1024)
    }

    /// A fresh document-unique id.
    mutating func uniqueID(_ kind: String) -> String {
        nextID += 1
        return "\(idPrefix)-\(kind)-\(nextID)"
    }

    /// Writes markup produced by this module only; never pass untrusted text here.
    mutating func raw(_ markup: String) {
        text += markup
    }

    /// Opens an element; attribute names are literals from the renderers, values are escaped.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        text += "<" + name
        appendAttributes(attributes)
        text += ">"
    }

    /// Opens an element with attributes built at run time; names are literals from the renderers, values are escaped.
    mutating func open(_ name: String, attributes: [(String, String)]) {
        text += "<" + name
        for (key, value) in attributes {
            text += " " + key + "=\""
            text += XMLText.escape(value)
            text += "\""
        }
        text += ">"
    }

    /// Writes escaped text content.
    mutating func escapedText(_ content: String) {
        text += XMLText.escape(content)
    }

    /// Closes an element.
    mutating func close(_ name: String) {
        text += "</" + name + ">"
    }

    /// Writes an empty element.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        text += "<" + name
        appendAttributes(attributes)
        text += "/>"
    }

    /// Writes an element holding escaped text.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text content: String) {
        text += "<" + name
        appendAttributes(attributes)
        text += ">"
        text += XMLText.escape(content)
        text += "</" + name + ">"
    }

    private mutating func appendAttributes(_ attributes: KeyValuePairs<String, String>) {
        for (key, value) in attributes {
            text += " " + key + "=\""
            text += XMLText.escape(value)
            text += "\""
        }
    }
}
