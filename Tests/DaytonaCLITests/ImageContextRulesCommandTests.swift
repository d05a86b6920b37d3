import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaCLI

/// `image contexts`, `archive` and `export` on contexts whose archive path has a leading `/`
/// (stored without it) and on contexts with ignore rules (ignored files absent).
@Suite struct ImageContextRulesCommandTests {
    static func project() throws -> String {
        let root = try TestTools.temporaryFolder("cli-rules")
        try TestTools.write(root + "/web/site.css", "body { color: teal }\n")
        try TestTools.write(
            root + "/slash.yaml",
            """
            steps:
              - base: alpine
              - dockerfile_commands: ["COPY web/site.css /srv/www/site.css"]
                context_dir: .
            """
        )
        try TestTools.write(root + "/app/main.py", "print('main')\n")
        try TestTools.write(root + "/app/.env", "TOKEN=secret\n")
        try TestTools.write(root + "/app/.git/HEAD", "ref: refs/heads/main\n")
        try TestTools.write(root + "/app/keep/.env", "PUBLIC=1\n")
        try TestTools.write(
            root + "/ignore.yaml",
            """
            steps:
              - base: alpine
              - add_local_dir: app
                remote_path: /app
                ignore: [.git, "**/.env", "!keep/.env"]
            """
        )
        return root
    }

    static func contexts(_ recipe: String, _ extra: [String] = []) throws -> [[String: String]] {
        let command = try #require(
            try DaytonaCommand.parseAsRoot(["image", "contexts", recipe] + extra) as? ImageCommand.Contexts
        )
        return try #require(try JSONSerialization.jsonObject(with: Data(command.render().utf8)) as? [[String: String]])
    }

    static func tarNames(_ path: String) throws -> [String]? {
        guard let tar = TestTools.find("tar") else { return nil }
        let listing = try TestTools.run(tar, ["-tf", path])
        #expect(listing.status == 0, "\(listing.error)")
        return listing.output.split(separator: "\n").map(String.init)
    }

    @Test func aLeadingSlashArchivePathIsListedAsThePythonSDKGivesIt() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let listed = try Self.contexts(root + "/slash.yaml", ["--hash", "python"])
        #expect(listed.map { $0["archive_path"] } == ["/web/site.css"])
        #expect(listed.map { $0["source_path"] } == ["./web/site.css"])
        // hashlib.md5(b"/web/site.css" + content): the archive path is hashed as it is.
        #expect(listed.first?["hash"] == "80d922cc96e9d5b158a614f2aea8e1ce")
    }

    @Test func aLeadingSlashArchivePathIsArchivedAndExportedWithoutIt() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let archive = try #require(
            try DaytonaCommand.parseAsRoot(["image", "archive", root + "/slash.yaml", root + "/out"])
                as? ImageCommand.Archive
        )
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(archive.render().utf8)) as? [[String: String]]
        )
        #expect(manifest.first?["archive_path"] == "/web/site.css")
        if let names = try Self.tarNames(try #require(manifest.first?["archive"])) {
            #expect(names == ["web/site.css"])
        }
        let export = try #require(
            try DaytonaCommand.parseAsRoot(["image", "export", root + "/slash.yaml", root + "/build"])
                as? ImageCommand.Export
        )
        _ = try export.render()
        #expect(
            FileManager.default.contents(atPath: root + "/build/web/site.css") == Data("body { color: teal }\n".utf8)
        )
        #expect(
            FileManager.default.contents(atPath: root + "/build/Dockerfile")
                == Data("FROM alpine\nCOPY web/site.css /srv/www/site.css\n".utf8)
        )
    }

    @Test func ignoredFilesAreAbsentFromTheArchiveTheExportAndTheHash() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let archive = try #require(
            try DaytonaCommand.parseAsRoot(["image", "archive", root + "/ignore.yaml", root + "/out"])
                as? ImageCommand.Archive
        )
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(archive.render().utf8)) as? [[String: String]]
        )
        if let names = try Self.tarNames(try #require(manifest.first?["archive"])) {
            #expect(names == ["app/", "app/keep/", "app/keep/.env", "app/main.py"])
        }
        let export = try #require(
            try DaytonaCommand.parseAsRoot(["image", "export", root + "/ignore.yaml", root + "/build"])
                as? ImageCommand.Export
        )
        _ = try export.render()
        let laid = try FileManager.default.subpathsOfDirectory(atPath: root + "/build").sorted()
        #expect(laid == ["Dockerfile", "app", "app/keep", "app/keep/.env", "app/main.py"])
        // The hashes are those of what is sent: leaving the rules out changes them.
        let stable = try Self.contexts(root + "/ignore.yaml", ["--hash", "stable"]).first?["hash"]
        #expect(manifest.first?["hash"] == stable)
        try TestTools.write(
            root + "/plain.yaml",
            "steps:\n  - base: alpine\n  - add_local_dir: app\n    remote_path: /app\n"
        )
        for scheme in ["stable", "python"] {
            let with = try Self.contexts(root + "/ignore.yaml", ["--hash", scheme]).first?["hash"]
            let without = try Self.contexts(root + "/plain.yaml", ["--hash", scheme]).first?["hash"]
            #expect(with != nil && without != nil && with != without, "\(scheme)")
        }
        let plain = try Self.contexts(root + "/ignore.yaml").first
        #expect(plain == ["source_path": "app", "archive_path": "app"])
    }
}
