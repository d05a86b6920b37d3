import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Finds the local sources that the `COPY` instructions of Dockerfile text name, as the
/// Python SDK reads them: backslash-continued lines joined, comments and `--from=` lines and
/// heredoc `COPY <<` lines skipped, leading `--flag` tokens skipped, JSON-array and shell forms.
///
/// Unlike the Python SDK, lines inside a heredoc body (`RUN <<EOF` … `EOF`) are file
/// content, not instructions, so a `COPY` there names no source.
enum CopySources {
    /// The source words of every `COPY` instruction in `text`, in order.
    static func sources(in text: String) -> [String] {
        guard mentionsCopy(text) else { return [] }
        var sources: [String] = []
        for line in logicalLines(instructionLines(text)) {
            let stripped = PythonText.strip(Substring(line))
            if stripped.isEmpty || stripped.hasPrefix("#") { continue }
            guard isCopyInstruction(line), !line.contains("<<") else { continue }
            sources += parseCopy(line) ?? []
        }
        return sources
    }

    /// Whether `copy`, in any case, occurs at all: most text has no `COPY` and needs no parsing.
    private static func mentionsCopy(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4) where bytes[index] | 0x20 == UInt8(ascii: "c") {
            if bytes[index + 1] | 0x20 == UInt8(ascii: "o"), bytes[index + 2] | 0x20 == UInt8(ascii: "p"),
                bytes[index + 3] | 0x20 == UInt8(ascii: "y")
            {
                return true
            }
        }
        return false
    }

    /// The physical lines of `text` without the bodies of heredocs.
    static func instructionLines(_ text: String) -> [Substring] {
        var kept: [Substring] = []
        var pendingTerminators: [(word: String, stripsTabs: Bool)] = []
        for line in PythonText.splitLines(text) {
            if let current = pendingTerminators.first {
                let candidate = current.stripsTabs ? line.drop { $0 == "\t" } : line
                if candidate == current.word { pendingTerminators.removeFirst() }
                continue
            }
            kept.append(line)
            if !PythonText.leftStrip(line).hasPrefix("#") {
                pendingTerminators = heredocOpeners(in: line)
            }
        }
        return kept
    }

    /// The heredoc words a line opens: `<<WORD`, `<<-WORD`, `<<"WORD"`, `<<'WORD'`.
    private static func heredocOpeners(in line: Substring) -> [(word: String, stripsTabs: Bool)] {
        var openers: [(String, Bool)] = []
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index + 1 < scalars.count {
            guard scalars[index] == "<", scalars[index + 1] == "<" else {
                index += 1
                continue
            }
            var position = index + 2
            var stripsTabs = false
            if position < scalars.count, scalars[position] == "-" {
                stripsTabs = true
                position += 1
            }
            var quote: Unicode.Scalar? = nil
            if position < scalars.count, scalars[position] == "\"" || scalars[position] == "'" {
                quote = scalars[position]
                position += 1
            }
            var word = String.UnicodeScalarView()
            while position < scalars.count, isWordScalar(scalars[position]) {
                word.append(scalars[position])
                position += 1
            }
            let closed = quote == nil || (position < scalars.count && scalars[position] == quote)
            if !word.isEmpty && closed {
                openers.append((String(word), stripsTabs))
                index = position + (quote == nil ? 0 : 1)
            } else {
                index += 2
            }
        }
        return openers
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }

    /// Joins backslash-continued lines into instructions, dropping empty and comment lines
    /// inside a continuation, as Docker does.
    static func logicalLines(_ physical: [Substring]) -> [String] {
        var lines: [String] = []
        var current: String? = nil
        for line in physical {
            let isComment = PythonText.leftStrip(line).hasPrefix("#")
            if current != nil && (PythonText.strip(line).isEmpty || isComment) { continue }
            let stripped = PythonText.rightStrip(line)
            let continued = !isComment && stripped.hasSuffix("\\")
            let segment = continued ? String(stripped.dropLast()) : String(line)
            current = (current ?? "") + segment
            if !continued, let finished = current {
                lines.append(finished)
                current = nil
            }
        }
        if let current { lines.append(current) }
        return lines
    }

    /// Python's `re.match(r"^\s*COPY\s+(?!.*--from=)", line, re.IGNORECASE)`.
    private static func isCopyInstruction(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count, PythonText.isWhitespace(scalars[index]) {
            index += 1
        }
        guard index + 4 <= scalars.count else { return false }
        let keyword = String(String.UnicodeScalarView(scalars[index..<index + 4]))
        guard keyword.lowercased() == "copy", keyword.unicodeScalars.allSatisfy(\.isASCII) else { return false }
        index += 4
        var spaceEnd = index
        while spaceEnd < scalars.count, PythonText.isWhitespace(scalars[spaceEnd]) {
            spaceEnd += 1
        }
        guard spaceEnd > index else { return false }
        // `\s+` backtracks, so `--from=` anywhere after the first white space character rules the line out.
        let rest = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        return !rest.contains("--from=")
    }

    /// The sources of one `COPY` line, or `nil` when Python's parser gives up on it.
    static func parseCopy(_ line: String) -> [String]? {
        let instruction = PythonText.strip(Substring(line))
        var parts = PythonText.strip(Substring(instruction.unicodeScalars.dropFirst(4)))
        // A flag never takes the next word as its value (`--chown=x`, `--link`).
        while parts.hasPrefix("--") {
            parts = PythonText.splitFirstWord(parts).rest ?? ""
        }
        let elements: [String]
        if parts.hasPrefix("[") {
            guard let decoded = JSONStringArray.decode(parts) else { return nil }
            elements = decoded
        } else {
            guard let words = try? ShellWords.split(parts) else { return nil }
            elements = words
        }
        guard elements.count >= 2 else { return nil }
        return Array(elements.dropLast())
    }
}
