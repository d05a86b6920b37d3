import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// pip steps.
///
/// Expected texts are the Python SDK 0.226.1's output for the same calls, except
/// where D2/D4 of shared/conformance/README.md say otherwise (marked).
@Suite struct ImagePythonTests {
    static let pyproject = """
        [project]
        name = "demo"
        dependencies = ["requests>=2", "Flask", "numpy"]

        [project.optional-dependencies]
        dev = ["pytest", "black"]
        docs = ["sphinx"]

        """

    @Test func pipInstallSortsByCodePointAndShellQuotes() throws {
        // Python: .pip_install("b","A","a","Z","_x","é","pandas>=2","it's","a b")
        let image = try Image.base("alpine").pipInstall("b", "A", "a", "Z", "_x", "é", "pandas>=2", "it's", "a b")
        #expect(
            image.dockerfile
                == "FROM alpine\nRUN python -m pip install A Z _x a 'a b' b 'it'\"'\"'s' 'pandas>=2' 'é'\n"
        )
        #expect(image.contextList.isEmpty)
    }

    @Test func pipInstallArrayFormMatchesTheVariadicForm() throws {
        let array = try Image.base("alpine").pipInstall(["b", "a"])
        let variadic = try Image.base("alpine").pipInstall("b", "a")
        #expect(array.dockerfile == "FROM alpine\nRUN python -m pip install a b\n")
        #expect(array == variadic)
    }

    @Test func pipInstallWithNoPackagesWritesNothing() throws {
        #expect(try Image.base("alpine").pipInstall().dockerfile == "FROM alpine\n")
        #expect(try Image.base("alpine").pipInstall([], indexURL: "https://i", pre: true).dockerfile == "FROM alpine\n")
    }

    @Test func pipInstallWritesEveryOptionInThePythonSDKOrder() throws {
        // Python: .pip_install("x", find_links=["/a b","c"], index_url="https://i/ x",
        //     extra_index_urls=["e1","e 2"], pre=True, extra_options="  --no-cache   -q  ")
        let image = try Image.base("alpine").pipInstall(
            "x",
            findLinks: ["/a b", "c"],
            indexURL: "https://i/ x",
            extraIndexURLs: ["e1", "e 2"],
            pre: true,
            extraOptions: "  --no-cache   -q  "
        )
        #expect(
            image.dockerfile
                == "FROM alpine\nRUN python -m pip install x --find-links '/a b' --find-links c "
                + "--index-url 'https://i/ x' --extra-index-url e1 --extra-index-url 'e 2' --pre --no-cache   -q\n"
        )
    }

    @Test func emptyIndexURLIsLeftOutAndBlankExtraOptionsLeaveASpace() throws {
        // Python: index_url="" writes nothing; extra_options="\t" writes " " + "".
        #expect(
            try Image.base("alpine").pipInstall("x", indexURL: "").dockerfile
                == "FROM alpine\nRUN python -m pip install x\n"
        )
        #expect(
            try Image.base("alpine").pipInstall("x", extraOptions: "\t").dockerfile
                == "FROM alpine\nRUN python -m pip install x \n"
        )
    }

    @Test(arguments: ["pkg\n", "a\rb", "\n"])
    func pipInstallRefusesLineBreaksInPackages(package: String) {
        // D4
        let message = failure(DaytonaBadRequestError.self) { try Image.base("alpine").pipInstall("ok", package) }
        #expect(message == "Package name holds a line break: \(PythonText.repr(package))")
    }

    struct BadOption: Sendable, CustomTestStringConvertible {
        var name: String
        var apply: @Sendable ([String]) throws -> Image
        var testDescription: String { name }
    }

    static let badOptions: [BadOption] = [
        BadOption(name: "find_links") { try Image.base("a").pipInstall($0, findLinks: ["ok", "x\ny"]) },
        BadOption(name: "index_url") { try Image.base("a").pipInstall($0, indexURL: "x\r") },
        BadOption(name: "extra_index_urls") { try Image.base("a").pipInstall($0, extraIndexURLs: ["\nx"]) },
        BadOption(name: "extra_options") { try Image.base("a").pipInstall($0, extraOptions: "-q\n") },
    ]

    @Test(arguments: badOptions, [[], ["pkg"]])
    func pipInstallRefusesLineBreaksInOptionsEvenWithNoPackages(option: BadOption, packages: [String]) {
        // D4: checked as given (before trimming), even where nothing would be written.
        let message = failure(DaytonaBadRequestError.self) { try option.apply(packages) }
        #expect(message?.hasPrefix("pip option \(option.name) holds a line break: ") == true)
    }

    @Test func requirementsFileIsCopiedThenInstalled() throws {
        let folder = try TestFolder()
        try folder.file("requirements.txt", "requests\n")
        let image = try folder.base().pipInstallFromRequirements("requirements.txt", pre: true)
        #expect(
            image.dockerfile
                == "FROM alpine\nCOPY requirements.txt /.requirements.txt\n"
                + "RUN python -m pip install -r /.requirements.txt --pre\n"
        )
        #expect(pairs(image) == [["requirements.txt", "requirements.txt"]])
        #expect(image.contextList[0].workingDirectory == folder.path)
    }

    @Test func requirementsTakeEveryPipOption() throws {
        let folder = try TestFolder()
        try folder.file("r.txt")
        let image = try folder.base().pipInstallFromRequirements(
            "./r.txt",
            findLinks: ["f"],
            indexURL: "i",
            extraIndexURLs: ["e"],
            pre: true,
            extraOptions: " -q"
        )
        #expect(
            image.dockerfile
                == "FROM alpine\nCOPY r.txt /.requirements.txt\n"
                + "RUN python -m pip install -r /.requirements.txt --find-links f --index-url i --extra-index-url e --pre -q\n"
        )
        #expect(pairs(image) == [["./r.txt", "r.txt"]])
    }

    @Test(arguments: [
        ("reqs dir/req dev.txt", #"COPY ["reqs dir/req dev.txt", "/.requirements.txt"]"#),
        ("tab\there.txt", #"COPY ["tab\there.txt", "/.requirements.txt"]"#),
        ("nbsp\u{A0}é.txt", #"COPY ["nbsp\u00a0\u00e9.txt", "/.requirements.txt"]"#),
        ("plain-é.txt", "COPY plain-é.txt /.requirements.txt"),
    ])
    func requirementsPathWithWhitespaceUsesTheJSONForm(path: String, copyLine: String) throws {
        // D2 (the Python SDK writes `COPY reqs dir/req dev.txt /.requirements.txt`).
        let folder = try TestFolder()
        try folder.file(path)
        let image = try folder.base().pipInstallFromRequirements(path)
        #expect(image.dockerfile == "FROM alpine\n\(copyLine)\nRUN python -m pip install -r /.requirements.txt\n")
        #expect(pairs(image) == [[path, path]])
    }

    @Test func requirementsErrorsCarryThePythonSDKMessages() throws {
        let folder = try TestFolder()
        try folder.folder("src")
        let base = folder.base()
        #expect(
            failure(DaytonaNotFoundError.self) { try base.pipInstallFromRequirements("missing.txt") }
                == "Requirements file missing.txt does not exist"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try base.pipInstallFromRequirements("src") }
                == "Requirements path src exists but is not a file"
        )
    }

    @Test func requirementsRefuseLineBreaksInOptions() throws {
        let folder = try TestFolder()
        try folder.file("requirements.txt")
        let message = failure(DaytonaBadRequestError.self) {
            try folder.base().pipInstallFromRequirements("requirements.txt", findLinks: ["a\r"])
        }
        #expect(message == "pip option find_links holds a line break: 'a\\r'")
    }

    @Test func pyprojectInstallsDependenciesSorted() throws {
        let folder = try TestFolder()
        try folder.file("pyproject.toml", Self.pyproject)
        let image = try folder.base().pipInstallFromPyproject("pyproject.toml")
        #expect(image.dockerfile == "FROM alpine\nRUN python -m pip install Flask numpy 'requests>=2'\n")
        #expect(image.contextList.isEmpty)
    }

    @Test func pyprojectAddsNamedGroupsAndSkipsMissingOnes() throws {
        let folder = try TestFolder()
        try folder.file("pyproject.toml", Self.pyproject)
        // Python: .pip_install_from_pyproject("full.toml", optional_dependencies=["dev","missing","docs"])
        let image = try folder.base().pipInstallFromPyproject(
            "pyproject.toml",
            optionalDependencies: ["dev", "missing", "docs"]
        )
        #expect(
            image.dockerfile == "FROM alpine\nRUN python -m pip install Flask black numpy pytest 'requests>=2' sphinx\n"
        )
    }

    @Test func pyprojectTakesSingleStringOptions() throws {
        let folder = try TestFolder()
        try folder.file("pyproject.toml", Self.pyproject)
        let image = try folder.base().pipInstallFromPyproject(
            "pyproject.toml",
            optionalDependencies: ["dev"],
            findLinks: "/w h",
            indexURL: "https://i",
            extraIndexURL: "https://e",
            pre: true,
            extraOptions: " -q "
        )
        #expect(
            image.dockerfile
                == "FROM alpine\nRUN python -m pip install Flask black numpy pytest 'requests>=2' "
                + "--find-links '/w h' --index-url https://i --extra-index-url https://e --pre -q\n"
        )
        // Empty strings are "not given", as in Python (`[x] if x else None`).
        let empty = try folder.base().pipInstallFromPyproject("pyproject.toml", findLinks: "", extraIndexURL: "")
        #expect(empty.dockerfile == "FROM alpine\nRUN python -m pip install Flask numpy 'requests>=2'\n")
    }

    @Test func pyprojectWithNoDependenciesWritesNothing() throws {
        let folder = try TestFolder()
        try folder.file("pyproject.toml", "[project]\ndependencies = []\n")
        #expect(try folder.base().pipInstallFromPyproject("pyproject.toml").dockerfile == "FROM alpine\n")
    }

    static let guide =
        "See https://packaging.python.org/en/latest/guides/writing-pyproject-toml for further file format guidelines."

    @Test(arguments: [
        ("[tool.x]\na = 1\n", "No [project] section in pyproject.toml file. " + guide),
        ("project = 1\n", "No [project] section in pyproject.toml file. " + guide),
        ("[project]\nname = \"x\"\n", "No [project.dependencies] section in pyproject.toml file. " + guide),
        ("[project]\ndependencies = \"abc\"\n", "No [project.dependencies] section in pyproject.toml file. " + guide),
    ])
    func pyprojectWithoutProjectOrDependenciesIsRefused(text: String, message: String) throws {
        let folder = try TestFolder()
        try folder.file("pyproject.toml", text)
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.base().pipInstallFromPyproject("pyproject.toml") }
                == message
        )
    }

    @Test func invalidTOMLIsABadRequestNamingTheFile() throws {
        let folder = try TestFolder()
        try folder.file("bad.toml", "[project\nname=")
        let message = failure(DaytonaBadRequestError.self) { try folder.base().pipInstallFromPyproject("bad.toml") }
        // The parser's own detail differs from Python's `toml` module; the prefix is the SDK's.
        #expect(message?.hasPrefix("Invalid pyproject.toml file bad.toml: ") == true)
    }

    @Test func optionalDependenciesThatAreNotATableAreRefusedOnlyWhenAsked() throws {
        let folder = try TestFolder()
        try folder.file("p.toml", "[project]\ndependencies = [\"a\"]\noptional-dependencies = \"dev\"\n")
        #expect(
            failure(DaytonaBadRequestError.self) {
                try folder.base().pipInstallFromPyproject("p.toml", optionalDependencies: ["dev"])
            } == "optional-dependencies must be a mapping in pyproject.toml"
        )
        #expect(
            try folder.base().pipInstallFromPyproject("p.toml").dockerfile
                == "FROM alpine\nRUN python -m pip install a\n"
        )
    }

    @Test func pyprojectErrorsForMissingFileAndFolder() throws {
        let folder = try TestFolder()
        #expect(
            failure(DaytonaNotFoundError.self) { try folder.base().pipInstallFromPyproject("missing.toml") }
                == "pyproject.toml file missing.toml does not exist"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.base().pipInstallFromPyproject(".") }
                == "pyproject.toml path . exists but is not a file"
        )
    }

    @Test(arguments: [
        "[project]\ndependencies = [\"a\\nb\"]\n",
        "[project]\ndependencies = []\n[project.optional-dependencies]\ndev = [\"x\\r\"]\n",
    ])
    func pyprojectDependencyWithALineBreakIsRefused(text: String) throws {
        // D4
        let folder = try TestFolder()
        try folder.file("pyproject.toml", text)
        let message = failure(DaytonaBadRequestError.self) {
            try folder.base().pipInstallFromPyproject("pyproject.toml", optionalDependencies: ["dev"])
        }
        #expect(message?.hasPrefix("Package name holds a line break: ") == true)
    }

    @Test func pyprojectOptionsWithLineBreaksAreRefused() throws {
        let folder = try TestFolder()
        try folder.file("pyproject.toml", "[project]\ndependencies = []\n")
        let message = failure(DaytonaBadRequestError.self) {
            try folder.base().pipInstallFromPyproject("pyproject.toml", extraIndexURL: "e\n")
        }
        #expect(message == "pip option extra_index_urls holds a line break: 'e\\n'")
    }
}
