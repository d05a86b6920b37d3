import Foundation

/// Writes to standard output and standard error.
///
/// Commands build their whole result before writing, so a failure leaves stdout empty.
enum StandardStreams {
    /// Writes bytes to standard output.
    static func write(_ data: some DataProtocol) {
        FileHandle.standardOutput.write(Data(data))
    }

    /// Writes text to standard output without adding a newline.
    static func write(_ text: String) {
        write(Data(text.utf8))
    }

    /// Writes text to standard error without adding a newline.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
