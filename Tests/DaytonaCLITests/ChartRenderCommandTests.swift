import ArgumentParser
import Daytona
import DaytonaSystem
import Foundation
import Testing

@testable import DaytonaCLI

#if canImport(FoundationXML)
import FoundationXML
#endif

private let renderInputs = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("DaytonaChartsTests/Fixtures/charts/inputs")

private func renderInput(_ name: String) -> String {
    renderInputs.appendingPathComponent("\(name).json").path
}

private func renderDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chart-render-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("chart render command")
struct ChartRenderCommandTests {
    @Test func renderWritesAWellFormedSVGOfTheGivenSize() throws {
        let directory = try renderDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("line.svg").path
        let parsed = try DaytonaCommand.parseAsRoot([
            "chart", "render", renderInput("line-multi"), "-o", out, "--width", "500", "--height", "300",
        ])
        let command = try #require(parsed as? ChartCommand.Render)
        #expect(try command.render() == out + "\n")
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(XMLParser(data: data).parse())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("<svg "))
        #expect(text.contains(#"viewBox="0 0 500 300""#))
        #expect(text.components(separatedBy: #"class="series""#).count - 1 == 3)
    }

    @Test func htmlWritesOnePageWithTheCompositeAndEachSubplot() throws {
        let directory = try renderDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("page.html").path
        let parsed = try DaytonaCommand.parseAsRoot([
            "chart", "render", renderInput("composite-2x2"), "-o", out, "--html",
        ])
        let command = try #require(parsed as? ChartCommand.Render)
        _ = try command.render()
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.components(separatedBy: "<figure").count - 1 == 5)
        #expect(!page.contains("http://") || !page.contains("src=\"http"))
    }

    @Test func anInvalidChartWritesNothingAndNamesTheFile() throws {
        let directory = try renderDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("bad.svg").path
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "render", renderInput("error-point-arity"), "-o", out])
        let command = try #require(parsed as? ChartCommand.Render)
        let error = try #require(throws: DaytonaBadRequestError.self) { try command.render() }
        #expect(error.message.contains("error-point-arity.json"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func anExistingOutputSurvivesAFailedRender() throws {
        let directory = try renderDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("keep.svg").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        let parsed = try DaytonaCommand.parseAsRoot(["chart", "render", "/nonexistent/chart.json", "-o", out])
        let command = try #require(parsed as? ChartCommand.Render)
        #expect(throws: DaytonaNotFoundError.self) { try command.render() }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old")
    }

    @Test func anUnwritableOutputIsABadRequestNamingThePath() throws {
        let parsed = try DaytonaCommand.parseAsRoot([
            "chart", "render", renderInput("line-multi"), "-o", "/nonexistent/dir/out.svg",
        ])
        let command = try #require(parsed as? ChartCommand.Render)
        let error = try #require(throws: DaytonaBadRequestError.self) { try command.render() }
        #expect(error.message.hasPrefix("/nonexistent/dir/out.svg: cannot write"))
    }

    @Test(arguments: [["--width", "0"], ["--height", "nan"], ["--width", "100000"], ["--theme", "neon"]])
    func badOptionsAreBadRequests(_ options: [String]) throws {
        let parsed = try DaytonaCommand.parseAsRoot(
            ["chart", "render", renderInput("line-multi"), "-o", "/tmp/x.svg"] + options
        )
        let command = try #require(parsed as? ChartCommand.Render)
        #expect(throws: DaytonaBadRequestError.self) { try command.document() }
    }

    @Test func darkThemeIsAnOption() throws {
        let parsed = try DaytonaCommand.parseAsRoot([
            "chart", "render", renderInput("pie-labels-autopct"), "-o", "/tmp/x.svg", "--theme", "dark",
        ])
        let command = try #require(parsed as? ChartCommand.Render)
        #expect(try command.document().contains("#1e1e1e"))
    }

    @Test func chartHelpListsRender() {
        #expect(ChartCommand.helpMessage().contains("render"))
        #expect(ChartCommand.Render.helpMessage().contains("--html"))
    }
}
