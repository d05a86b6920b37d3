import DaytonaErrors
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that either all of them appear, whole, or none does.
///
/// Every file is first written to a temporary file next to its destination, then every destination
/// is checked (not a folder, its folder exists and is writable) before the first one is replaced.
/// A file that is about to be replaced is kept as a hard link (or a copy) until all are in place;
/// when a later rename fails, the files already moved are taken back out and the old ones restored.
package enum AtomicFiles {
    /// The system calls the writer makes that can fail half-way; tests swap `rename` for one that fails.
    package struct Operations {
        package var rename: (_ from: String, _ to: String) -> Int32 = { systemRename($0, $1) }
    }

    /// Writes one file.
    package static func write(_ data: Data, to path: String) throws {
        try write([(path, data)])
    }

    /// Writes every file, or none of them.
    ///
    /// - Throws: ``DaytonaBadRequestError`` naming the path that cannot be written and why; the
    ///   destinations are then as they were before the call.
    package static func write(_ files: [(path: String, data: Data)], operations: Operations = Operations()) throws {
        var seen: Set<String> = []
        for file in files where !seen.insert(URL(fileURLWithPath: file.path).standardizedFileURL.path).inserted {
            throw DaytonaBadRequestError(message: "\(file.path): named twice in one write")
        }
        for file in files { try checkDestination(file.path) }

        var temporaries: [String] = []
        var backups: [String?] = []
        var moved = 0
        func cleanUp() {
            for path in temporaries[moved...] { unlink(path) }
            for case let backup? in backups { unlink(backup) }
        }

        do {
            for file in files {
                let temporary = sibling(of: file.path, suffix: "tmp")
                temporaries.append(temporary)
                try writeNew(file.data, to: temporary, naming: file.path)
            }
            for file in files { backups.append(try backup(of: file.path)) }
        } catch {
            cleanUp()
            throw error
        }

        for (index, file) in files.enumerated() {
            // rename(2) replaces the destination in one step, so a reader never sees half a file.
            if operations.rename(temporaries[index], file.path) != 0 {
                let reason = String(cString: strerror(errno))
                rollBack(files[..<index].map(\.path), backups: backups)
                moved = index
                cleanUp()
                throw DaytonaBadRequestError(message: "\(file.path): cannot write (\(reason))")
            }
        }
        moved = files.count
        cleanUp()
    }

    /// Fails when `path` cannot be replaced by a new file: it is a folder, or its folder is missing or read-only.
    package static func checkDestination(_ path: String) throws {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw DaytonaBadRequestError(message: "\(path): cannot write (it is a folder)")
        }
        let folder = folder(of: path)
        guard stat(folder, &status) == 0 else {
            let reason = errno == ENOENT ? "the folder \(folder) does not exist" : String(cString: strerror(errno))
            throw DaytonaBadRequestError(message: "\(path): cannot write (\(reason))")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw DaytonaBadRequestError(message: "\(path): cannot write (\(folder) is not a folder)")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            let reason = String(cString: strerror(errno))
            throw DaytonaBadRequestError(message: "\(path): cannot write in \(folder) (\(reason))")
        }
    }

    /// Puts back what was at each path before: the kept original, or nothing.
    private static func rollBack(_ paths: [String], backups: [String?]) {
        for (index, path) in paths.enumerated().reversed() {
            if let backup = backups[index] {
                _ = systemRename(backup, path)
            } else {
                unlink(path)
            }
        }
    }

    /// Keeps the file now at `path` under a hidden name beside it; `nil` when there is none.
    private static func backup(of path: String) throws -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        let backup = sibling(of: path, suffix: "bak")
        if status.st_mode & S_IFMT == S_IFLNK {
            // A link is kept as a link (link(2) follows links on some systems).
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path),
                symlink(target, backup) == 0
            {
                return backup
            }
        } else if link(path, backup) == 0 {
            return backup
        }
        let reason = String(cString: strerror(errno))
        // No hard links here (some file systems have none): keep a copy instead.
        guard status.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: path) else {
            throw DaytonaBadRequestError(message: "\(path): cannot keep the old file while writing (\(reason))")
        }
        try writeNew(data, to: backup, naming: path)
        return backup
    }

    /// Creates `temporary` (which must not exist) holding `data`, flushed to disk.
    private static func writeNew(_ data: Data, to temporary: String, naming path: String) throws {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw DaytonaBadRequestError(message: "\(path): cannot write (\(String(cString: strerror(errno))))")
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += count
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw DaytonaBadRequestError(message: "\(path): cannot write (\(String(cString: strerror(failure))))")
        }
    }

    /// A hidden, unique name in the same folder as `path`, so a rename stays on one file system.
    private static func sibling(of path: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).\(suffix)").path
    }

    /// The folder holding `path`.
    private static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }
}

// The C library's calls under names that `AtomicFiles.write` and `Operations.rename` do not shadow.
private func systemRename(_ from: String, _ to: String) -> Int32 {
    rename(from, to)
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
