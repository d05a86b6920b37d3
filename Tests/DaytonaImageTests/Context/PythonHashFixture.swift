import Foundation

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// A tree whose Python SDK hashes were recorded once (`Fixtures/contexts/python-hashes.json`,
/// made by `Benchmarks/contexts/make_python_fixtures.py`), with the listing order it had.
struct PythonHashFixture: Decodable, Sendable, CustomStringConvertible {
    struct Entry: Decodable, Sendable {
        var path: String
        var type: String
        var text: String?
        var base64: String?
        var target: String?
    }

    struct ExpectedContext: Decodable, Sendable {
        var sourcePath: String
        var archivePath: String?
        var md5: String?

        enum CodingKeys: String, CodingKey {
            case sourcePath = "source_path"
            case archivePath = "archive_path"
            case md5
        }
    }

    var name: String
    var entries: [Entry]
    var listings: [String: [String]]
    var contexts: [ExpectedContext]

    var description: String { name }

    static let root = "/fixture"

    static func load() -> [PythonHashFixture] {
        guard let url = Bundle.module.url(forResource: "Fixtures/contexts/python-hashes", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return [] }
        return (try? JSONDecoder().decode([PythonHashFixture].self, from: data)) ?? []
    }

    /// The tree in memory, each folder listing its entries in the recorded order.
    func fileSystem() -> InMemoryFileSystem {
        let fileSystem = InMemoryFileSystem()
        addEntries(to: fileSystem, root: Self.root)
        for (folder, names) in listings {
            fileSystem.setListingOrder(of: folder.isEmpty ? Self.root : Self.root + "/" + folder, names)
        }
        return fileSystem
    }

    /// Adds the entries to any file system with the same shape of calls.
    func addEntries(to fileSystem: InMemoryFileSystem, root: String, reversed: Bool = false) {
        for entry in reversed ? entries.reversed() : entries {
            let path = root + "/" + entry.path
            switch entry.type {
            case "dir": fileSystem.addDirectory(path)
            case "symlink": fileSystem.addLink(path, target: entry.target ?? "")
            default:
                if let base64 = entry.base64, let data = Data(base64Encoded: base64) {
                    fileSystem.addFile(path, bytes: Array(data))
                } else {
                    fileSystem.addFile(path, entry.text ?? "")
                }
            }
        }
    }

    /// Creates the entries on disk under `root`, in order or reversed.
    func create(under root: String, reversed: Bool = false) throws {
        let manager = FileManager.default
        for entry in reversed ? entries.reversed() : entries {
            let path = root + "/" + entry.path
            try manager.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            switch entry.type {
            case "dir": try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            case "symlink": try manager.createSymbolicLink(atPath: path, withDestinationPath: entry.target ?? "")
            default:
                let data = entry.base64.flatMap { Data(base64Encoded: $0) } ?? Data((entry.text ?? "").utf8)
                _ = manager.createFile(atPath: path, contents: data)
            }
        }
    }
}
