import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// aptInstall and uvPipInstall: the exact lines they write (not in the Python SDK).
@Suite struct ImagePackagesTests {
    static let aptPrefix =
        "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "
    static let aptSuffix = " && rm -rf /var/lib/apt/lists/*\n"

    @Test func aptInstallWritesOneRunLineInTheOrderGiven() throws {
        let image = try Image.base("debian:bookworm-slim").aptInstall("git", "curl", "ca-certificates")
        #expect(
            image.dockerfile == "FROM debian:bookworm-slim\n" + Self.aptPrefix + "git curl ca-certificates"
                + Self.aptSuffix
        )
        let quoted = try Image.base("d").aptInstall(["libfoo=1.2-3", "python3-*", "it's"])
        #expect(
            quoted.dockerfile == "FROM d\n" + Self.aptPrefix + "libfoo=1.2-3 'python3-*' 'it'\"'\"'s'" + Self.aptSuffix
        )
        #expect(try Image.base("d").aptInstall([]).dockerfile == "FROM d\n")
        #expect(
            try Image.base("d").aptInstall("a").aptInstall("b").dockerfile.components(separatedBy: "RUN apt-get").count
                == 3
        )
    }

    @Test(arguments: ["-y", "--allow-unauthenticated", "", "curl\nRUN evil", "curl\r"])
    func aptInstallRefusesOptionsAndLineBreaks(package: String) {
        let message = failure(DaytonaBadRequestError.self) { try Image.base("d").aptInstall("git", package) }
        if package.containsLineBreak {
            #expect(message == "apt package holds a line break: \(PythonText.repr(package))")
        } else {
            #expect(
                message
                    == "Invalid apt package \(PythonText.repr(package)): a package name cannot be empty or start with '-'"
            )
        }
    }

    @Test func uvPipInstallCopiesUVInstallsAndRemovesIt() throws {
        let image = try Image.base("python:3.12-slim").uvPipInstall("requests", "pandas>=2", "Flask")
        #expect(
            image.dockerfile
                == "FROM python:3.12-slim\n"
                + "COPY --from=ghcr.io/astral-sh/uv:\(Image.defaultUVVersion) /uv /usr/local/bin/uv\n"
                + "RUN uv pip install --system --no-cache Flask 'pandas>=2' requests && rm -f /usr/local/bin/uv\n"
        )
    }

    @Test func uvPipInstallTakesThePipOptionsThatApply() throws {
        let image = try Image.base("p").uvPipInstall(
            ["b", "a[x]"],
            findLinks: ["/wheels", "https://f.example/x y"],
            indexURL: "https://i.example/simple",
            extraIndexURLs: ["https://e1.example", "https://e2.example"],
            pre: true,
            uvVersion: "0.9.2",
            keepUV: true
        )
        #expect(
            image.dockerfile
                == "FROM p\nCOPY --from=ghcr.io/astral-sh/uv:0.9.2 /uv /usr/local/bin/uv\n"
                + "RUN uv pip install --system --no-cache 'a[x]' b --find-links /wheels --find-links 'https://f.example/x y' "
                + "--index-url https://i.example/simple --extra-index-url https://e1.example "
                + "--extra-index-url https://e2.example --prerelease allow\n"
        )
        #expect(try Image.base("p").uvPipInstall([]).dockerfile == "FROM p\n")
    }

    @Test func uvPipInstallRefusesLineBreaksAndOddVersions() {
        #expect(
            failure(DaytonaBadRequestError.self) { try Image.base("p").uvPipInstall("a\nRUN x") }
                == "Package name holds a line break: 'a\\nRUN x'"
        )
        #expect(
            failure(DaytonaBadRequestError.self) { try Image.base("p").uvPipInstall([], indexURL: "https://i\n") }
                == "pip option index_url holds a line break: 'https://i\\n'"
        )
        for version in ["", "0.9 /etc/passwd", "latest\nRUN x", "../x", "1:2"] {
            let message = failure(DaytonaBadRequestError.self) {
                try Image.base("p").uvPipInstall("a", uvVersion: version)
            }
            #expect(message?.hasPrefix("Invalid uv version \(PythonText.repr(version)): ") == true, "\(version)")
        }
    }

    @Test func recipesTakeBothSteps() throws {
        let recipe = """
            steps:
            - debian_slim: "3.12"
            - apt_install: [curl, git]
            - apt_install: jq
            - uv_pip_install: [requests, "pandas>=2"]
              index_url: https://i.example/simple
              extra_index_urls: [https://e.example]
              find_links: [/w]
              pre: true
              uv_version: "0.8.0"
            - uv_pip_install: httpx
            """
        let image = try Image(recipeText: recipe, workingDirectory: "/", homeDirectory: "/h")
        let built = try Image.debianSlim("3.12")
            .aptInstall("curl", "git")
            .aptInstall("jq")
            .uvPipInstall(
                "requests",
                "pandas>=2",
                findLinks: ["/w"],
                indexURL: "https://i.example/simple",
                extraIndexURLs: ["https://e.example"],
                pre: true,
                uvVersion: "0.8.0"
            )
            .uvPipInstall("httpx")
        #expect(image.dockerfile == built.dockerfile)
        #expect(image.dockerfile.hasSuffix("RUN uv pip install --system --no-cache httpx && rm -f /usr/local/bin/uv\n"))
        let unknown = failure(DaytonaBadRequestError.self) {
            try Image(
                recipeText: "steps:\n- base: a\n- uv_pip_install: x\n  extra_options: -q\n",
                workingDirectory: "/"
            )
        }
        #expect(
            unknown
                == "steps[1] (uv_pip_install): unknown key 'extra_options' (expected one of extra_index_urls, find_links, index_url, pre, uv_version)"
        )
        let apt = failure(DaytonaBadRequestError.self) {
            try Image(recipeText: "steps:\n- base: a\n- apt_install: [git, -y]\n", workingDirectory: "/")
        }
        #expect(
            apt == "steps[1] (apt_install): Invalid apt package '-y': a package name cannot be empty or start with '-'"
        )
        let version = failure(DaytonaBadRequestError.self) {
            try Image(recipeText: "steps:\n- base: a\n- uv_pip_install: x\n  uv_version: 0.8\n", workingDirectory: "/")
        }
        #expect(
            version?.hasPrefix("steps[1] (uv_pip_install): 'uv_version' must be a string, not the number 0.8") == true
        )
    }
}
