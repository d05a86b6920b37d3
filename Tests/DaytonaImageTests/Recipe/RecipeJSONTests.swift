import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// JSON recipes go through the package's JSON reader instead of Yams; they must mean what the
/// same YAML means, and fail where it fails.
@Suite struct RecipeJSONTests {
    func error(_ text: String) -> String? {
        failure(DaytonaBadRequestError.self) {
            try Image(recipeText: text, workingDirectory: "/nonexistent", homeDirectory: "/h")
        }
    }

    @Test func aJSONRecipeGivesTheSameImageAsItsYAMLForm() throws {
        let json = #"{"steps": [{"base": "alpine"}, {"env": {"B": "2", "A": "x y"}}, {"workdir": "/w"}]}"#
        let yaml = "steps:\n- base: alpine\n- env: {B: '2', A: x y}\n- workdir: /w\n"
        let fromJSON = try Image(recipeText: json, workingDirectory: "/", homeDirectory: "/h")
        let fromYAML = try Image(recipeText: yaml, workingDirectory: "/", homeDirectory: "/h")
        #expect(fromJSON.dockerfile == fromYAML.dockerfile)
        #expect(fromJSON.dockerfile == "FROM alpine\nENV B=2\nENV A='x y'\nWORKDIR /w\n")
    }

    @Test(arguments: [
        (#"{"steps": [{"base": "a", "base": "b"}]}"#, "steps[0]: duplicate key 'base'"),
        (#"{"steps": [{"base": "a"}, {"env": {"A": "1", "A": "2"}}]}"#, "steps[1].env: duplicate key 'A'"),
        (#"{"steps": [], "steps": [{"base": "a"}]}"#, "duplicate key 'steps'"),
    ])
    func duplicateKeysAreRefusedAsYAMLRefusesThem(recipe: String, expected: String) {
        let message = error(recipe)
        #expect(message?.hasPrefix("recipe is not valid JSON: ") == true)
        #expect(message?.contains(expected) == true, "\(message ?? "no error")")
    }

    @Test func aFloatVersionIsRefusedWithoutEchoingItsRoundedValue() {
        let message = error(#"{"steps": [{"debian_slim": 3.10}]}"#)
        #expect(message?.hasPrefix("steps[0] (debian_slim): 'debian_slim' must be a string, not a number") == true)
        #expect(message?.contains("3.1 ") == false, "\(message ?? "")")
        #expect(message?.contains("\"3.10\"") == true)
    }
}
