import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

extension Image {
    /// Returns a copy that installs the given Python packages with pip.
    ///
    ///     let image = try Image.debianSlim("3.12").pipInstall("requests", "pandas>=2")
    ///
    /// The packages are sorted by code point and shell-quoted into one
    /// `RUN python -m pip install …` line; an empty list adds nothing.
    ///
    /// - Parameters:
    ///   - packages: Requirement specifiers, passed to pip unchanged.
    ///   - findLinks: Extra places to look for archives (`--find-links`).
    ///   - indexURL: An index to use instead of PyPI (`--index-url`).
    ///   - extraIndexURLs: Further indexes (`--extra-index-url`).
    ///   - pre: Allow pre-release versions (`--pre`).
    ///   - extraOptions: Further pip options, appended as written (trimmed).
    /// - Throws: ``DaytonaBadRequestError`` when a package or option holds a line break.
    public consuming func pipInstall(
        _ packages: String...,
        findLinks: [String] = [],
        indexURL: String? = nil,
        extraIndexURLs: [String] = [],
        pre: Bool = false,
        extraOptions: String = ""
    ) throws -> Image {
        try pipInstall(
            packages,
            findLinks: findLinks,
            indexURL: indexURL,
            extraIndexURLs: extraIndexURLs,
            pre: pre,
            extraOptions: extraOptions
        )
    }

    /// Returns a copy that installs the given Python packages with pip (array form).
    ///
    ///     let image = try Image.debianSlim().pipInstall(["numpy"], indexURL: "https://example.org/simple", pre: true)
    ///
    /// See ``pipInstall(_:findLinks:indexURL:extraIndexURLs:pre:extraOptions:)-(String...,_,_,_,_,_)``.
    public consuming func pipInstall(
        _ packages: [String],
        findLinks: [String] = [],
        indexURL: String? = nil,
        extraIndexURLs: [String] = [],
        pre: Bool = false,
        extraOptions: String = ""
    ) throws -> Image {
        var image = self
        let options = PipOptions(
            findLinks: findLinks,
            indexURL: indexURL,
            extraIndexURLs: extraIndexURLs,
            pre: pre,
            extraOptions: extraOptions
        )
        try image.appendPipInstall(packages, options: options)
        return image
    }

    /// Returns a copy that installs the packages of a `requirements.txt` file.
    ///
    ///     let image = try Image.debianSlim("3.12").pipInstallFromRequirements("requirements.txt")
    ///
    /// The file becomes a context and is copied to `/.requirements.txt` before pip runs.
    ///
    /// - Throws: ``DaytonaNotFoundError`` when the file is missing, ``DaytonaBadRequestError``
    ///   when the path is not a file or an option holds a line break.
    public consuming func pipInstallFromRequirements(
        _ requirementsPath: String,
        findLinks: [String] = [],
        indexURL: String? = nil,
        extraIndexURLs: [String] = [],
        pre: Bool = false,
        extraOptions: String = ""
    ) throws -> Image {
        var image = self
        let options = PipOptions(
            findLinks: findLinks,
            indexURL: indexURL,
            extraIndexURLs: extraIndexURLs,
            pre: pre,
            extraOptions: extraOptions
        )
        try image.appendPipInstallFromRequirements(requirementsPath, options: options)
        return image
    }

    /// Returns a copy that installs the dependencies a `pyproject.toml` declares.
    ///
    ///     let image = try Image.debianSlim("3.12").pipInstallFromPyproject("pyproject.toml", optionalDependencies: ["dev"])
    ///
    /// Installs `[project].dependencies` plus each named group of
    /// `[project.optional-dependencies]` (a group that does not exist is skipped).
    ///
    /// - Throws: ``DaytonaNotFoundError`` when the file is missing; ``DaytonaBadRequestError``
    ///   when it is not a file, is not valid TOML, lacks `[project]` or its dependencies, or a
    ///   dependency or option holds a line break.
    public consuming func pipInstallFromPyproject(
        _ pyprojectPath: String,
        optionalDependencies: [String] = [],
        findLinks: String? = nil,
        indexURL: String? = nil,
        extraIndexURL: String? = nil,
        pre: Bool = false,
        extraOptions: String = ""
    ) throws -> Image {
        var image = self
        try image.appendPipInstallFromPyproject(
            pyprojectPath,
            optionalDependencies: optionalDependencies,
            options: PipOptions(
                findLinks: findLinks.flatMap { $0.isEmpty ? nil : [$0] } ?? [],
                indexURL: indexURL,
                extraIndexURLs: extraIndexURL.flatMap { $0.isEmpty ? nil : [$0] } ?? [],
                pre: pre,
                extraOptions: extraOptions
            )
        )
        return image
    }
}

/// The pip options every pip step takes.
struct PipOptions: Sendable, Hashable {
    var findLinks: [String] = []
    var indexURL: String? = nil
    var extraIndexURLs: [String] = []
    var pre = false
    var extraOptions = ""

    /// Refuses option values that would split the Dockerfile line.
    func validate() throws {
        for (name, value) in [("find_links", findLinks), ("extra_index_urls", extraIndexURLs)] {
            for item in value where item.containsLineBreak {
                throw DaytonaBadRequestError(message: "pip option \(name) holds a line break: \(PythonText.repr(item))")
            }
        }
        if let indexURL, indexURL.containsLineBreak {
            throw DaytonaBadRequestError(
                message: "pip option index_url holds a line break: \(PythonText.repr(indexURL))"
            )
        }
        if extraOptions.containsLineBreak {
            throw DaytonaBadRequestError(
                message: "pip option extra_options holds a line break: \(PythonText.repr(extraOptions))"
            )
        }
    }

    /// The options as the Python SDK writes them after the packages, each with a leading space.
    var arguments: String {
        var text = ""
        for link in findLinks {
            text += " --find-links \(PythonText.shellQuote(link))"
        }
        if let indexURL, !indexURL.isEmpty { text += " --index-url \(PythonText.shellQuote(indexURL))" }
        for url in extraIndexURLs { text += " --extra-index-url \(PythonText.shellQuote(url))" }
        if pre { text += " --pre" }
        if !extraOptions.isEmpty { text += " " + String(PythonText.strip(Substring(extraOptions))) }
        return text
    }
}

extension Image {
    mutating func appendPipInstall(_ packages: [String], options: PipOptions) throws {
        try options.validate()
        for package in packages where package.containsLineBreak {
            throw DaytonaBadRequestError(message: "Package name holds a line break: \(PythonText.repr(package))")
        }
        guard !packages.isEmpty else { return }
        let sorted = packages.sorted(by: PythonText.codePointLess)
        var line = "RUN python -m pip install "
        line += sorted.map(PythonText.shellQuote).joined(separator: " ")
        line += options.arguments
        line += "\n"
        append(line)
    }

    mutating func appendPipInstallFromRequirements(_ path: String, options: PipOptions) throws {
        let expanded = paths.expandUser(path)
        switch try paths.kind(of: expanded) {
        case nil: throw DaytonaNotFoundError(message: "Requirements file \(expanded) does not exist")
        case .file: break
        default: throw DaytonaBadRequestError(message: "Requirements path \(expanded) exists but is not a file")
        }
        try options.validate()
        let archivePath = paths.archivePath(for: expanded)
        appendContext(sourcePath: expanded, archivePath: archivePath)
        if archivePath.unicodeScalars.contains(where: \.properties.isWhitespace) {
            append("COPY \(PythonText.jsonList([archivePath, "/.requirements.txt"]))\n")
        } else {
            append("COPY \(archivePath) /.requirements.txt\n")
        }
        append("RUN python -m pip install -r /.requirements.txt\(options.arguments)\n")
    }

    mutating func appendPipInstallFromPyproject(
        _ path: String,
        optionalDependencies: [String],
        options: PipOptions
    ) throws {
        let expanded = paths.expandUser(path)
        switch try paths.kind(of: expanded) {
        case nil: throw DaytonaNotFoundError(message: "pyproject.toml file \(expanded) does not exist")
        case .file: break
        default: throw DaytonaBadRequestError(message: "pyproject.toml path \(expanded) exists but is not a file")
        }
        let dependencies = try PyprojectDependencies.read(
            at: paths.resolve(expanded),
            displayPath: expanded,
            optionalGroups: optionalDependencies
        )
        try appendPipInstall(dependencies, options: options)
    }
}
