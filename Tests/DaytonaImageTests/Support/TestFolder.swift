import Foundation

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// A unique temporary folder for one test's fixtures, removed when the value goes away.
///
/// Paths are canonical (no symbolic links), so they can be compared with the library's output.
final class TestFolder: @unchecked Sendable {
    /// The folder's absolute path, without a trailing slash.
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("daytona-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = LocalFileSystem.realPath(base.path, workingDirectory: "/")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `relative` inside the folder.
    func url(_ relative: String) -> String {
        relative.isEmpty ? path : path + "/" + relative
    }

    /// Writes a UTF-8 text file, creating its parent folders.
    @discardableResult
    func file(_ relative: String, _ text: String = "x\n") throws -> String {
        try bytes(relative, Array(text.utf8))
    }

    /// Writes a file with the given bytes, creating its parent folders.
    @discardableResult
    func bytes(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let full = url(relative)
        let parent = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return full
    }

    /// Creates a folder (and its parents).
    @discardableResult
    func folder(_ relative: String) throws -> String {
        let full = url(relative)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    /// Creates a symbolic link at `relative` whose target is `target`, as written.
    func link(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url(relative), withDestinationPath: target)
    }

    /// Path handling as if the process ran in `relative` (inside this folder) with `~` = `home`.
    func paths(in relative: String = "", home: String = "home") -> PathEnvironment {
        PathEnvironment(workingDirectory: url(relative), homeDirectory: url(home))
    }

    /// `Image.base(reference)` created with this folder as the working folder.
    func base(_ reference: String = "alpine", in relative: String = "") -> Image {
        Image(dockerfile: "FROM \(reference)\n", paths: paths(in: relative))
    }

    /// `Image.debianSlim(version)` created with this folder as the working folder.
    func debianSlim(_ version: String?, in relative: String = "") throws -> Image {
        try Image.debianSlim(version, paths: paths(in: relative))
    }

    /// `Image.fromDockerfile(path)` created with this folder as the working folder.
    func fromDockerfile(_ file: String, strictContext: Bool = false, in relative: String = "") throws -> Image {
        try Image.fromDockerfile(file, strictContext: strictContext, paths: paths(in: relative))
    }
}

/// The contexts of an image as `(source, archive)` pairs, for compact comparisons.
func pairs(_ image: Image) -> [[String]] {
    image.contextList.map { [$0.sourcePath, $0.archivePath ?? "<nil>"] }
}

/// The pairs as a multiset (sorted), for contexts a glob produced in listing order.
func sortedPairs(_ image: Image) -> [[String]] {
    pairs(image).sorted { $0.joined(separator: "\u{0}") < $1.joined(separator: "\u{0}") }
}

/// The message of the error `body` throws, and whether it has the expected type.
func failure<E: DaytonaError>(_ type: E.Type, _ body: () throws -> Any) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as E {
        return error.message
    } catch {
        return "unexpected \(error)"
    }
}

let debianSlimTail =
    "RUN apt-get update\nRUN apt-get install -y gcc gfortran build-essential\nRUN pip install --upgrade pip\n"
    + "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections\n"
