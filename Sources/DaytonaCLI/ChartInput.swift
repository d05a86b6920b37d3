import Daytona
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the chart file a chart command names; `-` means standard input.
enum ChartInput {
    /// The file's bytes.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when nothing is at `path`; ``DaytonaBadRequestError``
    ///   when it is a folder or cannot be read, with the system's reason.
    static func read(_ path: String) throws -> Data {
        if path == "-" {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw error(path, code: errno)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw DaytonaBadRequestError(message: "\(path) is a folder, not a file")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(path, code: errno) }
        defer { close(descriptor) }
        var bytes = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw error(path, code: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// The error for a file that cannot be opened or read, from the system's error code.
    static func error(_ path: String, code: Int32) -> DaytonaError {
        switch code {
        case ENOENT: return DaytonaNotFoundError(message: "\(path) does not exist")
        case ENOTDIR: return DaytonaNotFoundError(message: "\(path) does not exist (a part of it is not a folder)")
        case EISDIR: return DaytonaBadRequestError(message: "\(path) is a folder, not a file")
        default:
            return DaytonaBadRequestError(message: "\(path): cannot read the file (\(String(cString: strerror(code))))")
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

// The C library's `read`, under a name `ChartInput.read` does not shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
