import Daytona
import Foundation
import Testing

@testable import DaytonaCLI

/// Chart commands that write several files leave nothing behind when one destination is in the way.
@Suite struct ChartOutputFailureTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chart-outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func contents(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func pngOfACompositeWritesNoSubplotWhenALaterOutputIsAFolder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = Data("first".utf8).base64EncodedString()
        let b = Data("second".utf8).base64EncodedString()
        let chart = directory.appendingPathComponent("chart.json")
        try Data(
            #"{"type": "composite_chart", "elements": [{"type": "line", "png": "\#(a)"}, {"type": "pie", "png": "\#(b)"}]}"#
                .utf8
        ).write(to: chart)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("fig-2.png"),
            withIntermediateDirectories: false
        )
        let out = directory.appendingPathComponent("fig.png").path
        let command = try #require(
            try DaytonaCommand.parseAsRoot(["chart", "png", chart.path, "-o", out]) as? ChartCommand.PNG
        )
        let error = try #require(throws: DaytonaBadRequestError.self) { try command.render() }
        #expect(error.message.contains("fig-2.png"))
        #expect(try contents(directory) == ["chart.json", "fig-2.png"])
    }

    @Test func renderLeavesAnExistingOutputAloneWhenItsFolderIsInTheWay() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out.svg")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        let chart = directory.appendingPathComponent("chart.json")
        try Data(#"{"type": "line", "elements": []}"#.utf8).write(to: chart)
        let command = try #require(
            try DaytonaCommand.parseAsRoot(["chart", "render", chart.path, "-o", out.path]) as? ChartCommand.Render
        )
        #expect(throws: DaytonaBadRequestError.self) { try command.render() }
        #expect(try contents(directory) == ["chart.json", "out.svg"])
    }
}
