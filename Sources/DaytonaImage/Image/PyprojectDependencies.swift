import DaytonaErrors
import DaytonaJSON
import DaytonaSystem
import TOMLKit

/// Reads the dependency lists of a `pyproject.toml` file.
enum PyprojectDependencies {
    private static let guide =
        "See https://packaging.python.org/en/latest/guides/writing-pyproject-toml for further file format guidelines."

    /// `[project].dependencies` followed by each named optional group that exists.
    ///
    /// - Parameters:
    ///   - path: Where to read the file.
    ///   - displayPath: The path as the caller wrote it, for messages.
    ///   - optionalGroups: Names in `[project.optional-dependencies]` to include.
    static func read(at path: String, displayPath: String, optionalGroups: [String]) throws -> [String] {
        guard let text = String(validating: try LocalFileSystem.contents(of: path), as: UTF8.self) else {
            throw DaytonaBadRequestError(message: "Invalid pyproject.toml file \(displayPath): not UTF-8 text")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw DaytonaBadRequestError(
                message:
                    "Invalid pyproject.toml file \(displayPath): \(error.description) (line \(error.source.begin.line), column \(error.source.begin.column))"
            )
        } catch {
            throw DaytonaBadRequestError(message: "Invalid pyproject.toml file \(displayPath): \(error)")
        }
        guard let project = table["project"]?.table else {
            throw DaytonaBadRequestError(message: "No [project] section in pyproject.toml file. " + guide)
        }
        guard let declared = project["dependencies"]?.array else {
            throw DaytonaBadRequestError(message: "No [project.dependencies] section in pyproject.toml file. " + guide)
        }
        var dependencies = declared.map { pythonString(of: $0) }
        if !optionalGroups.isEmpty {
            let optionals: TOMLTable
            if let value = project["optional-dependencies"] {
                guard let groups = value.table else {
                    throw DaytonaBadRequestError(message: "optional-dependencies must be a mapping in pyproject.toml")
                }
                optionals = groups
            } else {
                optionals = TOMLTable()
            }
            for name in optionalGroups {
                guard let group = optionals[name] else { continue }
                if let items = group.array {
                    dependencies += items.map { pythonString(of: $0) }
                } else if let text = group.string {
                    // Python iterates a string group character by character.
                    dependencies += text.map { String($0) }
                } else if let nested = group.table {
                    dependencies += nested.keys
                } else {
                    throw DaytonaBadRequestError(
                        message: "optional-dependencies group \(PythonText.repr(name)) in \(displayPath) is not a list"
                    )
                }
            }
        }
        return dependencies
    }

    /// Python's `str()` of a TOML value.
    private static func pythonString(of value: TOMLValueConvertible) -> String {
        if let text = value.string { return text }
        if let bool = value.bool { return bool ? "True" : "False" }
        if let int = value.int { return String(int) }
        if let double = value.double { return double.description }
        return value.debugDescription
    }
}
