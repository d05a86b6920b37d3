import DaytonaErrors
import DaytonaJSON

/// Turns the little TeX that matplotlib puts in tick labels (`$\mathdefault{10^{3}}$`) into plain text (`10³`).
enum MathText {
    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "-": "⁻", "−": "⁻", "+": "⁺",
    ]

    static func plain(_ label: String) -> String {
        guard label.contains("$") else { return label }
        var text = label.replacingOccurrences(of: "$", with: "")
        for command in ["\\mathdefault", "\\mathrm", "\\mathit", "\\text"] {
            text = text.replacingOccurrences(of: command, with: "")
        }
        text = text.replacingOccurrences(of: "\\times", with: "×").replacingOccurrences(of: "\\cdot", with: "·")
        text = text.replacingOccurrences(of: "\\minus", with: "−").replacingOccurrences(of: "\\,", with: " ")
        var result = ""
        var iterator = Array(text)[...]
        while let character = iterator.popFirst() {
            if character == "^" {
                var exponent: [Character] = []
                if iterator.first == "{" {
                    iterator.removeFirst()
                    while let next = iterator.popFirst(), next != "}" { exponent.append(next) }
                } else if let next = iterator.popFirst() {
                    exponent.append(next)
                }
                let mapped = exponent.map { superscripts[$0] }
                if mapped.allSatisfy({ $0 != nil }) {
                    result += String(mapped.compactMap { $0 })
                } else {
                    result += "^" + String(exponent)
                }
            } else if character != "{" && character != "}" {
                result.append(character)
            }
        }
        return result
    }
}
