import DaytonaErrors
import DaytonaJSON

/// Turns the common subset of matplotlib's mathtext into drawable text.
///
/// Text between unescaped `$` signs is math, as in matplotlib (an odd number of `$` means none is):
/// Greek letters and symbols (`\theta`, `\pm`, `\infty`, `\leq`, …), super- and subscripts
/// (`x^2`, `a_{i+1}`; digits and signs become Unicode super- and subscript characters, other
/// scripts raised or lowered runs), `\mathrm`, `\mathdefault` and the other font commands, fractions
/// as `a/b`, roots as `√x`, accents, and spacing commands. A math part that uses anything else is
/// shown as written, without its `$` signs.
enum MathText {
    /// The text, with its math parts rendered.
    static func parse(_ source: String) -> RichText {
        let text = XMLText.clean(source)
        guard text.contains("$") else { return RichText(plain: text) }
        let scalars = Array(text.unicodeScalars)
        var dollars: [Int] = []
        for index in scalars.indices where scalars[index] == "$" && !isEscaped(scalars, index) {
            dollars.append(index)
        }
        guard !dollars.isEmpty, dollars.count % 2 == 0 else { return RichText(plain: unescapeDollars(scalars[...])) }
        var result = RichText()
        var start = 0
        for pair in stride(from: 0, to: dollars.count, by: 2) {
            let open = dollars[pair]
            let close = dollars[pair + 1]
            result.append(unescapeDollars(scalars[start..<open]), shift: .baseline)
            result.append(math(scalars[(open + 1)..<close]))
            start = close + 1
        }
        result.append(unescapeDollars(scalars[start...]), shift: .baseline)
        return result
    }

    /// The text with its math rendered and flattened: what a reader sees, without the raised and lowered runs.
    static func plain(_ source: String) -> String { parse(source).plain }

    private static func isEscaped(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        var backslashes = 0
        var position = index - 1
        while position >= 0 && scalars[position] == "\\" {
            backslashes += 1
            position -= 1
        }
        return backslashes % 2 == 1
    }

    private static func unescapeDollars(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index] == "\\", index + 1 < scalars.endIndex, scalars[index + 1] == "$" {
                index += 1
            }
            result.append(scalars[index])
            index += 1
        }
        return String(result)
    }

    /// One math part: rendered, or as written when it uses something outside the subset.
    static func math(_ scalars: ArraySlice<Unicode.Scalar>) -> RichText {
        var parser = MathParser(scalars: Array(scalars))
        guard let parsed = parser.parseAll() else {
            return RichText(plain: String(String.UnicodeScalarView(scalars)))
        }
        return folded(parsed)
    }

    /// Raised and lowered runs whose characters all have Unicode super- or subscript forms, as those forms.
    static func folded(_ text: RichText) -> RichText {
        RichText(
            runs: text.runs.map { run in
                let table: [Unicode.Scalar: Unicode.Scalar]
                switch run.shift {
                case .baseline: return run
                case .raised: table = superscripts
                case .lowered: table = subscripts
                }
                var mapped = String.UnicodeScalarView()
                for scalar in run.text.unicodeScalars {
                    guard let form = table[scalar] else { return run }
                    mapped.append(form)
                }
                return RichText.Run(text: String(mapped), shift: .baseline)
            }
        )
    }

    static let superscripts: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "\u{2070}", "1": "\u{B9}", "2": "\u{B2}", "3": "\u{B3}", "4": "\u{2074}", "5": "\u{2075}",
        "6": "\u{2076}", "7": "\u{2077}", "8": "\u{2078}", "9": "\u{2079}", "+": "\u{207A}", "-": "\u{207B}",
        "\u{2212}": "\u{207B}", "=": "\u{207C}", "(": "\u{207D}", ")": "\u{207E}", "n": "\u{207F}", "i": "\u{2071}",
    ]

    static let subscripts: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "\u{2080}", "1": "\u{2081}", "2": "\u{2082}", "3": "\u{2083}", "4": "\u{2084}", "5": "\u{2085}",
        "6": "\u{2086}", "7": "\u{2087}", "8": "\u{2088}", "9": "\u{2089}", "+": "\u{208A}", "-": "\u{208B}",
        "\u{2212}": "\u{208B}", "=": "\u{208C}", "(": "\u{208D}", ")": "\u{208E}", "a": "\u{2090}", "e": "\u{2091}",
        "o": "\u{2092}", "x": "\u{2093}", "h": "\u{2095}", "k": "\u{2096}", "l": "\u{2097}", "m": "\u{2098}",
        "n": "\u{2099}", "p": "\u{209A}", "s": "\u{209B}", "t": "\u{209C}",
    ]
}

/// A recursive-descent reader of one math part; `nil` from ``parseAll()`` means "outside the subset".
private struct MathParser {
    let scalars: [Unicode.Scalar]
    var index = 0
    var output = RichText()
    /// Whether the last thing written at the baseline was an operand, so a following `+` or `−` is binary.
    var afterOperand = false
    /// Whether the output ends with a space, so spaces are not doubled.
    var endsWithSpace = true
    var depth = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func parseAll() -> RichText? {
        guard parseSequence(shift: .baseline, keepSpaces: false, closing: nil) else { return nil }
        return output
    }

    /// Reads items until `closing` (consumed) or the end; `false` when the input is outside the subset.
    mutating func parseSequence(shift: RichText.Shift, keepSpaces: Bool, closing: Unicode.Scalar?) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth < 40 else { return false }
        while index < scalars.count {
            if let closing, scalars[index] == closing {
                index += 1
                return true
            }
            guard parseItem(shift: shift, keepSpaces: keepSpaces) else { return false }
        }
        return closing == nil
    }

    /// Reads one group, command, script or character.
    mutating func parseItem(shift: RichText.Shift, keepSpaces: Bool) -> Bool {
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "{":
            return parseSequence(shift: shift, keepSpaces: keepSpaces, closing: "}")
        case "}":
            return false
        case "^", "_":
            let inner: RichText.Shift = shift != .baseline ? shift : (scalar == "^" ? .raised : .lowered)
            return parseArgument(shift: inner, keepSpaces: keepSpaces)
        case "\\":
            return parseCommand(shift: shift, keepSpaces: keepSpaces)
        case " ", "\t":
            if keepSpaces { write(" ", shift: shift, operand: false) }
            return true
        case "~":
            write(" ", shift: shift, operand: false)
            return true
        case "&", "#":
            return false
        case "-", "\u{2212}", "+", "*":
            let symbol: String = scalar == "+" ? "+" : (scalar == "*" ? "\u{2217}" : "\u{2212}")
            writeOperator(symbol, shift: shift, keepSpaces: keepSpaces)
            return true
        case "=", "<", ">":
            writeRelation(String(scalar), shift: shift, keepSpaces: keepSpaces)
            return true
        case ",":
            write(keepSpaces || shift != .baseline ? "," : ", ", shift: shift, operand: false)
            return true
        case "'":
            write("\u{2032}", shift: shift, operand: true)
            return true
        case "(", "[":
            write(String(scalar), shift: shift, operand: false)
            return true
        default:
            write(String(scalar), shift: shift, operand: true)
            return true
        }
    }

    /// The argument of a script, command or fraction: a group, a command or a single character.
    mutating func parseArgument(shift: RichText.Shift, keepSpaces: Bool) -> Bool {
        while index < scalars.count, scalars[index] == " " { index += 1 }
        guard index < scalars.count else { return false }
        return parseItem(shift: shift, keepSpaces: keepSpaces)
    }

    /// The argument rendered on its own, for fractions and roots.
    mutating func renderedArgument(shift: RichText.Shift) -> RichText? {
        let saved = (output, afterOperand, endsWithSpace)
        output = RichText()
        afterOperand = false
        endsWithSpace = true
        guard parseArgument(shift: shift, keepSpaces: false) else { return nil }
        let rendered = output
        (output, afterOperand, endsWithSpace) = saved
        return rendered
    }

    mutating func parseCommand(shift: RichText.Shift, keepSpaces: Bool) -> Bool {
        guard index < scalars.count else { return false }
        var name = ""
        if scalars[index].properties.isAlphabetic && scalars[index].isASCII {
            while index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic {
                name.unicodeScalars.append(scalars[index])
                index += 1
            }
            // TeX drops the spaces after a command word.
            while !keepSpaces, index < scalars.count, scalars[index] == " " { index += 1 }
        } else {
            name = String(scalars[index])
            index += 1
        }
        return command(name, shift: shift, keepSpaces: keepSpaces)
    }

    mutating func command(_ name: String, shift: RichText.Shift, keepSpaces: Bool) -> Bool {
        if let symbol = MathSymbols.letters[name] {
            write(symbol, shift: shift, operand: true)
        } else if let symbol = MathSymbols.operators[name] {
            writeOperator(symbol, shift: shift, keepSpaces: keepSpaces)
        } else if let symbol = MathSymbols.relations[name] {
            writeRelation(symbol, shift: shift, keepSpaces: keepSpaces)
        } else if let space = MathSymbols.spaces[name] {
            write(space, shift: shift, operand: false)
        } else if MathSymbols.functions.contains(name) {
            // An operator name stands a thin space off the symbols around it, as TeX sets it.
            if afterOperand && shift == .baseline && !endsWithSpace { write("\u{2009}", shift: shift, operand: false) }
            write(name, shift: shift, operand: true)
            var next = index
            while next < scalars.count, scalars[next] == " " { next += 1 }
            if next < scalars.count, scalars[next] == "\\" || scalars[next].properties.isAlphabetic {
                write("\u{2009}", shift: shift, operand: false)
                afterOperand = shift == .baseline ? true : afterOperand
            }
        } else if MathSymbols.fonts.contains(name) {
            return parseArgument(shift: shift, keepSpaces: name != "mathdefault" || keepSpaces)
        } else if let accent = MathSymbols.accents[name] {
            guard parseArgument(shift: shift, keepSpaces: keepSpaces) else { return false }
            write(accent, shift: shift, operand: true)
        } else if ["{", "}", "$", "%", "_", "#", "&", "|"].contains(name) {
            write(name, shift: shift, operand: true)
        } else if ["left", "right", "big", "Big", "bigg", "Bigg", "displaystyle", "textstyle"].contains(name) {
            if index < scalars.count, scalars[index] == "." { index += 1 }
        } else if ["frac", "dfrac", "tfrac"].contains(name) {
            guard let numerator = renderedArgument(shift: shift), let denominator = renderedArgument(shift: shift)
            else { return false }
            writeRendered(Self.grouped(numerator))
            write("/", shift: shift, operand: false)
            writeRendered(Self.grouped(denominator))
            if shift == .baseline { afterOperand = true }
        } else if name == "sqrt" {
            var degree: RichText?
            if index < scalars.count, scalars[index] == "[" {
                index += 1
                let saved = (output, endsWithSpace)
                output = RichText()
                guard parseSequence(shift: .raised, keepSpaces: false, closing: "]") else { return false }
                degree = output
                (output, endsWithSpace) = saved
            }
            guard let radicand = renderedArgument(shift: shift) else { return false }
            if let degree { writeRendered(degree) }
            write("\u{221A}", shift: shift, operand: false)
            writeRendered(Self.grouped(radicand))
            if shift == .baseline { afterOperand = true }
        } else {
            return false
        }
        return true
    }

    /// A fraction's part in parentheses when it is more than one symbol or number.
    static func grouped(_ text: RichText) -> RichText {
        let plain = text.plain
        let simple = plain.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "."
        }
        guard !simple, !plain.isEmpty else { return text }
        var result = RichText()
        let shift = text.runs.first?.shift ?? .baseline
        result.append("(", shift: shift)
        result.append(text)
        result.append(")", shift: text.runs.last?.shift ?? shift)
        return result
    }

    mutating func write(_ text: String, shift: RichText.Shift, operand: Bool) {
        if text == " " && endsWithSpace { return }
        output.append(text, shift: shift)
        endsWithSpace = text.hasSuffix(" ")
        if shift == .baseline { afterOperand = operand }
    }

    /// Writes text rendered on its own (a fraction's part).
    mutating func writeRendered(_ text: RichText) {
        for run in text.runs { output.append(run.text, shift: run.shift) }
        if let last = text.runs.last { endsWithSpace = last.text.hasSuffix(" ") }
    }

    /// A binary operator gets spaces around it at the baseline; a sign (`−1`) does not.
    mutating func writeOperator(_ symbol: String, shift: RichText.Shift, keepSpaces: Bool) {
        if afterOperand && shift == .baseline && !keepSpaces {
            write(" ", shift: shift, operand: false)
            write(symbol, shift: shift, operand: false)
            write(" ", shift: shift, operand: false)
        } else {
            write(symbol, shift: shift, operand: false)
        }
    }

    mutating func writeRelation(_ symbol: String, shift: RichText.Shift, keepSpaces: Bool) {
        if shift == .baseline && !keepSpaces {
            write(" ", shift: shift, operand: false)
            write(symbol, shift: shift, operand: false)
            write(" ", shift: shift, operand: false)
        } else {
            write(symbol, shift: shift, operand: false)
        }
    }
}
