import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

extension Image {
    /// Creates the image a recipe file (YAML or JSON) describes.
    ///
    ///     let image = try Image(recipeAt: "Examples/python-app/recipe.yaml")
    ///
    /// Relative paths in the recipe resolve as if the process had been started in the recipe
    /// file's folder, so the output is the same whatever the current folder is. `~` expands to
    /// `homeDirectory` (by default `$HOME`).
    ///
    /// - Throws: ``DaytonaNotFoundError`` when the file is missing; ``DaytonaBadRequestError``
    ///   naming the step index and key for a malformed recipe; and whatever a step throws,
    ///   with the step named in the message.
    public init(recipeAt path: String, homeDirectory: String? = nil) throws {
        let current = PathEnvironment.current
        guard path.hasPrefix("/") || current.workingDirectory.hasPrefix("/") else {
            throw DaytonaBadRequestError(
                message:
                    "Recipe file \(path): the working folder cannot be determined (was it removed?); give an absolute path"
            )
        }
        let absolute = PythonPath.absolute(path, workingDirectory: current.workingDirectory)
        switch try LocalFileSystem.kind(at: absolute) {
        case nil: throw DaytonaNotFoundError(message: "Recipe file \(path) does not exist")
        case .file: break
        default: throw DaytonaBadRequestError(message: "Recipe path \(path) exists but is not a file")
        }
        let bytes = try LocalFileSystem.contents(of: absolute)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DaytonaBadRequestError(message: "Recipe file \(path) is not UTF-8 text")
        }
        try self.init(
            recipeText: text,
            workingDirectory: PythonPath.split(absolute).head,
            homeDirectory: homeDirectory ?? current.homeDirectory
        )
    }

    /// Creates the image a recipe's text describes.
    ///
    ///     let image = try Image(recipeText: "steps:\n- base: alpine\n- workdir: /app\n", workingDirectory: "/srv")
    ///
    /// - Parameters:
    ///   - recipeText: YAML or JSON: a mapping whose `steps` list holds one mapping per builder call.
    ///   - workingDirectory: The absolute folder relative paths resolve against.
    ///   - homeDirectory: What `~` expands to; `$HOME` by default.
    public init(recipeText: String, workingDirectory: String, homeDirectory: String? = nil) throws {
        let paths = PathEnvironment(
            workingDirectory: workingDirectory,
            homeDirectory: homeDirectory ?? LocalFileSystem.currentHomeDirectory()
        )
        let steps = try RecipeReader.steps(in: recipeText)
        self = try RecipeReader.build(steps, paths: paths)
    }
}
