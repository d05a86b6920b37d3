import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The factories.
///
/// Expected texts are the Python SDK 0.226.1's output for the same calls.
@Suite struct ImageTests {
    @Test func baseWritesOneFromLineAndNoContexts() {
        let image = Image.base("python:3.12-slim-bookworm")
        #expect(image.dockerfile == "FROM python:3.12-slim-bookworm\n")
        #expect(image.contextList.isEmpty)
    }

    @Test func baseUsesTheProcessWorkingFolder() {
        #expect(Image.base("alpine").paths.workingDirectory == LocalFileSystem.currentDirectory())
    }

    // Python: Image.debian_slim(v).dockerfile().split("\n")[0]
    @Test(arguments: [
        ("3.9", "3.9.22"), ("3.10", "3.10.17"), ("3.11", "3.11.12"), ("3.12", "3.12.10"), ("3.13", "3.13.3"),
        ("3.12.3", "3.12.3"), ("3.11.0rc1", "3.11.0rc1"), ("3.10.17", "3.10.17"), ("3.9.0", "3.9.0"),
        ("3.13.3rc", "3.13.3rc"),
    ])
    func debianSlimPinsASeriesAndKeepsMicroAndRcVersions(version: String, pinned: String) throws {
        let image = try Image.debianSlim(version)
        #expect(image.dockerfile == "FROM python:\(pinned)-slim-bookworm\n" + debianSlimTail)
        #expect(image.contextList.isEmpty)
    }

    @Test func debianSlimWithoutAVersionIsTheNewestSeries() throws {
        #expect(try Image.debianSlim().dockerfile == "FROM python:3.13.3-slim-bookworm\n" + debianSlimTail)
        #expect(try Image.debianSlim(nil).dockerfile == "FROM python:3.13.3-slim-bookworm\n" + debianSlimTail)
    }

    @Test func debianSlimWritesTheWholePythonSDKText() throws {
        // Python: Image.debian_slim("3.12").dockerfile()
        let expected =
            "FROM python:3.12.10-slim-bookworm\nRUN apt-get update\n"
            + "RUN apt-get install -y gcc gfortran build-essential\nRUN pip install --upgrade pip\n"
            + "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections\n"
        #expect(try Image.debianSlim("3.12").dockerfile == expected)
    }

    // Python's messages, from `Image.debian_slim(v)`.
    @Test(arguments: [
        ("3", "Invalid Python version: '3'"),
        ("3.12.1.1", "Invalid Python version: '3.12.1.1'"),
        ("4.0", "Invalid Python version: '4.0'"),
        ("3.123", "Invalid Python version: '3.123'"),
        ("", "Invalid Python version: ''"),
        ("python3.12", "Invalid Python version: 'python3.12'"),
        (" 3.12", "Invalid Python version: ' 3.12'"),
        ("3.12 ", "Invalid Python version: '3.12 '"),
        ("3.12-slim", "Invalid Python version: '3.12-slim'"),
        ("it's", "Invalid Python version: \"it's\""),
    ])
    func debianSlimRefusesMalformedVersions(version: String, message: String) {
        #expect(failure(DaytonaBadRequestError.self) { try Image.debianSlim(version) } == message)
    }

    @Test(arguments: ["3.8", "3.14", "3.1", "3.12rc1", "3.13rc", "3.7.9", "3.99"])
    func debianSlimRefusesUnsupportedSeries(version: String) {
        let message =
            "Unsupported Python version: '\(version)'. "
            + "Daytona supports the following series: ['3.9', '3.10', '3.11', '3.12', '3.13']."
        #expect(failure(DaytonaBadRequestError.self) { try Image.debianSlim(version) } == message)
    }

    // D4: Python accepts one trailing newline (its `$`) and writes it into the FROM line.
    @Test(arguments: ["3.12\n", "3.12\r", "3.12\r\n", "3.12.3\n", "3\n.12"])
    func debianSlimRefusesLineBreaks(version: String) {
        let message = failure(DaytonaBadRequestError.self) { try Image.debianSlim(version) }
        #expect(message?.hasPrefix("Invalid Python version: ") == true)
    }

    @Test func seriesTablesAgreeWithThePythonSDK() {
        #expect(Image.supportedPythonSeries == ["3.9", "3.10", "3.11", "3.12", "3.13"])
        #expect(Image.latestPythonMicroVersions == ["3.9.22", "3.10.17", "3.11.12", "3.12.10", "3.13.3"])
    }

    @Test func stepsReturnNewImagesAndLeaveTheOldOneUnchanged() throws {
        let base = Image.base("alpine")
        let changed = try base.workdir("/app")
        #expect(base.dockerfile == "FROM alpine\n")
        #expect(changed.dockerfile == "FROM alpine\nWORKDIR /app\n")
        #expect(base != changed)
        #expect(try base.workdir("/app") == changed)
        #expect(Set([changed, try base.workdir("/app")]).count == 1)
    }

    @Test func contextResolvesRelativeSourcesAgainstItsWorkingFolder() {
        #expect(Context(sourcePath: "a/b", archivePath: "a/b", workingDirectory: "/w").resolvedSourcePath == "/w/a/b")
        #expect(Context(sourcePath: "a", archivePath: "a", workingDirectory: "/w/").resolvedSourcePath == "/w/a")
        #expect(Context(sourcePath: "/abs", archivePath: "abs", workingDirectory: "/w").resolvedSourcePath == "/abs")
        #expect(Context(sourcePath: "", archivePath: nil, workingDirectory: "/w").resolvedSourcePath == "/w")
    }

    @Test func contextEncodesWithSnakeCaseKeys() throws {
        let data = try JSONEncoder().encode(Context(sourcePath: "s", archivePath: "a", workingDirectory: "/w"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object == ["source_path": "s", "archive_path": "a", "working_directory": "/w"])
    }
}
