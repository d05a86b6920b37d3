import DaytonaErrors

/// One step of a path into a JSON document: an object key or an array index.
package enum JSONPathComponent: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// A failure at a place in a JSON document, collected while the error unwinds.
///
/// Readers and decoders append the component they were working on as the error passes through
/// them, so the happy path never builds a path; the components are therefore innermost first.
package struct JSONPathFailure: Error, Sendable {
    /// What is wrong, without the path.
    package var reason: String
    /// The path components, innermost first.
    package var reversedPath: [JSONPathComponent] = []
    /// The byte offset of a syntax error, when the failure comes from the reader.
    package var offset: Int?

    package init(_ reason: String, offset: Int? = nil) {
        self.reason = reason
        self.offset = offset
    }

    /// Returns the failure with one more (outer) component.
    package func adding(_ component: JSONPathComponent) -> JSONPathFailure {
        var copy = self
        copy.reversedPath.append(component)
        return copy
    }

    /// The path written the usual way, `elements[2].points[5]`; `$` for the document itself.
    package var path: String {
        var text = ""
        for component in reversedPath.reversed() {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                if !key.isEmpty,
                    key.utf8.allSatisfy({
                        $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0)
                    })
                {
                    text += text.isEmpty ? key : "." + key
                } else {
                    text += "[\"\(key)\"]"
                }
            }
        }
        return text.isEmpty ? "$" : text
    }

    /// The error the public API throws: the reason, with the path and offset as its location.
    package func validationError(input: String) -> DaytonaValidationError {
        DaytonaValidationError(reason: reason, location: .init(input: input, jsonPath: path, byteOffset: offset))
    }
}
