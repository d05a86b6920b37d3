import DaytonaErrors
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalFileSystem {
    /// A whole file's bytes, for inputs that are read at once (chart files); `-` is standard input.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when nothing is at `path`; ``DaytonaBadRequestError``
    ///   when it is a folder or cannot be read, with the system's reason.
    package static func wholeFile(at path: String) throws -> Data {
        if path == "-" {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw readError(path, code: errno)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw DaytonaBadRequestError(message: "\(path) is a folder, not a file")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw readError(path, code: errno) }
        defer { _ = systemClose(descriptor) }
        var bytes = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemRead(descriptor, base, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw readError(path, code: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// The error for a file that cannot be opened or read, from the system's error code.
    package static func readError(_ path: String, code: Int32) -> DaytonaError {
        switch code {
        case ENOENT: return DaytonaNotFoundError(message: "\(path) does not exist")
        case ENOTDIR: return DaytonaNotFoundError(message: "\(path) does not exist (a part of it is not a folder)")
        case EISDIR: return DaytonaBadRequestError(message: "\(path) is a folder, not a file")
        default:
            return DaytonaBadRequestError(message: "\(path): cannot read the file (\(String(cString: strerror(code))))")
        }
    }
}

// The C library's `read`, under a name that `LocalFileSystem`'s members do not shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
