import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

extension Image {
    /// The Python series Daytona supports, oldest first.
    public static let supportedPythonSeries = ["3.9", "3.10", "3.11", "3.12", "3.13"]
    /// The micro version each supported series resolves to.
    public static let latestPythonMicroVersions = ["3.9.22", "3.10.17", "3.11.12", "3.12.10", "3.13.3"]

    /// An image built on an existing base image.
    ///
    ///     let image = Image.base("python:3.12-slim-bookworm")
    ///
    /// - Parameter image: Any image reference a `FROM` line accepts.
    public static func base(_ image: String) -> Image {
        base(image, paths: .current)
    }

    static func base(_ image: String, paths: PathEnvironment) -> Image {
        Image(dockerfile: "FROM \(image)\n", paths: paths)
    }

    /// A Debian slim image with the official Python, compilers and a current pip.
    ///
    ///     let image = try Image.debianSlim("3.12")   // FROM python:3.12.10-slim-bookworm …
    ///
    /// - Parameter pythonVersion: A supported series (`"3.12"`, pinned to its latest micro
    ///   version), or a micro or release-candidate version used as given (`"3.12.3"`,
    ///   `"3.11.0rc1"`); `nil` picks the newest supported series.
    /// - Throws: ``DaytonaBadRequestError`` for a malformed or unsupported version.
    public static func debianSlim(_ pythonVersion: String? = nil) throws -> Image {
        try debianSlim(pythonVersion, paths: .current)
    }

    static func debianSlim(_ pythonVersion: String?, paths: PathEnvironment) throws -> Image {
        let version = try resolvePythonVersion(pythonVersion)
        let lines = [
            "FROM python:\(version)-slim-bookworm",
            "RUN apt-get update",
            "RUN apt-get install -y gcc gfortran build-essential",
            "RUN pip install --upgrade pip",
            "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections",
        ]
        return Image(dockerfile: lines.joined(separator: "\n") + "\n", paths: paths)
    }

    /// An image from an existing Dockerfile; its `COPY` sources become contexts.
    ///
    ///     let image = try Image.fromDockerfile("Dockerfile")
    ///
    /// The text is kept as written (CRLF line ends become LF, and a missing final newline is
    /// added). `COPY` sources are resolved against the Dockerfile's folder; globs are expanded.
    ///
    /// - Parameters:
    ///   - path: The Dockerfile's path.
    ///   - strictContext: Refuse `COPY` sources that lie outside the Dockerfile's folder.
    /// - Throws: ``DaytonaNotFoundError`` when the file is missing, ``DaytonaBadRequestError``
    ///   when it is not a file, not UTF-8, or (with `strictContext`) names an outside source.
    public static func fromDockerfile(_ path: String, strictContext: Bool = false) throws -> Image {
        try fromDockerfile(path, strictContext: strictContext, paths: .current)
    }

    static func fromDockerfile(_ path: String, strictContext: Bool, paths: PathEnvironment) throws -> Image {
        let expanded = PythonPath.pathlibForm(paths.expandUser(path))
        switch try paths.kind(of: expanded) {
        case nil: throw DaytonaNotFoundError(message: "Dockerfile \(expanded) does not exist")
        case .file: break
        default: throw DaytonaBadRequestError(message: "Dockerfile path \(expanded) exists but is not a file")
        }
        let bytes = try LocalFileSystem.contents(of: paths.resolve(expanded))
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw DaytonaBadRequestError(message: "Dockerfile \(expanded) is not valid UTF-8 text")
        }
        text = Self.universalNewlines(text)
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        var image = Image(dockerfile: text, paths: paths)
        let prefix = expanded.removingScalarSuffix(PythonPath.name(expanded))
        try image.addCopySources(
            of: text,
            prefix: prefix,
            strictContext: strictContext,
            ignoreFileFor: PythonPath.name(expanded)
        )
        return image
    }

    /// Python's text-mode reading: `\r\n` and lone `\r` become `\n`.
    static func universalNewlines(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCarriageReturn = true
                continue
            }
            if scalar == "\n" && previousWasCarriageReturn {
                previousWasCarriageReturn = false
                continue
            }
            previousWasCarriageReturn = false
            out.append(scalar)
        }
        return String(out)
    }

    /// Resolves a Python version as the Python SDK does, refusing line breaks it lets through.
    static func resolvePythonVersion(_ version: String?) throws -> String {
        guard let version else {
            return latestPythonMicroVersions[latestPythonMicroVersions.count - 1]
        }
        guard !version.containsLineBreak, isWellFormedPythonVersion(version) else {
            throw DaytonaBadRequestError(message: "Invalid Python version: \(PythonText.repr(version))")
        }
        let components = version.split(separator: ".", omittingEmptySubsequences: false)
        let series = "\(components[0]).\(components[1])"
        guard let seriesIndex = supportedPythonSeries.firstIndex(of: series) else {
            throw DaytonaBadRequestError(
                message: "Unsupported Python version: \(PythonText.repr(version)). "
                    + "Daytona supports the following series: \(PythonText.repr(supportedPythonSeries))."
            )
        }
        return components.count > 2 ? version : latestPythonMicroVersions[seriesIndex]
    }

    /// `re.match(r"^3(?:\.\d{1,2}){1,2}(rc\d*)?$", version)` without the trailing-newline
    /// allowance of Python's `$`.
    private static func isWellFormedPythonVersion(_ version: String) -> Bool {
        var scalars = Substring(version).unicodeScalars[...]
        guard scalars.first == "3" else { return false }
        scalars = scalars.dropFirst()
        func digits(_ limit: Int) -> Int {
            var count = 0
            while count < limit, let first = scalars.first, first.properties.numericType == .decimal {
                scalars = scalars.dropFirst()
                count += 1
            }
            return count
        }
        var groups = 0
        while groups < 2, scalars.first == "." {
            let saved = scalars
            scalars = scalars.dropFirst()
            if digits(2) == 0 {
                scalars = saved
                break
            }
            groups += 1
        }
        guard groups >= 1 else { return false }
        if scalars.starts(with: "rc".unicodeScalars) {
            scalars = scalars.dropFirst(2)
            while let first = scalars.first, first.properties.numericType == .decimal { scalars = scalars.dropFirst() }
        }
        return scalars.isEmpty
    }
}
