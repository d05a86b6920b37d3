import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

extension Image {
    /// The uv release ``uvPipInstall(_:findLinks:indexURL:extraIndexURLs:pre:uvVersion:keepUV:)-(String...,_,_,_,_,_,_)``
    /// copies from its official image unless told otherwise.
    public static let defaultUVVersion = "0.13.8"

    /// Where the uv binary is put while it installs.
    static let uvPath = "/usr/local/bin/uv"

    /// Returns a copy that installs Debian packages with apt, in one `RUN` line.
    ///
    ///     let image = try Image.debianSlim("3.12").aptInstall("curl", "git")
    ///     // RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/*
    ///
    /// The line updates the package lists, installs without questions (`DEBIAN_FRONTEND`
    /// applies to that command only, not to the image) and without recommended packages, and
    /// removes the lists again so that they do not stay in the image. Packages are shell-quoted
    /// and kept in the order given (`curl=7.88.1-10`, `python3-*` and the like pass through to
    /// apt). An empty list adds nothing. Not in the Python SDK.
    ///
    /// - Throws: ``DaytonaBadRequestError`` when a package is empty, starts with `-` (apt would
    ///   read it as an option) or holds a line break.
    public consuming func aptInstall(_ packages: String...) throws -> Image {
        try aptInstall(packages)
    }

    /// Returns a copy that installs Debian packages with apt (array form); see
    /// ``aptInstall(_:)-(String...)``.
    public consuming func aptInstall(_ packages: [String]) throws -> Image {
        var image = self
        try image.appendAptInstall(packages)
        return image
    }

    /// Returns a copy that installs Python packages with uv into the image's Python.
    ///
    ///     let image = try Image.debianSlim("3.12").uvPipInstall("requests", "pandas>=2")
    ///     // COPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /usr/local/bin/uv
    ///     // RUN uv pip install --system --no-cache 'pandas>=2' requests && rm -f /usr/local/bin/uv
    ///
    /// The first line copies the `uv` binary of the pinned release from uv's official image
    /// (`ghcr.io/astral-sh/uv:VERSION`); the second installs into the first Python on `PATH`
    /// (`--system`: the interpreter `python -m pip` would use, no virtual environment), keeps
    /// no download cache in the image (`--no-cache`), and removes the binary again unless
    /// `keepUV` is set. Packages are sorted by code point and shell-quoted, and the options
    /// follow them, as in ``pipInstall(_:findLinks:indexURL:extraIndexURLs:pre:extraOptions:)-(String...,_,_,_,_,_)``:
    /// ` --find-links URL`, ` --index-url URL`, ` --extra-index-url URL`, and
    /// ` --prerelease allow` for `pre`. An empty list adds nothing. Not in the Python SDK.
    ///
    /// - Parameters:
    ///   - packages: Requirement specifiers, passed to uv unchanged.
    ///   - findLinks: Extra places to look for archives (`--find-links`).
    ///   - indexURL: An index to use instead of PyPI (`--index-url`).
    ///   - extraIndexURLs: Further indexes (`--extra-index-url`).
    ///   - pre: Allow pre-release versions (`--prerelease allow`).
    ///   - uvVersion: The uv release (a tag of uv's image, such as `0.13.8`).
    ///   - keepUV: Leave the `uv` binary at `/usr/local/bin/uv`.
    /// - Throws: ``DaytonaBadRequestError`` when a package or option holds a line break, or the
    ///   version is not a plain tag (letters, digits, `.`, `_`, `-`).
    public consuming func uvPipInstall(
        _ packages: String...,
        findLinks: [String] = [],
        indexURL: String? = nil,
        extraIndexURLs: [String] = [],
        pre: Bool = false,
        uvVersion: String = Image.defaultUVVersion,
        keepUV: Bool = false
    ) throws -> Image {
        try uvPipInstall(
            packages,
            findLinks: findLinks,
            indexURL: indexURL,
            extraIndexURLs: extraIndexURLs,
            pre: pre,
            uvVersion: uvVersion,
            keepUV: keepUV
        )
    }

    /// Returns a copy that installs Python packages with uv (array form); see
    /// ``uvPipInstall(_:findLinks:indexURL:extraIndexURLs:pre:uvVersion:keepUV:)-(String...,_,_,_,_,_,_)``.
    public consuming func uvPipInstall(
        _ packages: [String],
        findLinks: [String] = [],
        indexURL: String? = nil,
        extraIndexURLs: [String] = [],
        pre: Bool = false,
        uvVersion: String = Image.defaultUVVersion,
        keepUV: Bool = false
    ) throws -> Image {
        var image = self
        try image.appendUVPipInstall(
            packages,
            options: PipOptions(findLinks: findLinks, indexURL: indexURL, extraIndexURLs: extraIndexURLs, pre: pre),
            uvVersion: uvVersion,
            keepUV: keepUV
        )
        return image
    }
}

extension Image {
    mutating func appendAptInstall(_ packages: [String]) throws {
        for package in packages {
            if package.containsLineBreak {
                throw DaytonaBadRequestError(message: "apt package holds a line break: \(PythonText.repr(package))")
            }
            if package.isEmpty || package.hasPrefix("-") {
                throw DaytonaBadRequestError(
                    message:
                        "Invalid apt package \(PythonText.repr(package)): a package name cannot be empty or start with '-'"
                )
            }
        }
        guard !packages.isEmpty else { return }
        let quoted = packages.map(PythonText.shellQuote).joined(separator: " ")
        append(
            "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "
                + quoted + " && rm -rf /var/lib/apt/lists/*\n"
        )
    }

    mutating func appendUVPipInstall(_ packages: [String], options: PipOptions, uvVersion: String, keepUV: Bool) throws
    {
        try options.validate()
        for package in packages where package.containsLineBreak {
            throw DaytonaBadRequestError(message: "Package name holds a line break: \(PythonText.repr(package))")
        }
        let isTag =
            !uvVersion.isEmpty
            && uvVersion.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "._-".unicodeScalars.contains(scalar))
            }
        guard isTag else {
            throw DaytonaBadRequestError(
                message:
                    "Invalid uv version \(PythonText.repr(uvVersion)): give a release such as '\(Self.defaultUVVersion)' "
                    + "(letters, digits, '.', '_' and '-')"
            )
        }
        guard !packages.isEmpty else { return }
        let sorted = packages.sorted(by: PythonText.codePointLess)
        var line = "RUN uv pip install --system --no-cache "
        line += sorted.map(PythonText.shellQuote).joined(separator: " ")
        for link in options.findLinks { line += " --find-links \(PythonText.shellQuote(link))" }
        if let indexURL = options.indexURL, !indexURL.isEmpty {
            line += " --index-url \(PythonText.shellQuote(indexURL))"
        }
        for url in options.extraIndexURLs { line += " --extra-index-url \(PythonText.shellQuote(url))" }
        if options.pre { line += " --prerelease allow" }
        if !keepUV { line += " && rm -f \(Self.uvPath)" }
        append("COPY --from=ghcr.io/astral-sh/uv:\(uvVersion) /uv \(Self.uvPath)\n" + line + "\n")
    }
}
