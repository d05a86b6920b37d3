import Foundation
import Testing

@testable import DaytonaCharts
@testable import DaytonaJSON

/// One conformance vector from `Fixtures/charts` (a copy of `shared/conformance/charts`).
struct ChartVector: Sendable, CustomTestStringConvertible {
    var name: String
    var expect: String
    var output: JSONValue?
    var input: [UInt8]

    var testDescription: String { name }

    static func fixturesDirectory() throws -> URL {
        let resources = try #require(Bundle.module.resourceURL)
        return resources.appendingPathComponent("Fixtures/charts")
    }

    static func load() throws -> [ChartVector] {
        let directory = try fixturesDirectory()
        let expected = try JSONValue(jsonBytes: Data(contentsOf: directory.appendingPathComponent("expected.json")))
        guard case .object(let cases) = expected else { throw DaytonaValidationError(message: "expected.json") }
        return try cases.entries.map { entry in
            guard case .object(let fields) = entry.value, case .string(let expect)? = fields["expect"] else {
                throw DaytonaValidationError(message: "bad vector \(entry.key)")
            }
            let input = try Data(contentsOf: directory.appendingPathComponent("inputs/\(entry.key).json"))
            return ChartVector(name: entry.key, expect: expect, output: fields["output"], input: Array(input))
        }
    }
}
