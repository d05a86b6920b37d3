import DaytonaErrors
import Testing

@testable import DaytonaJSON

@Suite("JSONValue")
struct JSONValueTests {
    @Test func objectsKeepKeyOrderAndLastValueOfARepeatedKey() throws {
        let value = try JSONValue(jsonBytes: Array(#"{"b": 1, "a": 2, "b": 3}"#.utf8))
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == .int(3))
    }

    @Test func settingNilRemovesAKey() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = nil
        #expect(object.keys == ["b"])
        object["c"] = "x"
        #expect(object.keys == ["b", "c"])
    }

    @Test func equivalenceComparesNumbersByValueAndNaNEqualsNaN() {
        #expect(JSONValue.int(1).isEquivalent(to: .double(1.0)))
        #expect(JSONValue.double(.nan).isEquivalent(to: .double(.nan)))
        #expect(!JSONValue.int(1).isEquivalent(to: .string("1")))
        #expect(JSONValue(dictionaryLiteral: ("a", 1), ("b", 2)).isEquivalent(to: ["b": 2, "a": 1.0]))
        #expect(!JSONValue(arrayLiteral: 1, 2).isEquivalent(to: [2, 1]))
    }

    @Test func dictionaryViewHasEveryKey() {
        let object: JSONObject = ["a": 1, "b": [true, nil]]
        #expect(object.dictionary == ["a": .int(1), "b": .array([.bool(true), .null])])
    }
}
