import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation
import Testing

@testable import DaytonaCLI

private let chartInputs = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("DaytonaChartsTests/Fixtures/charts/inputs")

private func input(_ name: String) -> String {
    chartInputs.appendingPathComponent("\(name).json").path
}

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chart-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func writeTemporaryChart(_ text: String, in directory: URL) throws -> String {
    let path = directory.appendingPathComponent("chart.json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("chart commands")
struct ChartCommandTests {
    @Test func normalizePrintsTheNormalizedChart() throws {
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "normalize", input("label-missing")])
        let command = try #require(parsed as? ChartCommand.Normalize)
        #expect(
            try command.render()
                == #"{"type": "line", "elements": [{"label": "", "points": []}], "x_ticks": [], "x_tick_labels": [], "y_ticks": [], "y_tick_labels": []}"#
        )
    }

    @Test func normalizeWritesNaNAndInfinityTokens() throws {
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "normalize", input("nan-inf")])
        let command = try #require(parsed as? ChartCommand.Normalize)
        let text = try command.render()
        #expect(text.contains("[[NaN, Infinity], [-Infinity, 1.0]]"))
    }

    @Test func normalizeOfAnInvalidChartThrowsAValidationErrorNamingFileAndPath() throws {
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "normalize", input("error-point-arity")])
        let command = try #require(parsed as? ChartCommand.Normalize)
        let error = try #require(throws: DaytonaValidationError.self) { try command.render() }
        #expect(error.message.contains("error-point-arity.json"))
        #expect(error.message.contains("elements[0].points["))
    }

    @Test func aMissingFileIsANotFoundError() throws {
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "normalize", "/nonexistent/chart.json"])
        let command = try #require(parsed as? ChartCommand.Normalize)
        let error = try #require(throws: DaytonaNotFoundError.self) { try command.render() }
        #expect(error.message == "/nonexistent/chart.json does not exist")
    }

    @Test func aFolderInsteadOfAFileSaysSo() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "normalize", directory.path])
        let command = try #require(parsed as? ChartCommand.Normalize)
        let error = try #require(throws: DaytonaBadRequestError.self) { try command.render() }
        #expect(error.message == "\(directory.path) is a folder, not a file")
    }

    @Test func anUnreadableFileGivesTheSystemsReason() throws {
        let error = LocalFileSystem.readError("/x/chart.json", code: EACCES)
        #expect(error is DaytonaBadRequestError)
        #expect(error.message == "/x/chart.json: cannot read the file (\(String(cString: strerror(EACCES))))")
        #expect(LocalFileSystem.readError("/x/chart.json", code: ENOTDIR) is DaytonaNotFoundError)
        #expect(
            LocalFileSystem.readError("/x/chart.json", code: EISDIR).message == "/x/chart.json is a folder, not a file"
        )
    }

    @Test(.enabled(if: geteuid() != 0, "root reads files whatever their permissions"))
    func aFileWithoutReadPermissionIsABadRequestNamingThePath() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeTemporaryChart(#"{"type": "line"}"#, in: directory)
        #expect(chmod(path, 0) == 0)
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "normalize", path])
        let command = try #require(parsed as? ChartCommand.Normalize)
        let error = try #require(throws: DaytonaBadRequestError.self) { try command.render() }
        #expect(error.message == "\(path): cannot read the file (Permission denied)")
    }

    @Test func inspectDrawsACompositeAsATree() throws {
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "inspect", input("composite-2x2")])
        let command = try #require(parsed as? ChartCommand.Inspect)
        #expect(
            try command.render() == """
                composite_chart "Four panels": 4 subplots, PNG
                ├─ [1] line: 1 series, 3 points
                │    x axis: scale linear, 5 ticks
                │    y axis: scale linear, 5 ticks
                │    series "l": 3 points
                ├─ [2] bar: 2 bars
                ├─ [3] scatter: 1 series, 3 points
                │    x axis: scale linear, 5 ticks
                │    y axis: scale linear, 5 ticks
                │    series "_child0": 3 points
                └─ [4] pie: 2 slices

                """
        )
    }

    @Test func inspectJSONGivesCountsForMachines() throws {
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "inspect", "--json", input("line-multi")])
        let command = try #require(parsed as? ChartCommand.Inspect)
        let value = try JSONValue(jsonBytes: Array(try command.render().utf8))
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object["type"] == "line")
        #expect(object["has_png"] == true)
        guard case .int(let series)? = object["elements"], case .int(let points)? = object["points"] else {
            Issue.record("missing counts")
            return
        }
        #expect(series >= 2)
        #expect(points > series)
    }

    @Test func pngWritesTheEmbeddedImage() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out.png").path
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "png", input("line-multi"), "-o", out])
        let command = try #require(parsed as? ChartCommand.PNG)
        #expect(try command.render() == out + "\n")
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(Array(written.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        let expected = try #require(
            try Chart(jsonBytes: Data(contentsOf: URL(fileURLWithPath: input("line-multi")))).pngData
        )
        #expect(written == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.png"])
    }

    @Test func pngOfACompositeWithoutItsOwnImageWritesEachSubplot() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = Data("first".utf8).base64EncodedString()
        let b = Data("third".utf8).base64EncodedString()
        let path = try writeTemporaryChart(
            #"{"type": "composite_chart", "elements": [{"type": "line", "png": "\#(a)"}, {"type": "bar"}, {"type": "pie", "png": "\#(b)"}]}"#,
            in: directory
        )
        let out = directory.appendingPathComponent("fig.png").path
        let command = try #require(
            try DaytonaCommand.parseAsRoot(["chart", "png", path, "--output", out]) as? ChartCommand.PNG
        )
        let printed = try command.render()
        let first = directory.appendingPathComponent("fig-1.png")
        let third = directory.appendingPathComponent("fig-3.png")
        #expect(printed == first.path + "\n" + third.path + "\n")
        #expect(try Data(contentsOf: first) == Data("first".utf8))
        #expect(try Data(contentsOf: third) == Data("third".utf8))
    }

    @Test func pngWritesNothingWhenOneSubplotImageIsInvalid() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = Data("ok".utf8).base64EncodedString()
        let path = try writeTemporaryChart(
            #"{"type": "composite_chart", "elements": [{"type": "line", "png": "\#(good)"}, {"type": "pie", "png": "%%%"}]}"#,
            in: directory
        )
        let out = directory.appendingPathComponent("fig.png").path
        let command = try #require(
            try DaytonaCommand.parseAsRoot(["chart", "png", path, "-o", out]) as? ChartCommand.PNG
        )
        let error = try #require(throws: DaytonaValidationError.self) { try command.render() }
        #expect(error.message.contains("elements[1].png"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["chart.json"])
    }

    @Test func pngOfAChartWithoutImageIsAnError() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).png").path
        let command = try #require(
            try DaytonaCommand.parseAsRoot(["chart", "png", input("minimal-line"), "-o", out]) as? ChartCommand.PNG
        )
        #expect(throws: DaytonaBadRequestError.self) { try command.render() }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func numberedNamesPutTheNumberBeforeTheExtension() {
        #expect(ChartCommand.PNG.numbered("out.png", 2) == "out-2.png")
        #expect(ChartCommand.PNG.numbered("dir/out", 3) == "dir/out-3")
    }

    @Test func chartHelpListsTheSubcommands() {
        let help = ChartCommand.helpMessage()
        #expect(help.contains("normalize"))
        #expect(help.contains("inspect"))
        #expect(help.contains("png"))
    }

    @Test func pngHelpDocumentsTheCompositeChoice() {
        let help = ChartCommand.PNG.helpMessage()
        #expect(help.contains("OUT-1.png"))
    }

    @Test func pngHelpTextIsPinned() {
        let help = DaytonaCommand.helpMessage(for: ChartCommand.PNG.self, columns: 100)
        let expected = """
            OVERVIEW: Write the PNG image embedded in a chart.

            A chart with a PNG of its own (a composite included) writes it to OUT. A composite without one
            writes each subplot's PNG instead, as OUT-1.png, OUT-2.png, ... numbered by the subplot's position
            (subplots without a PNG are skipped). Every image is decoded and written to a temporary file first
            and only then moved into place, so on error nothing is written. The paths written are printed, one
            a line.

            USAGE: daytona-swift chart png <FILE> --output <OUT>

            ARGUMENTS:
              <FILE>                  A chart JSON file, or - for standard input.

            OPTIONS:
              -o, --output <OUT>      The PNG file to write.
              -h, --help              Show help information.
            """
        #expect(help.trimmingCharacters(in: .newlines) == expected)
    }

    @Test func normalizeHelpTextIsPinned() {
        let help = DaytonaCommand.helpMessage(for: ChartCommand.Normalize.self, columns: 100)
        let expected = """
            OVERVIEW: Print a chart's normalized metadata (the seed-era Python to_dict(), with C1-C5) as JSON.

            The output is one JSON object in Python json.dumps layout; NaN and the infinities are written as
            the bare tokens NaN, Infinity and -Infinity. On error nothing is written to stdout.

            USAGE: daytona-swift chart normalize <FILE>

            ARGUMENTS:
              <FILE>                  A chart JSON file, or - for standard input.

            OPTIONS:
              -h, --help              Show help information.
            """
        #expect(help.trimmingCharacters(in: .newlines) == expected)
    }
}
