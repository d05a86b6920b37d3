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
    /// The rules that leave files of this context out, or `nil` when everything is sent.
    ///
    /// Ignored files are absent from everything that counts the context's content: both
    /// hashes, the archive, a build folder and a build. The context itself stays in the
    /// image's context list (its `COPY` line is unchanged).
    public let ignore: Ignore?

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - sourcePath: The local path as written.
    ///   - archivePath: The member name inside the archive.
    ///   - workingDirectory: The folder a relative `sourcePath` is resolved against.
    ///   - ignore: Rules that leave files out, or `nil`.
    public init(sourcePath: String, archivePath: String?, workingDirectory: String, ignore: Ignore? = nil) {
        self.sourcePath = sourcePath
        self.archivePath = archivePath
        self.workingDirectory = workingDirectory
        self.ignore = ignore
    }

    /// Ignore rules and where the context sits in the folder they are written for.
    public struct Ignore: Sendable, Hashable, Codable {
        /// The rules.
        public var rules: IgnoreRules
        /// The context's root relative to the rules' folder, `/`-separated; `""` when the
        /// context is that folder (`add_local_dir`), `app/lib` for the `COPY app/lib` source of a
        /// Dockerfile whose folder has a `.dockerignore`.
        public var rootPath: String
        /// Where the rules came from (a `.dockerignore` file's path), for messages; `nil` when
        /// given in code or a recipe.
        public var file: String?

        /// Creates the rules of one context.
        public init(rules: IgnoreRules, rootPath: String = "", file: String? = nil) {
            self.rules = rules
            self.rootPath = rootPath
            self.file = file
        }

        private enum CodingKeys: String, CodingKey {
            case rules
            case rootPath = "root_path"
            case file
        }
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
        case ignore
    }
}
