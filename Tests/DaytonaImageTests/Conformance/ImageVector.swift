import Foundation
import Testing

/// One recipe case of the conformance vectors (`Fixtures/image/cases.json`).
struct ImageVector: Decodable, Sendable, CustomTestStringConvertible {
    struct ExpectedContext: Decodable, Sendable, Hashable {
        var sourcePath: String
        var archivePath: String

        enum CodingKeys: String, CodingKey {
            case sourcePath = "source_path"
            case archivePath = "archive_path"
        }
    }

    var name: String
    var recipePath: String
    var recipe: String
    var expect: String
    var relocatable: Bool?
    var dockerfile: String?
    var contexts: [ExpectedContext]?
    var globGroups: [[Int]]?
    var hashPython: [String?]?
    var errorClass: String?

    var testDescription: String { name }

    enum CodingKeys: String, CodingKey {
        case name, recipe, expect, relocatable, dockerfile, contexts
        case recipePath = "recipe_path"
        case globGroups = "glob_groups"
        case hashPython = "hash_python"
        case errorClass = "error_class"
    }

    /// Every case, in file order.
    static let all: [ImageVector] = {
        guard let url = Bundle.module.url(forResource: "Fixtures/image/cases", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let cases = try? JSONDecoder().decode([ImageVector].self, from: data)
        else { return [] }
        return cases
    }()

    /// The cases with the given `expect` value.
    static func cases(expecting outcome: String) -> [ImageVector] {
        all.filter { $0.expect == outcome }
    }
}

/// The fixture tree of `Fixtures/image/tree.json` with every case's recipe, built once per
/// process in a fresh temporary folder (ROOT in the vectors' README).
final class ImageFixtureTree: Sendable {
    let root: String
    var home: String { root + "/home" }

    /// The tree the image tests share; entries are created in file order.
    static let shared: ImageFixtureTree? = try? ImageFixtureTree(reverse: false)

    struct Entry: Decodable {
        var path: String
        var type: String
        var text: String?
        var base64: String?
        var target: String?
    }

    struct Tree: Decodable {
        var home: String
        var entries: [Entry]
    }

    /// Builds the tree; `reverse` creates the same entries in the opposite order.
    init(reverse: Bool) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("daytona-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // The vectors need a path without symbolic links (the temporary folder may be one).
        root = base.resolvingSymlinksInPath().path
        guard let url = Bundle.module.url(forResource: "Fixtures/image/tree", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let tree = try JSONDecoder().decode(Tree.self, from: Data(contentsOf: url))
        var entries = tree.entries
        entries += ImageVector.all.map {
            Entry(path: $0.recipePath, type: "file", text: $0.recipe.replacingOccurrences(of: "@ROOT@", with: root))
        }
        if reverse { entries.reverse() }
        let manager = FileManager.default
        for entry in entries {
            let path = root + "/" + entry.path
            let parent = (path as NSString).deletingLastPathComponent
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            switch entry.type {
            case "dir":
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            case "symlink":
                try manager.createSymbolicLink(atPath: path, withDestinationPath: entry.target ?? "")
            default:
                let data = entry.base64.flatMap { Data(base64Encoded: $0) } ?? Data((entry.text ?? "").utf8)
                guard manager.createFile(atPath: path, contents: data) else { throw CocoaError(.fileWriteUnknown) }
            }
        }
    }

    /// Replaces the vectors' placeholders with this tree's root.
    func substitute(_ text: String) -> String {
        text.replacingOccurrences(of: "@ROOTREL@", with: String(root.dropFirst()))
            .replacingOccurrences(of: "@ROOT@", with: root)
    }
}
