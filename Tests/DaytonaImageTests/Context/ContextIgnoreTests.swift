import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// Ignored files are absent wherever a context's content counts: the walk, the stable and the
/// Python hash, the archive and the build folder.
@Suite struct ContextIgnoreTests {
    /// Writes a tree of a few thousand files with the usual clutter: `.git`, `node_modules`,
    /// build output, bytecode, secrets, logs, and a few things put back by exceptions.
    static func makeClutteredTree(at root: String) throws -> [String] {
        var paths: [String] = []
        func file(_ relative: String, _ text: String = "x") throws {
            try TestTools.write(root + "/" + relative, text + " " + relative + "\n")
            paths.append(relative)
        }
        for package in 0..<12 {
            for module in 0..<20 {
                try file("src/pkg\(package)/mod\(module).py")
                try file("src/pkg\(package)/__pycache__/mod\(module).cpython-312.pyc")
            }
            try file("src/pkg\(package)/README.md")
            try file("src/pkg\(package)/debug-\(package).log")
        }
        for library in 0..<60 {
            for part in 0..<25 { try file("node_modules/lib\(library)/dist/part\(part).js") }
            try file("node_modules/lib\(library)/package.json")
        }
        try file("node_modules/keep/index.js")
        for object in 0..<400 { try file(".git/objects/\(object % 16)/obj\(object)") }
        try file(".git/HEAD")
        for artifact in 0..<150 { try file("build/out/artifact\(artifact).o") }
        try file("build/keep.txt")
        try file(".env")
        try file(".env.production")
        try file(".env.example")
        try file("docs/guide.md")
        try file("docs/README.md")
        try file("requirements.txt")
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/logs", withIntermediateDirectories: true)
        try file("logs/today.log")
        try FileManager.default.createSymbolicLink(atPath: root + "/link-to-env", withDestinationPath: ".env")
        return paths
    }

    static let clutterRules = [
        "# VCS and dependencies", ".git", "node_modules", "!node_modules/keep",
        "**/__pycache__", "*.log", "**/*.log", "build/**", "!build/keep.txt",
        ".env*", "!.env.example", "docs/*.md", "!docs/README.md",
    ]

    /// Every member the walk should visit: what the rules keep, and the folders above it.
    static func expectedMembers(_ root: String, rules: IgnoreRules) throws -> Set<String> {
        var members: Set<String> = [""]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        while let relative = enumerator.nextObject() as? String {
            guard !rules.excludes(relative) else { continue }
            var path = relative
            members.insert(path)
            while let slash = path.lastIndex(of: "/") {
                path = String(path[..<slash])
                members.insert(path)
            }
        }
        return members
    }

    @Test func aTreeOfThousandsOfFilesSendsExactlyWhatTheRulesKeep() throws {
        let root = try TestTools.temporaryFolder("ignore-big")
        defer { try? LocalFileSystem.removeTree(root) }
        let written = try Self.makeClutteredTree(at: root + "/tree")
        #expect(written.count > 2_500)
        let rules = try IgnoreRules(Self.clutterRules)
        let expected = try Self.expectedMembers(root + "/tree", rules: rules)
        let ignore = Context.Ignore(rules: rules)
        var visited: [String] = []
        try ContextWalk(fileSystem: LocalFileSystem()).visit(root: root + "/tree", ignore: ignore) { entry in
            visited.append(entry.relativePath)
        }
        #expect(Set(visited) == expected)
        #expect(visited.count == expected.count, "each member once")
        // Parents come before their members, as in every walk.
        var seen: Set<String> = []
        for path in visited {
            if let slash = path.lastIndex(of: "/") { #expect(seen.contains(String(path[..<slash])), "\(path)") }
            seen.insert(path)
        }
        for kept in [
            "node_modules", "node_modules/keep/index.js", "build/keep.txt", ".env.example", "docs/README.md", "empty",
            "logs", "src/pkg3/mod7.py",
        ] {
            #expect(expected.contains(kept), "\(kept)")
        }
        for left in [
            ".git", ".git/HEAD", "node_modules/lib1", "build/out", ".env", "logs/today.log", "docs/guide.md",
            "src/pkg0/__pycache__",
        ] {
            #expect(!expected.contains(left), "\(left)")
        }
    }

    @Test func theArchiveTheBuildFolderAndTheStableHashHoldOnlyWhatIsSent() throws {
        let root = try TestTools.temporaryFolder("ignore-out")
        defer { try? LocalFileSystem.removeTree(root) }
        _ = try Self.makeClutteredTree(at: root + "/tree")
        let rules = try IgnoreRules(Self.clutterRules)
        let expected = try Self.expectedMembers(root + "/tree", rules: rules)
        let context = Context(
            sourcePath: "tree",
            archivePath: "app",
            workingDirectory: root,
            ignore: Context.Ignore(rules: rules)
        )
        // The build folder holds exactly the kept members, under the archive path.
        try BuildFolder(dockerfile: "FROM scratch\n", contexts: [context]).write(to: root + "/out")
        var laid: Set<String> = [""]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root + "/out/app"))
        while let relative = enumerator.nextObject() as? String { laid.insert(relative) }
        #expect(laid == expected)
        // The stable hash is the hash of the tree with the ignored files really gone.
        let pruned = Context(sourcePath: "out/app", archivePath: "app", workingDirectory: root)
        #expect(try context.hash() == pruned.hash())
        let unignored = Context(sourcePath: "tree", archivePath: "app", workingDirectory: root)
        #expect(try context.hash() != unignored.hash())
        // The archive lists the same members.
        try ContextArchive().write([context], toFileAt: root + "/context.tar")
        if let tar = TestTools.find("tar") {
            let listing = try TestTools.run(tar, ["-tf", root + "/context.tar"])
            #expect(listing.status == 0)
            let names = Set(
                listing.output.split(separator: "\n").map { name -> String in
                    var name = String(name)
                    if name.hasSuffix("/") { name.removeLast() }
                    return name == "app" ? "" : String(name.dropFirst("app/".count))
                }
            )
            #expect(names == expected)
        }
    }

    @Test func thePythonHashIsTheHashOfWhatIsSent() throws {
        // Same listing order on both sides: the tree with rules, and the tree as sent.
        let full = InMemoryFileSystem()
        let sent = InMemoryFileSystem()
        for fileSystem in [full, sent] {
            fileSystem.addFile("/w/app/main.py", "print(1)\n")
            fileSystem.addFile("/w/app/lib/util.py", "u\n")
            fileSystem.addDirectory("/w/app/cache")
            fileSystem.addDirectory("/w/app/node_modules")
        }
        full.addFile("/w/app/lib/util.pyc", "bytecode")
        full.addFile("/w/app/cache/blob", "cached")
        full.addFile("/w/app/node_modules/x/index.js", "js")
        full.addFile("/w/app/node_modules/keep/a.js", "kept")
        full.addLink("/w/app/dangling", target: "nowhere")
        sent.addFile("/w/app/node_modules/keep/a.js", "kept")
        let rules = try IgnoreRules(["*.pyc", "**/*.pyc", "cache/*", "node_modules", "!node_modules/keep", "dangling"])
        for scheme in ContextHashScheme.allCases {
            let withRules = Context(
                sourcePath: "app",
                archivePath: "app",
                workingDirectory: "/w",
                ignore: Context.Ignore(rules: rules)
            )
            let asSent = Context(sourcePath: "app", archivePath: "app", workingDirectory: "/w")
            let hashed = try ContextHasher(scheme: scheme, fileSystem: full, concurrent: false).hash(of: withRules)
            let expected = try ContextHasher(scheme: scheme, fileSystem: sent, concurrent: false).hash(of: asSent)
            #expect(hashed == expected, "\(scheme)")
        }
        // Without the rules the dangling link fails the Python hash, as in the Python SDK.
        let plain = Context(sourcePath: "app", archivePath: "app", workingDirectory: "/w")
        #expect(throws: DaytonaError.self) { try ContextHasher(scheme: .python, fileSystem: full).hash(of: plain) }
    }

    @Test func rulesThatLeaveNothingOutChangeNoHash() throws {
        let fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/w/app/a.txt", "a")
        fileSystem.addFile("/w/app/sub/b.txt", "b")
        fileSystem.addDirectory("/w/app/empty")
        let rules = try IgnoreRules(["*.never", "!a.txt"])
        for scheme in ContextHashScheme.allCases {
            let hasher = ContextHasher(scheme: scheme, fileSystem: fileSystem, concurrent: false)
            let with = Context(
                sourcePath: "app",
                archivePath: "app",
                workingDirectory: "/w",
                ignore: .init(rules: rules)
            )
            let without = Context(sourcePath: "app", archivePath: "app", workingDirectory: "/w")
            #expect(try hasher.hash(of: with) == hasher.hash(of: without), "\(scheme)")
        }
    }

    @Test func aContextWhoseRootIsIgnoredSendsNothing() throws {
        let fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/w/ctx/secret.env", "token")
        let rules = try IgnoreRules(["*.env"])
        let ignored = Context(
            sourcePath: "ctx/secret.env",
            archivePath: "secret.env",
            workingDirectory: "/w",
            ignore: .init(rules: rules, rootPath: "secret.env")
        )
        var visited = 0
        try ContextWalk(fileSystem: fileSystem).visit(root: "/w/ctx/secret.env", ignore: ignored.ignore) { _ in
            visited += 1
        }
        #expect(visited == 0)
        // The Python hash covers the archive path only, like a source with no content at all.
        let hasher = ContextHasher(scheme: .python, fileSystem: fileSystem, concurrent: false)
        let nothing = Context(sourcePath: "ctx/none", archivePath: "secret.env", workingDirectory: "/w")
        #expect(try hasher.hash(of: ignored) == hasher.hash(of: nothing))
        let unignored = Context(sourcePath: "ctx/secret.env", archivePath: "secret.env", workingDirectory: "/w")
        #expect(try hasher.hash(of: ignored) != hasher.hash(of: unignored))
    }

    @Test func aSourceBelowTheRulesFolderIsJudgedByItsWholePath() throws {
        // `COPY app/lib /lib` with `.dockerignore` holding `app/lib/*.pyc` and `**/secret`.
        let fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/w/ctx/app/lib/a.py", "a")
        fileSystem.addFile("/w/ctx/app/lib/a.pyc", "b")
        fileSystem.addFile("/w/ctx/app/lib/deep/secret", "s")
        let rules = try IgnoreRules(["app/lib/*.pyc", "**/secret", "lib"])
        var visited: [String] = []
        try ContextWalk(fileSystem: fileSystem).visit(
            root: "/w/ctx/app/lib",
            ignore: .init(rules: rules, rootPath: "app/lib")
        ) { visited.append($0.relativePath) }
        #expect(visited == ["", "a.py", "deep"])
    }
}
