import Daytona
import DaytonaSystem
import Foundation

/// Reads the chart file a chart command names; `-` means standard input.
enum ChartInput {
    /// The chart the file holds; an error names the file in its location.
    static func chart(at path: String) throws -> Chart {
        let data = try LocalFileSystem.wholeFile(at: path)
        do {
            return try Chart(jsonBytes: data)
        } catch let error as DaytonaError {
            throw error.located { $0.file = path == "-" ? "<stdin>" : path }
        }
    }
}
