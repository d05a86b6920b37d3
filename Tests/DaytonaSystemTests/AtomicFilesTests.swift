import DaytonaErrors
import Foundation
import Testing

@testable import DaytonaSystem

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func contents(_ url: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
}

@Suite("atomic output files")
struct AtomicFilesTests {
    @Test func writesEveryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.png")
        let b = directory.appendingPathComponent("b.png")
        try Data("old".utf8).write(to: a)
        try AtomicFiles.write([(a.path, Data("A".utf8)), (b.path, Data("B".utf8))])
        #expect(try Data(contentsOf: a) == Data("A".utf8))
        #expect(try Data(contentsOf: b) == Data("B".utf8))
        #expect(try contents(directory) == ["a.png", "b.png"])
    }

    @Test func aFailedRenameTakesBackTheFilesAlreadyMovedAndRestoresOldOnes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("out-1.png")
        let second = directory.appendingPathComponent("out-2.png")
        let third = directory.appendingPathComponent("out-3.png")
        try Data("previous first".utf8).write(to: first)
        try Data("previous third".utf8).write(to: third)
        var operations = AtomicFiles.Operations()
        var renames = 0
        operations.rename = { from, to in
            renames += 1
            if to == third.path {
                errno = EIO
                return -1
            }
            return rename(from, to)
        }
        let error = try #require(throws: DaytonaBadRequestError.self) {
            try AtomicFiles.write(
                [(first.path, Data("1".utf8)), (second.path, Data("2".utf8)), (third.path, Data("3".utf8))],
                operations: operations
            )
        }
        #expect(renames == 3)
        #expect(error.message.hasPrefix(third.path + ": cannot write ("))
        #expect(try Data(contentsOf: first) == Data("previous first".utf8))
        #expect(try Data(contentsOf: third) == Data("previous third".utf8))
        #expect(!FileManager.default.fileExists(atPath: second.path))
        // No temporary or kept file is left behind.
        #expect(try contents(directory) == ["out-1.png", "out-3.png"])
    }

    @Test func aFolderInTheWayIsFoundBeforeAnythingMoves() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("out-1.png")
        let second = directory.appendingPathComponent("out-2.png")
        try FileManager.default.createDirectory(at: second, withIntermediateDirectories: false)
        var operations = AtomicFiles.Operations()
        var renames = 0
        operations.rename = { from, to in
            renames += 1
            return rename(from, to)
        }
        let error = try #require(throws: DaytonaBadRequestError.self) {
            try AtomicFiles.write(
                [(first.path, Data("1".utf8)), (second.path, Data("2".utf8))],
                operations: operations
            )
        }
        #expect(renames == 0)
        #expect(error.message == "\(second.path): cannot write (it is a folder)")
        #expect(try contents(directory) == ["out-2.png"])
    }

    @Test func aMissingFolderIsNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("missing/out.svg").path
        let error = try #require(throws: DaytonaBadRequestError.self) {
            try AtomicFiles.write(Data("x".utf8), to: out)
        }
        #expect(error.message.contains("does not exist"))
        #expect(error.message.contains(directory.appendingPathComponent("missing").path))
    }
}
