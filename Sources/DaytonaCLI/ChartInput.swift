import Daytona
import Foundation

/// Reads the chart file a chart command names; `-` means standard input.
enum ChartInput {
    /// The file's bytes.
    static func read(_ path: String) throws -> Data {
        if path == "-" {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw DaytonaNotFoundError(message: "\(path): no such file")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DaytonaBadRequestError(message: "\(path): cannot read the file (\(error.localizedDescription))")
        }
    }

    /// The chart the file holds.
    static func chart(at path: String) throws -> Chart {
        let data = try read(path)
        do {
            return try Chart(jsonBytes: data)
        } catch let error as DaytonaError {
            throw DaytonaBadRequestError(message: "\(path == "-" ? "<stdin>" : path): \(error.message)")
        }
    }
}
