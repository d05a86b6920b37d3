import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// The image conformance vectors: each recipe's Dockerfile and context list must match the
/// recorded output byte for byte (glob runs compared as multisets, as the vectors' README says).
@Suite struct ImageVectorTests {
    @Test func theVectorsAreLoaded() throws {
        #expect(ImageVector.all.count == 136)
        #expect(ImageFixtureTree.shared != nil)
    }

    @Test(arguments: ImageVector.cases(expecting: "ok") + ImageVector.cases(expecting: "hash_error"))
    func dockerfileAndContextsMatchTheVector(_ vector: ImageVector) throws {
        let tree = try #require(ImageFixtureTree.shared)
        let image = try Image(recipeAt: tree.root + "/" + vector.recipePath, homeDirectory: tree.home)
        #expect(image.dockerfile == tree.substitute(try #require(vector.dockerfile)))
        let expected = try #require(vector.contexts).map {
            ImageVector.ExpectedContext(
                sourcePath: tree.substitute($0.sourcePath),
                archivePath: tree.substitute($0.archivePath)
            )
        }
        let actual = image.contextList.map {
            ImageVector.ExpectedContext(sourcePath: $0.sourcePath, archivePath: $0.archivePath ?? "")
        }
        #expect(
            Self.sameContexts(expected, actual, globGroups: vector.globGroups ?? []),
            "contexts differ: \(actual)"
        )
    }

    @Test(arguments: ImageVector.cases(expecting: "error"))
    func invalidRecipeFailsWithADaytonaError(_ vector: ImageVector) throws {
        let tree = try #require(ImageFixtureTree.shared)
        let error = #expect(throws: DaytonaError.self) {
            try Image(recipeAt: tree.root + "/" + vector.recipePath, homeDirectory: tree.home)
        }
        // Recipe-shape errors and D4 refusals are bad requests; the rest carry the Python SDK's class.
        if let error, let expectedClass = vector.errorClass {
            let expected = expectedClass == "RecipeError" ? "DaytonaBadRequestError" : expectedClass
            #expect(error.kindName == expected, "\(error.message)")
            #expect(error.message.hasPrefix("steps["), "the message names the step: \(error.message)")
        }
    }

    /// Positions must match, except inside each `[start, length]` glob run, compared as a multiset.
    static func sameContexts(
        _ expected: [ImageVector.ExpectedContext],
        _ actual: [ImageVector.ExpectedContext],
        globGroups: [[Int]]
    ) -> Bool {
        guard expected.count == actual.count else { return false }
        var grouped = Set<Int>()
        for group in globGroups where group.count == 2 {
            let range = group[0]..<(group[0] + group[1])
            guard range.upperBound <= expected.count else { return false }
            let want = expected[range].map { "\($0.sourcePath)\u{0}\($0.archivePath)" }.sorted()
            let got = actual[range].map { "\($0.sourcePath)\u{0}\($0.archivePath)" }.sorted()
            guard want == got else { return false }
            grouped.formUnion(range)
        }
        return zip(expected, actual).enumerated().allSatisfy { index, pair in
            grouped.contains(index) || pair.0 == pair.1
        }
    }
}
