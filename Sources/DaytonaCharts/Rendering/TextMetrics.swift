import DaytonaErrors
import DaytonaJSON

/// Measures text with the advance widths of DejaVu Sans, the first and widest font the SVG names.
///
/// Characters the table does not hold (CJK, emoji, scripts DejaVu Sans lacks) count one em, which
/// is what the fallback fonts give them at most; combining marks and zero-width characters count
/// nothing. Kerning is left out: it only ever narrows a line.
enum TextMetrics {
    /// The advance of one character in ems.
    static func advance(_ scalar: Unicode.Scalar, bold: Bool = false) -> Double {
        let value = scalar.value
        switch value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFE00...0xFE0F, 0xFEFF: return 0  // zero-width
        default: break
        }
        for block in FontWidths.blocks where value >= block.first {
            guard value <= block.last else { continue }
            let units = (bold ? FontWidths.bold : FontWidths.regular)[block.offset + Int(value - block.first)]
            return units == FontWidths.missing ? 1 : Double(units) / FontWidths.unitsPerEm
        }
        return 1
    }

    /// The drawn width of `text` at `size`.
    static func width(of text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += advance(scalar, bold: bold) }
        return ems * size
    }
}
