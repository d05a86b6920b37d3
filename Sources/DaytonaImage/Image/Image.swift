import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// A declarative description of a Daytona sandbox image: a Dockerfile and the local files it needs.
///
/// Start from a factory (``base(_:)``, ``debianSlim(_:)``, ``fromDockerfile(_:strictContext:)``)
/// and chain steps; each step returns a new image and leaves the old one unchanged. The
/// Dockerfile text agrees byte for byte with the Python SDK's for the same calls, so an image
/// means the same thing whichever SDK built it.
///
/// ```swift
/// let image = try Image.debianSlim("3.12")
///     .pipInstall("requests", "pandas")
///     .addLocalDir("src", remotePath: "/home/daytona/src")
///     .workdir("/home/daytona")
/// print(image.dockerfile)
/// ```
///
/// Relative local paths are resolved against the process's working folder when the image is
/// created (or, for an image loaded from a recipe file, the recipe's folder), and `~` expands to
/// the home folder.
public struct Image: Sendable, Hashable {
    /// The Dockerfile text, one instruction per line, ending with a newline.
    public private(set) var dockerfile: String
    /// The local files and folders the Dockerfile's `COPY` lines need, in the order they were added.
    public private(set) var contextList: [Context]
    /// Where relative paths are resolved and what `~` expands to.
    let paths: PathEnvironment

    init(dockerfile: String, paths: PathEnvironment) {
        self.dockerfile = dockerfile
        self.contextList = []
        self.paths = paths
    }

    /// Compares what a build would see: the Dockerfiles and the context lists.
    ///
    /// The folder that later relative paths would resolve against is not compared.
    public static func == (lhs: Image, rhs: Image) -> Bool {
        lhs.dockerfile == rhs.dockerfile && lhs.contextList == rhs.contextList
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dockerfile)
        hasher.combine(contextList)
    }

    /// Appends text to the Dockerfile in place; the recipe loader builds long images this way
    /// so that building stays linear in the number of steps.
    mutating func append(_ text: String) {
        dockerfile += text
    }

    /// Records a context in place.
    mutating func appendContext(sourcePath: String, archivePath: String, ignore: Context.Ignore? = nil) {
        contextList.append(
            Context(
                sourcePath: sourcePath,
                archivePath: archivePath,
                workingDirectory: paths.workingDirectory,
                ignore: ignore
            )
        )
    }
}

/// The two facts about the process that path handling depends on.
struct PathEnvironment: Sendable, Hashable {
    /// The folder relative paths are resolved against (absolute, not necessarily normalised).
    var workingDirectory: String
    /// The folder `~` stands for.
    var homeDirectory: String

    /// The current process's working folder and home folder.
    static var current: PathEnvironment {
        PathEnvironment(
            workingDirectory: LocalFileSystem.currentDirectory(),
            homeDirectory: LocalFileSystem.currentHomeDirectory()
        )
    }

    /// `os.path.expanduser`.
    func expandUser(_ path: String) -> String {
        PythonPath.expandUser(path, home: homeDirectory)
    }

    /// The path the file system is asked about: relative paths joined to the working folder.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.isEmpty { return workingDirectory }
        return PythonPath.join(workingDirectory, path)
    }

    /// What the Python SDK asks `pathlib.Path(path).exists()` / `.is_file()` about.
    func kind(of path: String) throws -> LocalFileSystem.Kind? {
        try LocalFileSystem.kind(at: resolve(PythonPath.pathlibForm(path)))
    }

    /// The archive path of a local path: normalised, without its root; a path that climbs above
    /// the working folder gets its absolute form instead, so the archive member never escapes.
    func archivePath(for path: String) -> String {
        let relative = Self.pythonArchivePath(path)
        guard relative == ".." || relative.hasPrefix("../") else { return relative }
        return Self.pythonArchivePath(PythonPath.absolute(path, workingDirectory: workingDirectory))
    }

    /// The Python SDK's `compute_archive_base_path`: `normpath`, then leading `/` and `\` removed.
    static func pythonArchivePath(_ path: String) -> String {
        let normalized = PythonPath.normalize(path)
        let withoutSlashes = normalized.drop { $0 == "/" }
        return String(withoutSlashes.drop { $0 == "\\" })
    }
}
