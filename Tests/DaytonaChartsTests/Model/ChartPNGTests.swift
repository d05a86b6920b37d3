import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

@Suite("Chart PNG data")
struct ChartPNGTests {
    @Test func validBase64DecodesToTheBytes() throws {
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let decoded = try chart(#"{"type": "pie", "png": "\#(bytes.base64EncodedString())"}"#)
        #expect(try decoded.pngData == bytes)
        guard case .pie(let pie) = decoded else { return }
        #expect(try pie.pngData == bytes)
    }

    @Test func absentPNGGivesNil() throws {
        #expect(try chart(#"{"type": "bar"}"#).pngData == nil)
        #expect(try chart(#"{"type": "bar", "png": null}"#).pngData == nil)
    }

    @Test func invalidBase64ThrowsWhenAskedForButDecodes() throws {
        let decoded = try chart(#"{"type": "line", "png": "not base64!"}"#)
        #expect(decoded.png == "not base64!")
        let error = try #require(throws: DaytonaValidationError.self) { try decoded.pngData }
        #expect(error.message.contains("png"))
    }

    @Test func aRealFigurePNGStartsWithThePNGSignature() throws {
        let vector = try #require(try ChartVector.load().first { $0.name == "line-multi" })
        let data = try #require(try Chart(jsonBytes: vector.input).pngData)
        #expect(Array(data.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}
