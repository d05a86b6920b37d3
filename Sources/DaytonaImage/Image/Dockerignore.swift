import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// The ignore file of a Dockerfile's build context folder, read as `docker build` reads it:
/// `<Dockerfile name>.dockerignore` when it exists, else `.dockerignore`.
struct Dockerignore {
    /// The rules the file holds (never empty).
    var rules: IgnoreRules
    /// The context folder, absolute and normalised.
    var folder: String
    /// The file's path, as found (relative paths as the folder was written).
    var file: String

    /// Reads the ignore file of `folder` (as written: `""` is the working folder); `nil` when
    /// there is none or it holds no pattern.
    ///
    /// - Throws: ``DaytonaBadRequestError`` when the file is not a file or not UTF-8 text, or
    ///   holds a malformed pattern (naming its line).
    static func read(inFolder folder: String, dockerfileName: String, paths: PathEnvironment) throws -> Dockerignore? {
        let absolute = PythonPath.absolute(paths.resolve(folder.isEmpty ? "." : folder), workingDirectory: "/")
        var names = [".dockerignore"]
        if !dockerfileName.isEmpty { names.insert(dockerfileName + ".dockerignore", at: 0) }
        for name in names {
            let file = PythonPath.join(folder, name)
            let path = PythonPath.join(absolute, name)
            switch try LocalFileSystem.kind(at: path) {
            case nil: continue
            case .file: break
            default: throw DaytonaBadRequestError(message: "Ignore file \(file) exists but is not a file")
            }
            guard let text = String(validating: try LocalFileSystem.contents(of: path), as: UTF8.self) else {
                throw DaytonaBadRequestError(message: "Ignore file \(file) is not UTF-8 text")
            }
            let rules = try IgnoreRules(dockerignoreText: text, file: file)
            return rules.isEmpty ? nil : Dockerignore(rules: rules, folder: absolute, file: file)
        }
        return nil
    }

    /// The rules for a `COPY` source (as matched, relative to the working folder or absolute);
    /// `nil` when the source lies outside the context folder, where the rules do not reach.
    func ignore(for source: String, paths: PathEnvironment) -> Context.Ignore? {
        let path = PythonPath.absolute(source, workingDirectory: paths.workingDirectory)
        let relative = PythonPath.relative(path, to: folder)
        if relative == ".." || relative.hasPrefix("../") { return nil }
        return Context.Ignore(rules: rules, rootPath: relative == "." ? "" : relative, file: file)
    }
}
