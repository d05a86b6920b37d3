import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// One local file, folder or glob match that an image needs in its build context.
///
/// `sourcePath` is the path as the caller wrote it (after `~` expansion), exactly as the Python
/// SDK reports it; `archivePath` is the member name the context has in the uploaded archive,
/// and so the path the Dockerfile's `COPY` line names.
public struct Context: Sendable, Hashable, Codable {
    /// The local path, as written (relative paths are relative to ``workingDirectory``).
    public let sourcePath: String
    /// The path inside the context archive (and in the Dockerfile's `COPY` source).
    public let archivePath: String?
    /// The folder that a relative ``sourcePath`` is relative to.
    public let workingDirectory: String

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - sourcePath: The local path as written.
    ///   - archivePath: The member name inside the archive.
    ///   - workingDirectory: The folder a relative `sourcePath` is resolved against.
    public init(sourcePath: String, archivePath: String?, workingDirectory: String) {
        self.sourcePath = sourcePath
        self.archivePath = archivePath
        self.workingDirectory = workingDirectory
    }

    /// The absolute path the SDK reads: ``sourcePath`` resolved against ``workingDirectory``
    /// (not normalised and with symbolic links kept, as the Python SDK opens it).
    public var resolvedSourcePath: String {
        if sourcePath.hasPrefix("/") { return sourcePath }
        if sourcePath.isEmpty { return workingDirectory }
        return workingDirectory.hasSuffix("/") ? workingDirectory + sourcePath : workingDirectory + "/" + sourcePath
    }

    private enum CodingKeys: String, CodingKey {
        case sourcePath = "source_path"
        case archivePath = "archive_path"
        case workingDirectory = "working_directory"
    }
}
