import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

@Suite struct BuildFolderTests {
    @Test func contextsAreLaidOutAtTheirArchivePathsBesideTheDockerfile() throws {
        let root = try TestTools.temporaryFolder("build-folder")
        defer { try? LocalFileSystem.removeTree(root) }
        try ContextArchiveTests.makeHostileTree(at: root + "/tree")
        let contexts = ContextArchiveTests.contexts(in: root)
        try BuildFolder(dockerfile: "FROM scratch\nCOPY ctx/sub /x\n", contexts: contexts).write(to: root + "/out")
        #expect(
            FileManager.default.contents(atPath: root + "/out/Dockerfile")
                == Data("FROM scratch\nCOPY ctx/sub /x\n".utf8)
        )
        try ContextArchiveTests.expectSameTree(source: root, extracted: root + "/out")
    }

    @Test func aFolderThatIsNotEmptyIsRefused() throws {
        let root = try TestTools.temporaryFolder("build-folder-full")
        defer { try? LocalFileSystem.removeTree(root) }
        try TestTools.write(root + "/out/old.txt", "old")
        let error = #expect(throws: DaytonaBadRequestError.self) {
            try BuildFolder(dockerfile: "FROM scratch\n", contexts: []).write(to: root + "/out")
        }
        #expect(error?.message.contains(root + "/out") == true)
    }

    @Test func aContextNamedDockerfileIsRefused() throws {
        let root = try TestTools.temporaryFolder("build-folder-dockerfile")
        defer { try? LocalFileSystem.removeTree(root) }
        try TestTools.write(root + "/Dockerfile", "FROM scratch\n")
        let context = Context(sourcePath: "Dockerfile", archivePath: "Dockerfile", workingDirectory: root)
        #expect(throws: DaytonaBadRequestError.self) {
            try BuildFolder(dockerfile: "FROM scratch\n", contexts: [context]).write(to: root + "/out")
        }
    }
}
