import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Python's `shlex.split(text)` (POSIX mode, no comments): the words of a shell-like line.
enum ShellWords {
    /// Why a line could not be split.
    enum Failure: Error {
        case unclosedQuotation
        case danglingEscape
    }

    /// Splits `text` into words; quotes group, a backslash escapes, `''` is an empty word.
    static func split(_ text: Substring) throws(Failure) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar? = nil
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if let open = quote {
                if scalar == open {
                    quote = nil
                } else if open == "\"" && scalar == "\\" {
                    guard let next = iterator.next() else { throw .unclosedQuotation }
                    // Inside double quotes a backslash only escapes `"` and `\`.
                    if next != "\"" && next != "\\" { word.append("\\") }
                    word.append(next)
                } else {
                    word.append(scalar)
                }
                continue
            }
            switch scalar {
            case " ", "\t", "\r", "\n":
                if inWord {
                    words.append(String(word))
                    word = String.UnicodeScalarView()
                    inWord = false
                }
            case "'", "\"":
                quote = scalar
                inWord = true
            case "\\":
                guard let next = iterator.next() else { throw .danglingEscape }
                word.append(next)
                inWord = true
            default:
                word.append(scalar)
                inWord = true
            }
        }
        if quote != nil { throw .unclosedQuotation }
        if inWord { words.append(String(word)) }
        return words
    }
}
