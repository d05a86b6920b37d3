import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

extension Image {
    /// One command for ``runCommands(_:)-(RunCommand...)``: a shell string, or an argument
    /// list written in the `RUN ["…"]`-like form the Python SDK uses.
    public enum RunCommand: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
        /// A command line run by the shell: `RUN echo hi`.
        case shell(String)
        /// Arguments, each quoted: `RUN "bash" "-c" "echo hi"`.
        case arguments([String])

        /// Creates a shell command from a string literal.
        public init(stringLiteral value: String) { self = .shell(value) }

        /// Creates an argument list from an array literal.
        public init(arrayLiteral elements: String...) { self = .arguments(elements) }
    }

    /// Returns a copy that runs the given commands, one `RUN` line each.
    ///
    ///     let image = try Image.base("alpine").runCommands("echo hello", ["bash", "-c", "echo again"])
    ///
    /// A shell string is written verbatim, as in the Python SDK (line breaks included). An
    /// argument list is one `RUN` line with each argument quoted, so a line break inside an
    /// argument would start a new instruction: it is refused.
    ///
    /// - Throws: ``DaytonaBadRequestError`` naming the argument when an argument of a list holds
    ///   a newline or carriage return; nothing is added then.
    public consuming func runCommands(_ commands: RunCommand...) throws -> Image {
        try runCommands(commands)
    }

    /// Returns a copy that runs the given shell command lines, one `RUN` line each, verbatim.
    ///
    ///     let image = Image.base("alpine").runCommands("apk add curl", "echo ready")
    ///
    /// Shell strings cannot be refused, so this form does not throw (programs written before
    /// argument lists were checked keep compiling).
    public consuming func runCommands(_ commands: String...) -> Image {
        var image = self
        for line in commands { image.append("RUN \(line)\n") }
        return image
    }

    /// Returns a copy that runs the given commands, one `RUN` line each (array form).
    ///
    /// - Throws: as ``runCommands(_:)-(RunCommand...)``.
    public consuming func runCommands(_ commands: [RunCommand]) throws -> Image {
        var image = self
        try image.appendRunCommands(commands)
        return image
    }

    /// Returns a copy that sets environment variables, one `ENV` line each, in the order written.
    ///
    ///     let image = try Image.base("alpine").env(["PROJECT_ROOT": "/home/daytona", "MODE": "dev"])
    ///
    /// Values are shell-quoted. A dictionary literal keeps its order here, so the same code
    /// always gives the same Dockerfile.
    ///
    /// - Throws: ``DaytonaBadRequestError`` when a key is empty or holds white space or `=`,
    ///   or a key or value holds a line break.
    public consuming func env(_ variables: KeyValuePairs<String, String>) throws -> Image {
        var image = self
        try image.appendEnvironment(variables.map { ($0.key, $0.value) })
        return image
    }

    /// Returns a copy that sets environment variables from ordered pairs.
    public consuming func env(_ variables: [(String, String)]) throws -> Image {
        var image = self
        try image.appendEnvironment(variables)
        return image
    }

    /// Returns a copy whose working folder is `path` (a shell-quoted `WORKDIR` line).
    ///
    /// - Throws: ``DaytonaBadRequestError`` when the path holds a line break.
    public consuming func workdir(_ path: String) throws -> Image {
        var image = self
        try image.appendWorkdir(path)
        return image
    }

    /// Returns a copy with the given entry point, as a JSON array of strings.
    ///
    ///     let image = Image.base("alpine").entrypoint(["/bin/sh", "-c"])
    public consuming func entrypoint(_ arguments: [String]) -> Image {
        var image = self
        image.append("ENTRYPOINT \(Self.execForm(arguments))\n")
        return image
    }

    /// Returns a copy with the given default command, as a JSON array of strings.
    ///
    ///     let image = Image.base("alpine").cmd(["/bin/sh"])
    public consuming func cmd(_ arguments: [String]) -> Image {
        var image = self
        image.append("CMD \(Self.execForm(arguments))\n")
        return image
    }

    /// Returns a copy with raw Dockerfile lines appended; their `COPY` sources become contexts.
    ///
    ///     let image = try Image.base("alpine").dockerfileCommands(["RUN echo 'Hello, world!'"], contextDir: nil)
    ///
    /// - Parameters:
    ///   - commands: Dockerfile lines, joined with newlines.
    ///   - contextDir: The folder `COPY` sources are relative to; `nil` for the working folder.
    ///   - strictContext: Refuse `COPY` sources outside `contextDir` (which it requires).
    /// - Throws: ``DaytonaNotFoundError`` when `contextDir` is missing; ``DaytonaBadRequestError``
    ///   when it is not a folder or a source lies outside it under `strictContext`.
    public consuming func dockerfileCommands(
        _ commands: [String],
        contextDir: String? = nil,
        strictContext: Bool = false
    ) throws -> Image {
        var image = self
        try image.appendDockerfileCommands(commands, contextDirectory: contextDir, strictContext: strictContext)
        return image
    }
}

extension Image {
    mutating func appendRunCommands(_ commands: [RunCommand]) throws {
        for (index, command) in commands.enumerated() {
            guard case .arguments(let arguments) = command else { continue }
            for (position, argument) in arguments.enumerated() where argument.containsLineBreak {
                let key = "run_commands[\(index)][\(position)]"
                throw DaytonaBadRequestError(
                    reason:
                        "argument \(key) holds a line break, which would start a new instruction: "
                        + PythonText.repr(argument),
                    location: .init(key: key)
                )
            }
        }
        for command in commands {
            switch command {
            case .shell(let line):
                append("RUN \(line)\n")
            case .arguments(let arguments):
                let quoted = arguments.map { argument in
                    "\"" + argument.replacingAll("\"", with: "\\\\\\\"").replacingAll("'", with: "\\'") + "\""
                }
                append("RUN \(quoted.joined(separator: " "))\n")
            }
        }
    }

    mutating func appendEnvironment(_ variables: [(String, String)]) throws {
        for (key, value) in variables {
            if key.isEmpty || key.unicodeScalars.contains(where: { PythonText.isWhitespace($0) || $0 == "=" }) {
                throw DaytonaBadRequestError(
                    message:
                        "Invalid environment variable name \(PythonText.repr(key)): it must be non-empty, without white space or '='"
                )
            }
            if value.containsLineBreak {
                throw DaytonaBadRequestError(
                    message: "Environment variable \(key) has a value with a line break: \(PythonText.repr(value))"
                )
            }
        }
        for (key, value) in variables {
            append("ENV \(key)=\(PythonText.shellQuote(value))\n")
        }
    }

    mutating func appendWorkdir(_ path: String) throws {
        guard !path.containsLineBreak else {
            throw DaytonaBadRequestError(message: "Working directory holds a line break: \(PythonText.repr(path))")
        }
        append("WORKDIR \(PythonText.shellQuote(path))\n")
    }

    /// `["a", "b"]` with each argument a JSON string (quotes, backslashes and controls escaped).
    static func execForm(_ arguments: [String]) -> String {
        "[" + arguments.map { JSONText.string($0) }.joined(separator: ", ") + "]"
    }

    mutating func appendDockerfileCommands(_ commands: [String], contextDirectory: String?, strictContext: Bool) throws
    {
        var prefix = ""
        if let contextDirectory, !contextDirectory.isEmpty {
            prefix = paths.expandUser(contextDirectory)
            switch try paths.kind(of: prefix) {
            case nil: throw DaytonaNotFoundError(message: "Context directory \(prefix) does not exist")
            case .directory: break
            default: throw DaytonaBadRequestError(message: "Context path \(prefix) exists but is not a directory")
            }
        } else if strictContext {
            throw DaytonaBadRequestError(
                message: "strict_context requires context_dir so that the build context boundary is explicit"
            )
        }
        let text = commands.joined(separator: "\n")
        try addCopySources(of: text, prefix: prefix, strictContext: strictContext, ignoreFileFor: "Dockerfile")
        append(text + "\n")
    }

    /// Adds a context for each `COPY` source in `text`, resolved against `prefix`.
    ///
    /// Sources are globbed; a pattern that matches nothing is kept as written. The archive path
    /// is the matched path without `prefix`, unless the source itself was written with the
    /// prefix (the Python SDK's rule, kept for agreement). Each source inside the context folder
    /// (`prefix`) gets the rules of its ignore file (``Dockerignore``, read for the Dockerfile
    /// named `dockerfileName` when there is a source at all).
    mutating func addCopySources(
        of text: String,
        prefix: String,
        strictContext: Bool,
        ignoreFileFor dockerfileName: String
    ) throws {
        let sources = CopySources.sources(in: text)
        guard !sources.isEmpty else { return }
        let ignore = try Dockerignore.read(inFolder: prefix, dockerfileName: dockerfileName, paths: paths)
        let realRoot =
            strictContext
            ? LocalFileSystem.realPath(prefix.isEmpty ? "." : prefix, workingDirectory: paths.workingDirectory) : nil
        let glob = PythonGlob(workingDirectory: paths.workingDirectory)
        for source in sources {
            if realRoot != nil { try Self.ensureWithinContext(source: source) }
            let pattern = source.hasPrefix("/") ? source : PythonPath.join(prefix, source)
            var matches = try glob.matches(pattern)
            if matches.isEmpty { matches = [pattern] }
            for match in matches {
                if let realRoot { try ensure(match, isWithin: realRoot) }
                let archivePath = source.hasScalarPrefix(prefix) ? match : match.removingScalarPrefix(prefix)
                appendContext(
                    sourcePath: match,
                    archivePath: archivePath,
                    ignore: ignore?.ignore(for: match, paths: paths)
                )
            }
        }
    }

    /// Refuses a source that names something outside the build context by its text alone.
    private static func ensureWithinContext(source: String) throws {
        let candidate = source.replacingAll("\\", with: "/")
        let normalized = PythonPath.normalize(candidate)
        let hasDrive: Bool = {
            let scalars = Array(source.unicodeScalars)
            return scalars.count >= 2 && scalars[1] == ":"
        }()
        if candidate.hasPrefix("/") || hasDrive || normalized == ".." || normalized.hasPrefix("../") {
            throw DaytonaBadRequestError(message: "forbidden path outside the build context: \(source)")
        }
    }

    /// Refuses a matched path whose real location (links resolved) is outside `root`.
    private func ensure(_ candidate: String, isWithin root: String) throws {
        let path = paths.resolve(candidate)
        guard LocalFileSystem.entryExists(at: path) else { return }
        let resolved = LocalFileSystem.realPath(path, workingDirectory: paths.workingDirectory)
        let relative = PythonPath.relative(resolved, to: root)
        if relative == ".." || relative.hasPrefix("../") {
            throw DaytonaBadRequestError(message: "forbidden path outside the build context: \(resolved)")
        }
    }
}
