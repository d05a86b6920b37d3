import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The conformance vectors' hash checks: recorded `--hash python` values, and the stable hash
/// of every relocatable case unchanged in a copy of the tree created in reverse order.
@Suite struct ContextHashVectorTests {
    static let reversedTree: ImageFixtureTree? = try? ImageFixtureTree(reverse: true)

    @Test(arguments: ImageVector.cases(expecting: "ok").filter { $0.hashPython?.contains { $0 != nil } == true })
    func pythonHashMatchesTheRecordedValue(_ vector: ImageVector) throws {
        let tree = try #require(ImageFixtureTree.shared)
        let image = try Image(recipeAt: tree.root + "/" + vector.recipePath, homeDirectory: tree.home)
        let expected = try #require(vector.contexts)
        for (want, hash) in zip(expected, try #require(vector.hashPython)) {
            guard let hash else { continue }
            let context = try #require(
                image.contextList.first {
                    $0.sourcePath == tree.substitute(want.sourcePath)
                        && $0.archivePath == tree.substitute(want.archivePath)
                }
            )
            #expect(try context.hash(using: .python) == hash, "\(want.sourcePath)")
        }
    }

    @Test(arguments: ImageVector.cases(expecting: "hash_error"))
    func pythonHashFailsWhereThePythonSDKFails(_ vector: ImageVector) throws {
        let tree = try #require(ImageFixtureTree.shared)
        let image = try Image(recipeAt: tree.root + "/" + vector.recipePath, homeDirectory: tree.home)
        #expect(throws: DaytonaError.self) {
            for context in image.contextList { _ = try context.hash(using: .python) }
        }
    }

    @Test(arguments: ImageVector.cases(expecting: "ok").filter { $0.relocatable == true })
    func stableHashIsTheSameInATreeCreatedInReverseOrder(_ vector: ImageVector) throws {
        let tree = try #require(ImageFixtureTree.shared)
        let reversed = try #require(Self.reversedTree)
        func hashes(_ tree: ImageFixtureTree) throws -> [String] {
            let image = try Image(recipeAt: tree.root + "/" + vector.recipePath, homeDirectory: tree.home)
            return try image.contextList.map { try $0.hash(using: .stable) }
        }
        let first = try hashes(tree)
        let second = try hashes(reversed)
        #expect(first.sorted() == second.sorted())
        #expect(first.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }
}
