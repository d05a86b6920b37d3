import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The recipe rules of shared/docs/recipe-and-cli.md section 1.
///
/// Dockerfile texts are the Python
/// SDK 0.226.1's output for the same calls.
@Suite struct RecipeTests {
    func image(_ text: String, in folder: TestFolder, at relative: String = "") throws -> Image {
        try Image(recipeText: text, workingDirectory: folder.url(relative), homeDirectory: folder.url("home"))
    }

    func error(_ text: String) -> String? {
        failure(DaytonaBadRequestError.self) {
            try Image(recipeText: text, workingDirectory: "/nonexistent", homeDirectory: "/h")
        }
    }

    @Test func fullRecipeMatchesTheBuilderCalls() throws {
        let folder = try TestFolder()
        try folder.file("src/a.py")
        let recipe = """
            steps:
              - debian_slim: "3.12"
              - pip_install: [requests, "pandas>=2"]
                index_url: https://example.org/simple
              - add_local_dir: src
                remote_path: /home/daytona/src
              - env: {PROJECT_ROOT: /home/daytona, MODE: "a b"}
              - workdir: /home/daytona
              - run_commands: ["echo hi", [bash, -c, "echo hi again"]]
              - cmd: [/bin/bash]
            """
        let fromRecipe = try image(recipe, in: folder)
        let built = try folder.debianSlim("3.12")
            .pipInstall(["requests", "pandas>=2"], indexURL: "https://example.org/simple")
            .addLocalDir("src", remotePath: "/home/daytona/src")
            .env(["PROJECT_ROOT": "/home/daytona", "MODE": "a b"])
            .workdir("/home/daytona")
            .runCommands("echo hi", ["bash", "-c", "echo hi again"])
            .cmd(["/bin/bash"])
        #expect(fromRecipe == built)
        #expect(
            fromRecipe.dockerfile
                == "FROM python:3.12.10-slim-bookworm\n" + debianSlimTail
                + "RUN python -m pip install 'pandas>=2' requests --index-url https://example.org/simple\n"
                + "COPY [\"src\", \"/home/daytona/src\"]\nENV PROJECT_ROOT=/home/daytona\nENV MODE='a b'\n"
                + "WORKDIR /home/daytona\nRUN echo hi\nRUN \"bash\" \"-c\" \"echo hi again\"\nCMD [\"/bin/bash\"]\n"
        )
        #expect(pairs(fromRecipe) == [["src", "src"]])
    }

    @Test func jsonRecipesWork() throws {
        let folder = try TestFolder()
        let image = try image(
            #"{"steps": [{"base": "alpine"}, {"env": {"Z": "1", "A": "2"}}, {"pip_install": "x", "pre": true}]}"#,
            in: folder
        )
        #expect(image.dockerfile == "FROM alpine\nENV Z=1\nENV A=2\nRUN python -m pip install x --pre\n")
    }

    @Test func envKeepsTheOrderWritten() throws {
        let folder = try TestFolder()
        let image = try image("steps:\n- base: a\n- env:\n    ZED: '1'\n    ALPHA: '2'\n    MID: '3'\n", in: folder)
        #expect(image.dockerfile == "FROM a\nENV ZED=1\nENV ALPHA=2\nENV MID=3\n")
    }

    @Test func nullDebianSlimIsTheNewestSeries() throws {
        let folder = try TestFolder()
        for text in ["steps:\n- debian_slim: null\n", "steps:\n- debian_slim:\n", "steps:\n- debian_slim: ~\n"] {
            #expect(try image(text, in: folder).dockerfile == "FROM python:3.13.3-slim-bookworm\n" + debianSlimTail)
        }
    }

    @Test func unquotedFloatVersionIsAnErrorThatSaysToQuoteIt() throws {
        let message = error("steps:\n- debian_slim: 3.10\n")
        #expect(message?.hasPrefix("steps[0] (debian_slim): ") == true)
        #expect(message?.contains("3.10") == true)
        #expect(message?.contains("quote it") == true)
        #expect(
            try Image(recipeText: "steps:\n- debian_slim: '3.10'\n", workingDirectory: "/").dockerfile.hasPrefix(
                "FROM python:3.10.17-"
            )
        )
    }

    @Test(arguments: [
        (
            "steps:\n- pip_install: x\n",
            "steps[0] (pip_install): the first step must be base, debian_slim or from_dockerfile"
        ),
        ("steps:\n- base: a\n- base: b\n", "steps[1] (base): 'base' can only be the first step"),
        (
            "steps:\n- base: a\n- debian_slim: '3.12'\n",
            "steps[1] (debian_slim): 'debian_slim' can only be the first step"
        ),
        ("steps:\n- base: a\n- add_local_file: f\n", "steps[1] (add_local_file): missing required key 'remote_path'"),
        ("steps:\n- base: a\n- add_local_dir: d\n", "steps[1] (add_local_dir): missing required key 'remote_path'"),
        (
            "steps:\n- base: a\n- workdir: /w\n  remote_path: x\n",
            "steps[1] (workdir): unknown key 'remote_path' (it takes no keywords)"
        ),
        ("steps:\n- base: a\n  tag: x\n", "steps[0] (base): unknown key 'tag' (it takes no keywords)"),
        (
            "steps:\n- base: a\n- workdir: 5\n",
            "steps[1] (workdir): 'workdir' must be a string, not the number 5 (quote it to make it a string)"
        ),
        (
            "steps:\n- base: a\n- workdir: true\n",
            "steps[1] (workdir): 'workdir' must be a string, not the boolean true"
        ),
        (
            "steps:\n- base: a\n- entrypoint: /bin/sh\n",
            "steps[1] (entrypoint): 'entrypoint' must be a list of strings, not the string '/bin/sh'"
        ),
        (
            "steps:\n- base: a\n- cmd: [a, 1]\n",
            "steps[1] (cmd): 'cmd[1]' must be a string, not the number 1 (quote it to make it a string)"
        ),
        ("steps:\n- base: a\n- env: [a]\n", "steps[1] (env): 'env' must be a mapping of names to strings, not a list"),
        (
            "steps:\n- base: a\n- env: {A: 1}\n",
            "steps[1] (env): 'env.A' must be a string, not the number 1 (quote it to make it a string)"
        ),
        (
            "steps:\n- base: a\n- pip_install: x\n  pre: 'yes'\n",
            "steps[1] (pip_install): 'pre' must be true or false, not the string 'yes'"
        ),
        (
            "steps:\n- base: a\n- pip_install: x\n  find_links: f\n",
            "steps[1] (pip_install): 'find_links' must be a list of strings, not the string 'f'"
        ),
        (
            "steps:\n- base: a\n- run_commands: {a: b}\n",
            "steps[1] (run_commands): 'run_commands' must be a command or a list of commands, not a mapping"
        ),
        (
            "steps:\n- base: a\n- run_commands: [[a, 2]]\n",
            "steps[1] (run_commands): 'run_commands[0][1]' must be a string, not the number 2 (quote it to make it a string)"
        ),
        (
            "steps:\n- base: a\n- add_local_file: f\n  remote_path: null\n",
            "steps[1] (add_local_file): 'remote_path' must be a string, not null"
        ),
        ("steps: []\n", "recipe: 'steps' is empty; the first step must be base, debian_slim or from_dockerfile"),
        ("steps: x\n", "recipe: 'steps' must be a list of step mappings"),
        ("[]\n", "recipe must be a mapping with a 'steps' list"),
        ("", "recipe must be a mapping with a 'steps' list"),
        ("steps: [x]\n", "steps[0]: a step must be a mapping whose first key names the method"),
        ("stpes: []\n", "recipe: unknown top-level key the string 'stpes' (expected 'steps')"),
    ])
    func malformedRecipesNameTheStepAndKey(text: String, message: String) {
        #expect(error(text) == message)
    }

    @Test func unknownStepAndMisspeltKeysNameTheStep() {
        let unknown = error("steps:\n- base: a\n- pip_instal: x\n")
        #expect(unknown?.hasPrefix("steps[1] (pip_instal): unknown step; expected one of base, debian_slim") == true)
        let misspelt = error("steps:\n- base: a\n- pip_install: x\n  index-url: https://i\n")
        #expect(
            misspelt
                == "steps[1] (pip_install): unknown key 'index-url' (expected one of extra_index_urls, extra_options, find_links, index_url, pre)"
        )
        let pyproject = error("steps:\n- base: a\n- pip_install_from_pyproject: p.toml\n  extra_index_urls: [x]\n")
        #expect(pyproject?.hasPrefix("steps[1] (pip_install_from_pyproject): unknown key 'extra_index_urls'") == true)
    }

    @Test func recipeErrorsCarryTheStepAndKeyAsData() throws {
        let misspelt = try #require(throws: DaytonaBadRequestError.self) {
            try Image(
                recipeText: "steps:\n- base: a\n- pip_install: x\n  index-url: https://i\n",
                workingDirectory: "/"
            )
        }
        #expect(misspelt.location.stepIndex == 1 && misspelt.location.stepName == "pip_install")
        #expect(misspelt.location.key == "index-url")
        #expect(misspelt.reason.hasPrefix("unknown key 'index-url'"))
        // An error thrown by the step itself (not the recipe reader) gets the step added once.
        let version = try #require(throws: DaytonaBadRequestError.self) {
            try Image(recipeText: "steps:\n- debian_slim: '3.8'\n", workingDirectory: "/")
        }
        #expect(version.location.stepIndex == 0)
        #expect(version.message == "steps[0] (debian_slim): " + version.reason)
        let json = try #require(throws: DaytonaBadRequestError.self) {
            try Image(recipeText: #"{"steps": [1,]}"#, workingDirectory: "/")
        }
        #expect(json.location.input == "recipe is not valid JSON")
        #expect(json.location.byteOffset != nil && json.location.jsonPath != nil)
    }

    @Test func invalidYAMLIsABadRequest() {
        #expect(error("steps: [\n")?.hasPrefix("recipe is not valid YAML: ") == true)
        // The YAML parser refuses duplicate keys before the step is read.
        let duplicate = error("steps:\n- base: a\n- workdir: /a\n  workdir: /b\n")
        #expect(duplicate?.contains("workdir") == true)
    }

    @Test func libraryErrorsAreNamedWithTheStepAndKeepTheirType() throws {
        let folder = try TestFolder()
        let missing = failure(DaytonaNotFoundError.self) {
            try image("steps:\n- base: a\n- add_local_file: nope.txt\n  remote_path: /x\n", in: folder)
        }
        #expect(missing == "steps[1] (add_local_file): Local file nope.txt does not exist")
        let version = failure(DaytonaBadRequestError.self) { try image("steps:\n- debian_slim: '3.8'\n", in: folder) }
        #expect(version?.hasPrefix("steps[0] (debian_slim): Unsupported Python version: '3.8'.") == true)
    }

    @Test func pipStepsTakeTheirKeywords() throws {
        let folder = try TestFolder()
        try folder.file("r.txt")
        try folder.file(
            "pyproject.toml",
            "[project]\ndependencies = [\"a\"]\n[project.optional-dependencies]\ndev = [\"b\"]\n"
        )
        let recipe = """
            steps:
            - base: a
            - pip_install: [y, X]
              find_links: [f1, f2]
              extra_index_urls: [e]
              extra_options: -q
            - pip_install_from_requirements: r.txt
              index_url: i
            - pip_install_from_pyproject: pyproject.toml
              optional_dependencies: [dev]
              find_links: f
              extra_index_url: e
              pre: true
            """
        let image = try image(recipe, in: folder)
        #expect(
            image.dockerfile
                == "FROM a\nRUN python -m pip install X y --find-links f1 --find-links f2 --extra-index-url e -q\n"
                + "COPY r.txt /.requirements.txt\nRUN python -m pip install -r /.requirements.txt --index-url i\n"
                + "RUN python -m pip install a b --find-links f --extra-index-url e --pre\n"
        )
    }

    @Test func dockerfileStepsAndFromDockerfile() throws {
        let folder = try TestFolder()
        try folder.file("proj/ctx/one.txt")
        try folder.file("proj/d/a.txt")
        try folder.file("proj/d/Dockerfile", "FROM a\nCOPY a.txt /a\n")
        let recipe = """
            steps:
            - from_dockerfile: d/Dockerfile
            - dockerfile_commands: ["COPY one.txt /o"]
              context_dir: ctx/
            - entrypoint: [sh]
            """
        let image = try image(recipe, in: folder, at: "proj")
        #expect(image.dockerfile == "FROM a\nCOPY a.txt /a\nCOPY one.txt /o\nENTRYPOINT [\"sh\"]\n")
        #expect(pairs(image) == [["d/a.txt", "a.txt"], ["ctx/one.txt", "one.txt"]])
        let strict = failure(DaytonaBadRequestError.self) {
            try self.image(
                "steps:\n- base: a\n- dockerfile_commands: ['COPY ../x /x']\n  context_dir: ctx\n  strict_context: true\n",
                in: folder,
                at: "proj"
            )
        }
        #expect(strict == "steps[1] (dockerfile_commands): forbidden path outside the build context: ../x")
    }

    @Test func relativePathsResolveFromTheRecipeFolderWhateverTheCwd() throws {
        let folder = try TestFolder()
        try folder.file("proj/nested/data.txt")
        try folder.file("outside/shared.txt")
        let recipeText = """
            steps:
            - base: alpine
            - add_local_file: nested/data.txt
              remote_path: /d/
            - add_local_file: ../outside/shared.txt
              remote_path: /s
            """
        let recipePath = try folder.file("proj/recipe.yaml", recipeText)
        let image = try Image(recipeAt: recipePath, homeDirectory: folder.url("home"))
        let root = String(folder.path.dropFirst())
        #expect(
            image.dockerfile
                == "FROM alpine\nCOPY [\"nested/data.txt\", \"/d/data.txt\"]\nCOPY [\"\(root)/outside/shared.txt\", \"/s\"]\n"
        )
        #expect(
            pairs(image) == [
                ["nested/data.txt", "nested/data.txt"], ["../outside/shared.txt", "\(root)/outside/shared.txt"],
            ]
        )
        #expect(image.contextList.allSatisfy { $0.workingDirectory == folder.url("proj") })
        #expect(image.contextList[0].resolvedSourcePath == folder.url("proj/nested/data.txt"))
        #expect(try Image(recipeText: recipeText, workingDirectory: folder.url("proj")) == image)
    }

    @Test func recipeFileErrors() throws {
        let folder = try TestFolder()
        try folder.folder("dir")
        try folder.bytes("latin1.yaml", [0x73, 0x74, 0xE9, 0x0A])
        #expect(
            failure(DaytonaNotFoundError.self) { try Image(recipeAt: folder.url("nope.yaml")) }
                == "Recipe file \(folder.url("nope.yaml")) does not exist"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try Image(recipeAt: folder.url("dir")) }
                == "Recipe path \(folder.url("dir")) exists but is not a file"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try Image(recipeAt: folder.url("latin1.yaml")) }
                == "Recipe file \(folder.url("latin1.yaml")) is not UTF-8 text"
        )
    }

    @Test func lineBreakRulesApplyToRecipes() {
        #expect(
            error("steps:\n- base: a\n- env: {\"A B\": x}\n")?.hasPrefix(
                "steps[1] (env): Invalid environment variable name"
            ) == true
        )
        #expect(
            error("steps:\n- base: a\n- workdir: \"/a\\nb\"\n")
                == "steps[1] (workdir): Working directory holds a line break: '/a\\nb'"
        )
        #expect(
            error("steps:\n- debian_slim: \"3.12\\n\"\n") == "steps[0] (debian_slim): Invalid Python version: '3.12\\n'"
        )
    }
}
