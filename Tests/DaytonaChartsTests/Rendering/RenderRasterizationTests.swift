import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// Runs `rsvg-convert` (Debian package librsvg2-bin) on rendered SVGs to prove a real rasterizer accepts them.
@Suite struct RenderRasterizationTests {
    /// Set to 1 in CI, where the tool is installed: a missing tool is then a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["DAYTONA_REQUIRE_RSVG"] == "1"

    static let tool: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories =
            path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return directories.map { $0 + "/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test(
        .enabled(
            if: tool != nil || required,
            "rsvg-convert is not installed (apt-get install librsvg2-bin); set DAYTONA_REQUIRE_RSVG=1 to fail instead"
        ),
        arguments: [
            "line-multi", "bar-grouped", "composite-2x2", "pie-labels-autopct", "box-vertical-patch", "unknown-imshow",
        ]
    )
    func rsvgConvertTurnsTheSVGIntoAPNG(_ name: String) throws {
        let tool = try #require(Self.tool, "rsvg-convert is required (DAYTONA_REQUIRE_RSVG=1) but not installed")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "daytona-render-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let svgURL = directory.appendingPathComponent("\(name).svg")
        let pngURL = directory.appendingPathComponent("\(name).png")
        try RenderFixtures.chart(named: name).svg(width: 640, height: 400).write(
            to: svgURL,
            atomically: true,
            encoding: .utf8
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [svgURL.path, "-o", pngURL.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "rsvg-convert failed: \(message)")
        let png = try Data(contentsOf: pngURL)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // IHDR holds the size: width and height as big-endian 32-bit integers at offsets 16 and 20.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 640)
    }
}
