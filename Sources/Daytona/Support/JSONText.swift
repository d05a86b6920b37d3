/// Writes JSON string literals.
package enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else (non-ASCII included) written as it is.
    ///
    ///     JSONText.string("say \"hi\"")  // "\"say \\\"hi\\\"\""
    package static func string(_ text: String) -> String {
        PythonText.jsonString(text, asciiOnly: false)
    }
}
