import DaytonaErrors
import DaytonaJSON
import DaytonaSystem
import Yams

/// Reads recipe text into steps and applies them to an image.
enum RecipeReader {
    private static let factories: Set<String> = ["base", "debian_slim", "from_dockerfile"]
    private static let pipKeywords: Set<String> = [
        "find_links", "index_url", "extra_index_urls", "pre", "extra_options",
    ]

    /// The steps of a recipe, validated for shape (not yet for meaning).
    static func steps(in text: String) throws -> [RecipeStep] {
        let root: RecipeNode?
        if RecipeNode.looksLikeJSON(text) {
            // JSON is YAML and Yams reads it right, but building Yams nodes for a large recipe
            // costs more than all the rest of the work; the package's JSON reader is much faster.
            let value: JSONValue
            do {
                value = try JSONValue(jsonBytes: Array(text.utf8), rejectingDuplicateKeys: true)
            } catch let error as DaytonaError {
                throw error.located { $0.input = "recipe is not valid JSON" }
            }
            root = RecipeNode(json: value)
        } else if case .root(let node) = RecipeYAMLEvents.read(text) {
            // libyaml's events, read directly: the same values as Yams' nodes, several times faster.
            root = node
        } else {
            // What the event reader leaves (errors above all) goes through Yams, for its messages.
            do {
                root = try Yams.compose(yaml: text).map(RecipeNode.init(yaml:))
            } catch {
                throw DaytonaBadRequestError(message: "recipe is not valid YAML: \(error)")
            }
        }
        guard let root, case .mapping(let top) = root else {
            throw DaytonaBadRequestError(message: "recipe must be a mapping with a 'steps' list")
        }
        var stepsNode: RecipeNode?
        for (key, value) in top {
            guard let name = RecipeValue.string(key), name == "steps" else {
                throw DaytonaBadRequestError(message: "recipe: unknown top-level key \(key.summary) (expected 'steps')")
            }
            stepsNode = value
        }
        guard let stepsNode, case .sequence(let list) = stepsNode else {
            throw DaytonaBadRequestError(message: "recipe: 'steps' must be a list of step mappings")
        }
        guard !list.isEmpty else {
            throw DaytonaBadRequestError(
                message: "recipe: 'steps' is empty; the first step must be base, debian_slim or from_dockerfile"
            )
        }
        return try list.enumerated().map { index, node in
            guard case .mapping(let mapping) = node, let first = mapping.first else {
                throw DaytonaBadRequestError(
                    message: "steps[\(index)]: a step must be a mapping whose first key names the method"
                )
            }
            guard let method = RecipeValue.string(first.key) else {
                throw DaytonaBadRequestError(message: "steps[\(index)]: the first key must be a method name")
            }
            var keywords: [(name: String, value: RecipeNode)] = []
            for (key, value) in mapping.dropFirst() {
                guard let name = RecipeValue.string(key) else {
                    throw DaytonaBadRequestError(
                        message: "steps[\(index)] (\(method)): keys must be strings, not \(key.summary)"
                    )
                }
                if name == method || keywords.contains(where: { $0.name == name }) {
                    throw DaytonaBadRequestError(message: "steps[\(index)] (\(method)): duplicate key '\(name)'")
                }
                keywords.append((name, value))
            }
            return RecipeStep(index: index, method: method, argument: first.value, keywords: keywords)
        }
    }

    /// Applies the steps in order: the first must be a factory, and only the first.
    static func build(_ steps: [RecipeStep], paths: PathEnvironment) throws -> Image {
        guard let first = steps.first else {
            throw DaytonaBadRequestError(message: "recipe: 'steps' is empty")
        }
        guard factories.contains(first.method) else {
            throw first.failure("the first step must be base, debian_slim or from_dockerfile")
        }
        var image = try named(first) { try makeFactory(first, paths: paths) }
        for step in steps.dropFirst() {
            if factories.contains(step.method) {
                throw step.failure("'\(step.method)' can only be the first step")
            }
            try named(step) { try apply(step, to: &image) }
        }
        return image
    }

    /// Runs a step, re-throwing a library error of the same type with the step named.
    private static func named<T>(_ step: RecipeStep, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DaytonaError where error.location.stepIndex == nil {
            throw error.located {
                $0.stepIndex = step.index
                $0.stepName = step.method
            }
        }
    }

    private static func makeFactory(_ step: RecipeStep, paths: PathEnvironment) throws -> Image {
        switch step.method {
        case "base":
            try step.allowKeywords([])
            return Image.base(try step.string(step.argument, step.method), paths: paths)
        case "debian_slim":
            try step.allowKeywords([])
            let version = RecipeValue.isNull(step.argument) ? nil : try step.string(step.argument, step.method)
            return try Image.debianSlim(version, paths: paths)
        default:
            try step.allowKeywords(["strict_context"])
            return try Image.fromDockerfile(
                try step.string(step.argument, step.method),
                strictContext: try step.bool("strict_context"),
                paths: paths
            )
        }
    }

    private static func pipOptions(_ step: RecipeStep) throws -> PipOptions {
        PipOptions(
            findLinks: try step.optionalStrings("find_links"),
            indexURL: try step.optionalString("index_url"),
            extraIndexURLs: try step.optionalStrings("extra_index_urls"),
            pre: try step.bool("pre"),
            extraOptions: try step.optionalString("extra_options") ?? ""
        )
    }

    private static func apply(_ step: RecipeStep, to image: inout Image) throws {
        let argument = step.argument
        let key = step.method
        switch step.method {
        case "pip_install":
            try step.allowKeywords(pipKeywords)
            try image.appendPipInstall(
                try step.strings(argument, key, allowSingle: true),
                options: try pipOptions(step)
            )
        case "pip_install_from_requirements":
            try step.allowKeywords(pipKeywords)
            try image.appendPipInstallFromRequirements(try step.string(argument, key), options: try pipOptions(step))
        case "pip_install_from_pyproject":
            try step.allowKeywords([
                "optional_dependencies", "find_links", "index_url", "extra_index_url", "pre", "extra_options",
            ])
            let findLinks = try step.optionalString("find_links")
            let extraIndexURL = try step.optionalString("extra_index_url")
            try image.appendPipInstallFromPyproject(
                try step.string(argument, key),
                optionalDependencies: try step.optionalStrings("optional_dependencies"),
                options: PipOptions(
                    findLinks: findLinks.flatMap { $0.isEmpty ? nil : [$0] } ?? [],
                    indexURL: try step.optionalString("index_url"),
                    extraIndexURLs: extraIndexURL.flatMap { $0.isEmpty ? nil : [$0] } ?? [],
                    pre: try step.bool("pre"),
                    extraOptions: try step.optionalString("extra_options") ?? ""
                )
            )
        case "add_local_file":
            try step.allowKeywords(["remote_path"], required: ["remote_path"])
            try image.appendLocalFile(try step.string(argument, key), remotePath: try remotePath(step))
        case "add_local_dir":
            try step.allowKeywords(["remote_path", "ignore"], required: ["remote_path"])
            try image.appendLocalDirectory(
                try step.string(argument, key),
                remotePath: try remotePath(step),
                ignoring: try step.optionalStrings("ignore")
            )
        case "apt_install":
            try step.allowKeywords([])
            try image.appendAptInstall(try step.strings(argument, key, allowSingle: true))
        case "uv_pip_install":
            try step.allowKeywords(["find_links", "index_url", "extra_index_urls", "pre", "uv_version"])
            try image.appendUVPipInstall(
                try step.strings(argument, key, allowSingle: true),
                options: PipOptions(
                    findLinks: try step.optionalStrings("find_links"),
                    indexURL: try step.optionalString("index_url"),
                    extraIndexURLs: try step.optionalStrings("extra_index_urls"),
                    pre: try step.bool("pre")
                ),
                uvVersion: try step.optionalString("uv_version") ?? Image.defaultUVVersion,
                keepUV: false
            )
        case "run_commands":
            try step.allowKeywords([])
            try image.appendRunCommands(try runCommands(step))
        case "env":
            try step.allowKeywords([])
            guard case .mapping(let mapping) = argument else {
                throw step.failure(
                    RecipeValue.mismatch(key, expected: "a mapping of names to strings", got: argument),
                    key: key
                )
            }
            let pairs = try mapping.map { pair in
                (try step.string(pair.key, "env key"), try step.string(pair.value, "env.\(pair.key.string ?? "?")"))
            }
            try image.appendEnvironment(pairs)
        case "workdir":
            try step.allowKeywords([])
            try image.appendWorkdir(try step.string(argument, key))
        case "entrypoint":
            try step.allowKeywords([])
            image = image.entrypoint(try step.strings(argument, key))
        case "cmd":
            try step.allowKeywords([])
            image = image.cmd(try step.strings(argument, key))
        case "dockerfile_commands":
            try step.allowKeywords(["context_dir", "strict_context"])
            try image.appendDockerfileCommands(
                try step.strings(argument, key),
                contextDirectory: try step.optionalString("context_dir"),
                strictContext: try step.bool("strict_context")
            )
        default:
            throw step.failure(
                "unknown step; expected one of base, debian_slim, from_dockerfile, pip_install, "
                    + "pip_install_from_requirements, pip_install_from_pyproject, add_local_file, add_local_dir, "
                    + "run_commands, env, workdir, entrypoint, cmd, dockerfile_commands, apt_install, uv_pip_install"
            )
        }
    }

    private static func remotePath(_ step: RecipeStep) throws -> String {
        guard let node = step.keyword("remote_path") else {
            throw step.failure("'remote_path' must be a string, not null")
        }
        return try step.string(node, "remote_path")
    }

    private static func runCommands(_ step: RecipeStep) throws -> [Image.RunCommand] {
        if let single = RecipeValue.string(step.argument) { return [.shell(single)] }
        guard case .sequence(let items) = step.argument else {
            throw step.failure(
                RecipeValue.mismatch(step.method, expected: "a command or a list of commands", got: step.argument)
            )
        }
        return try items.enumerated().map { offset, item in
            if let line = RecipeValue.string(item) { return .shell(line) }
            return .arguments(try step.strings(item, "run_commands[\(offset)]"))
        }
    }
}
