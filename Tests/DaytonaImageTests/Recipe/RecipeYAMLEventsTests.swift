import Foundation
import Testing
import Yams

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The event reader must give exactly what Yams' node tree gives, and step aside (to Yams and
/// its messages) wherever it would not.
@Suite struct RecipeYAMLEventsTests {
    /// A recipe value as text, types and all, for comparisons.
    static func describe(_ node: RecipeNode?) -> String {
        guard let node else { return "nil" }
        switch node {
        case .string(let text): return "s(\(text.debugDescription))"
        case .number(let text, let isInteger): return "n(\(text ?? "-"),\(isInteger))"
        case .bool(let value, let text): return "b(\(value),\(text))"
        case .null: return "null"
        case .other(let text): return "o(\(text.debugDescription))"
        case .sequence(let items): return "[" + items.map { describe($0) }.joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { describe($0.key) + ": " + describe($0.value) }.joined(separator: ", ") + "}"
        }
    }

    static func viaYams(_ text: String) throws -> String {
        describe(try Yams.compose(yaml: text).map(RecipeNode.init(yaml:)))
    }

    static func viaEvents(_ text: String) -> String? {
        guard case .root(let node) = RecipeYAMLEvents.read(text) else { return nil }
        return describe(node)
    }

    static let documents: [String] = [
        "steps:\n- debian_slim: \"3.12\"\n- pip_install: [requests, \"pandas>=2\"]\n  index_url: https://example.org/simple\n",
        "steps:\n  - env: {PROJECT_ROOT: /home/daytona, MODE: \"a b\", Z: '', Y: ~, X: null}\n",
        "steps:\n- run_commands: [\"echo hi\", [bash, -c, \"echo hi again\"]]\n- cmd: [/bin/bash]\n",
        "a: 3.10\nb: 3\nc: 0x1F\nd: 0o17\ne: 017\nf: 0b101\ng: 1_000\nh: 190:20:30\ni: -.inf\nj: .NaN\nk: 1e5\nl: 1.5e+3\n",
        "a: yes\nb: No\nc: ON\nd: off\ne: True\nf: FALSE\ng: y\nh: nO\n",
        "a: 2001-12-14\nb: 2001-12-14t21:59:43.10-05:00\nc: 2001-12-14 21:59:43.10 -5\nd: 2001-12-15T02:59:43.1Z\n",
        "a: <<\nb: =\nc: ~\nd:\ne: 'quoted 3'\nf: \"3.10\"\ng: !!str 3\nh: !!int \"7\"\ni: !!bool yes\nj: !custom x\n",
        "a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc: plain\n  continued\n",
        "base: &b alpine\nother: *b\nlist: &l [1, two]\ncopy: *l\n",
        "caf\u{e9}: \u{1F389}\nname: \"tab\\there\"\n",
        "- just\n- a\n- list\n",
        "plain scalar",
        "# only a comment\n",
        "\n",
        "---\nsteps: []\n...\n",
        "{\"steps\": [{\"base\": \"a\"}]}",
        "a: +12\nb: -0\nc: 12e3\nd: .5\ne: .5e-3\nf: 1.\ng: 1:60\nh: +1:30.5\ni: 0x\nj: 0b\nk: 08\nl: 1__2\n",
    ]

    @Test(arguments: documents)
    func theEventReaderGivesWhatYamsGives(_ text: String) throws {
        let events = Self.viaEvents(text)
        #expect(events != nil, "should be read without Yams")
        #expect(events == (try Self.viaYams(text)))
    }

    @Test(arguments: [
        "steps:\n- workdir: /a\n  workdir: /b\n",
        "steps: [\n",
        "a: 1\n---\nb: 2\n",
        "a: *missing\n",
        "? [complex, key]\n: value\n",
        "*a : 1\n",
        "a: 1\na: 2\n",
        "x: {k: 1, k: 2}\n",
        "'1': a\n1: b\n1: c\n",
    ])
    func whatTheEventReaderDoesNotHandleGoesToYams(_ text: String) {
        #expect(Self.viaEvents(text) == nil)
    }

    @Test func keysThatDifferByTypeAreNotDuplicates() throws {
        // Yams compares keys by text and resolved tag: '1' (a string) and 1 (an int) differ.
        let text = "'1': a\n1: b\n"
        #expect(Self.viaEvents(text) == (try Self.viaYams(text)))
    }

    /// Every resolution rule against Yams' own resolver, on many generated plain scalars.
    @Test func plainScalarsResolveAsYamsResolvesThem() {
        var samples: Set<String> = [
            "", "~", "null", "Null", "NULL", "nULL", "true", "yes", "Yes", "YES", "yEs", "on", "n", "y",
            "0", "00", "0o", "0o7", "0o8", "0x", "0xG", "0xfF_", "0b", "0b2", "0b1_0", "-0", "+0", "+", "-",
            "1_0", "1:0", "1:60", "1:59:59", "0:30", "-1:30", "1:5", "1:05.5", "1:5.", "1.", ".", ".5", "._",
            "._1", ".5e3", ".5e+3", "1e3", "1e", "1e+", "1E-2", "-.inf", "+.Inf", ".INF", "-.nan", ".nan",
            ".NaN", "inf", "nan", "<<", "=", "==", "2001-12-14", "2001-1-1", "2001-12-14 21:59:43.10 -5",
            "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43Z", "2001-12-14 21:59:43", "2001-12-14\t1:00:00",
            "2001-12-14  1:00:00.+05", "2001-12-14 1:00:00 Z", "2001-12-14 1:00:00 +5:3", "2001-12-14T25:00:00",
            "3.10", "3.12.1", "１２", "٣", "1 2", "12a", "a12",
        ]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789._:-+eExXoObBTtZ ".unicodeScalars)
        while samples.count < 4_000 {
            let length = Int.random(in: 1...10, using: &generator)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
            samples.insert(String(text))
        }
        for sample in samples.sorted() {
            let expected = Resolver.default.resolveTag(of: Node(sample)).rawValue
            #expect(YAMLTag.resolve(plain: sample) == expected, "\(sample.debugDescription)")
        }
    }

    @Test func errorsAndDuplicateKeysKeepYamsMessages() throws {
        let duplicate = failure(DaytonaBadRequestError.self) {
            try Image(recipeText: "steps:\n- base: a\n- workdir: /a\n  workdir: /b\n", workingDirectory: "/")
        }
        let yamsMessage: String
        do {
            _ = try Yams.compose(yaml: "steps:\n- base: a\n- workdir: /a\n  workdir: /b\n")
            yamsMessage = "no error"
        } catch {
            yamsMessage = "recipe is not valid YAML: \(error)"
        }
        #expect(duplicate == yamsMessage)
        #expect(duplicate?.contains("workdir") == true)
    }

    @Test func aLargeRecipeGivesTheSameImageAsItsJSONForm() throws {
        var yaml = "steps:\n- debian_slim: '3.12'\n"
        var json: [String] = [#"{"debian_slim": "3.12"}"#]
        for index in 0..<2_000 {
            switch index % 4 {
            case 0:
                yaml += "- run_commands: [\"echo step \(index)\", [bash, -c, \"echo 'again \(index)'\"]]\n"
                json.append(#"{"run_commands": ["echo step \#(index)", ["bash", "-c", "echo 'again \#(index)'"]]}"#)
            case 1:
                yaml += "- env:\n    VAR_\(index): value \(index)\n    OTHER_\(index): x\n"
                json.append(#"{"env": {"VAR_\#(index)": "value \#(index)", "OTHER_\#(index)": "x"}}"#)
            case 2:
                yaml +=
                    "- pip_install: [pkg-\(index), 'Other_\(index)>=1.\(index)']\n  index_url: https://example.org/simple\n"
                json.append(
                    #"{"pip_install": ["pkg-\#(index)", "Other_\#(index)>=1.\#(index)"], "index_url": "https://example.org/simple"}"#
                )
            default:
                yaml += "- workdir: /srv/app \(index)\n"
                json.append(#"{"workdir": "/srv/app \#(index)"}"#)
            }
        }
        let jsonText = #"{"steps": ["# + json.joined(separator: ", ") + "]}"
        let fromYAML = try Image(recipeText: yaml, workingDirectory: "/", homeDirectory: "/h")
        let fromJSON = try Image(recipeText: jsonText, workingDirectory: "/", homeDirectory: "/h")
        #expect(fromYAML.dockerfile == fromJSON.dockerfile)
        #expect(Self.viaEvents(yaml) == (try Self.viaYams(yaml)))
    }
}
