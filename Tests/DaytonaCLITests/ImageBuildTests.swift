import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaCLI

/// Real builds with buildah, from a tiny base image made locally (busybox, no registry).
///
/// Needs `apt-get install buildah busybox-static`; without them the tests skip, unless
/// `DAYTONA_REQUIRE_BUILDAH=1` (CI), where a missing buildah is a failure. In a container,
/// buildah needs `STORAGE_DRIVER=vfs` and `BUILDAH_ISOLATION=chroot`; the tests set both when
/// they are not set already.
@Suite(.serialized) struct ImageBuildTests {
    static let baseImage = "localhost/daytona-test-busybox:latest"

    /// buildah's path, or `nil` after recording a skip (or a failure when buildah is required).
    static func buildah() -> String? {
        let required = ProcessInfo.processInfo.environment["DAYTONA_REQUIRE_BUILDAH"] == "1"
        guard let buildah = TestTools.find("buildah"), FileManager.default.fileExists(atPath: "/bin/busybox")
        else {
            let message =
                "buildah or /bin/busybox missing: real build tests need `apt-get install -y buildah busybox-static`"
            if required {
                Issue.record("DAYTONA_REQUIRE_BUILDAH=1 but \(message)")
            } else {
                print("skipping: \(message) (set DAYTONA_REQUIRE_BUILDAH=1 to make this a failure)")
            }
            return nil
        }
        setenv("STORAGE_DRIVER", "vfs", 0)
        setenv("BUILDAH_ISOLATION", "chroot", 0)
        return buildah
    }

    /// Runs buildah and fails the test on a non-zero status.
    @discardableResult
    static func buildah(_ buildah: String, _ arguments: [String]) throws -> String {
        let result = try TestTools.run(buildah, arguments)
        if result.status != 0 {
            throw CLIError("buildah \(arguments.joined(separator: " ")) failed: \(result.error)")
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Makes the busybox base image once: `/bin/busybox` plus links for the applets the tests use.
    static func ensureBaseImage(_ buildah: String) throws {
        if (try? TestTools.run(buildah, ["inspect", "--type", "image", baseImage]).status) == 0 { return }
        let container = try Self.buildah(buildah, ["from", "scratch"])
        let mount = try Self.buildah(buildah, ["mount", container])
        try FileManager.default.createDirectory(atPath: mount + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: mount + "/bin/busybox")
        for applet in ["sh", "cat", "echo", "pwd", "ls", "test"] {
            try FileManager.default.createSymbolicLink(atPath: mount + "/bin/" + applet, withDestinationPath: "busybox")
        }
        try Self.buildah(buildah, ["umount", container])
        try Self.buildah(buildah, ["commit", "--rm", container, baseImage])
    }

    /// Mounts a container of `image`, runs `body` on the mount point, then removes the container.
    static func inspect(_ buildah: String, image: String, _ body: (String) throws -> Void) throws {
        let container = try Self.buildah(buildah, ["from", "--pull-never", image])
        defer { _ = try? Self.buildah(buildah, ["rm", container]) }
        let mount = try Self.buildah(buildah, ["mount", container])
        try body(mount)
    }

    static func imageConfig(_ buildah: String, _ image: String) throws -> [String: Any] {
        let text = try Self.buildah(buildah, ["inspect", "--type", "image", image])
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let oci = try #require(object?["OCIv1"] as? [String: Any])
        return try #require(oci["config"] as? [String: Any])
    }

    @Test func addLocalFileDirEnvWorkdirAndRunTakeEffectInARealBuild() throws {
        guard let buildah = Self.buildah() else { return }
        try Self.ensureBaseImage(buildah)
        let root = try TestTools.temporaryFolder("real-build")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let binary = Data((0..<256).map { UInt8($0) })
        try TestTools.write(root + "/data/hello.txt", "hello from a file\n")
        try TestTools.write(root + "/data/dir/a.txt", "a\n")
        try TestTools.write(root + "/data/dir/sub dir/b.bin", binary)
        try TestTools.write(root + "/data/dir/run.sh", "#!/bin/sh\necho run\n", permissions: 0o755)
        try FileManager.default.createDirectory(atPath: root + "/data/dir/empty", withIntermediateDirectories: true)
        try TestTools.write(
            root + "/recipe.yaml",
            """
            steps:
              - base: \(Self.baseImage)
              - add_local_file: data/hello.txt
                remote_path: /opt/hello.txt
              - add_local_dir: data/dir
                remote_path: /opt/dir
              - env: {GREETING: "hi there", MODE: test}
              - workdir: /work
              - run_commands: ['echo "$GREETING" > /work/greeting.txt', "pwd > /work/pwd.txt"]
            """
        )
        let tag = "localhost/daytona-test-recipe:latest"
        let command = try #require(
            DaytonaCommand.parseAsRoot(["image", "build", root + "/recipe.yaml", "--tag", tag, "--builder", "buildah"])
                as? ImageCommand.Build
        )
        try command.run()
        defer { _ = try? Self.buildah(buildah, ["rmi", tag]) }
        try Self.inspect(buildah, image: tag) { mount in
            let manager = FileManager.default
            #expect(manager.contents(atPath: mount + "/opt/hello.txt") == Data("hello from a file\n".utf8))
            #expect(manager.contents(atPath: mount + "/opt/dir/a.txt") == Data("a\n".utf8))
            #expect(manager.contents(atPath: mount + "/opt/dir/sub dir/b.bin") == binary)
            #expect(manager.isExecutableFile(atPath: mount + "/opt/dir/run.sh"))
            var isDirectory: ObjCBool = false
            #expect(
                manager.fileExists(atPath: mount + "/opt/dir/empty", isDirectory: &isDirectory) && isDirectory.boolValue
            )
            #expect(manager.contents(atPath: mount + "/work/greeting.txt") == Data("hi there\n".utf8))
            #expect(manager.contents(atPath: mount + "/work/pwd.txt") == Data("/work\n".utf8))
        }
        let config = try Self.imageConfig(buildah, tag)
        let environment = config["Env"] as? [String] ?? []
        #expect(environment.contains("GREETING=hi there"))
        #expect(environment.contains("MODE=test"))
        #expect(config["WorkingDir"] as? String == "/work")
    }

    @Test func fromDockerfileCopiesLandWhereTheDockerfileSays() throws {
        guard let buildah = Self.buildah() else { return }
        try Self.ensureBaseImage(buildah)
        let root = try TestTools.temporaryFolder("real-build-dockerfile")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try TestTools.write(root + "/docker/app/main.py", "print('main')\n")
        try TestTools.write(root + "/docker/app/lib/util.py", "def f(): pass\n")
        try TestTools.write(root + "/docker/app/lib/n\u{e9}e.txt", "unicode name\n")
        try TestTools.write(
            root + "/docker/Dockerfile",
            """
            FROM \(Self.baseImage)
            COPY app/main.py /app/main.py
            COPY app/lib /app/lib
            RUN cat /app/main.py > /copied.txt

            """
        )
        try TestTools.write(root + "/recipe.yaml", "steps:\n  - from_dockerfile: docker/Dockerfile\n")
        let tag = "localhost/daytona-test-dockerfile:latest"
        let command = try #require(
            DaytonaCommand.parseAsRoot(["image", "build", root + "/recipe.yaml", "--tag", tag]) as? ImageCommand.Build
        )
        try command.run()
        defer { _ = try? Self.buildah(buildah, ["rmi", tag]) }
        try Self.inspect(buildah, image: tag) { mount in
            let manager = FileManager.default
            #expect(manager.contents(atPath: mount + "/app/main.py") == Data("print('main')\n".utf8))
            #expect(manager.contents(atPath: mount + "/app/lib/util.py") == Data("def f(): pass\n".utf8))
            #expect(manager.contents(atPath: mount + "/app/lib/n\u{e9}e.txt") == Data("unicode name\n".utf8))
            #expect(manager.contents(atPath: mount + "/copied.txt") == Data("print('main')\n".utf8))
        }
    }

    /// Runs `image build` on a recipe and returns the tag; the caller removes the image.
    static func build(_ recipe: String, tag: String) throws {
        let command = try #require(
            DaytonaCommand.parseAsRoot(["image", "build", recipe, "--tag", tag, "--builder", "buildah"])
                as? ImageCommand.Build
        )
        try command.run()
    }

    /// Busybox applets the package-step recipes need, as links a context carries.
    static func writeTools(at folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for applet in ["rm", "mkdir", "cat"] {
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/" + applet,
                withDestinationPath: "/bin/busybox"
            )
        }
    }

    @Test func dockerfileCommandsWithContextDirDotBuild() throws {
        // The Python SDK's archive path here is `/web/site.css`: stored as `web/site.css`.
        guard let buildah = Self.buildah() else { return }
        try Self.ensureBaseImage(buildah)
        let root = try TestTools.temporaryFolder("real-build-slash")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try TestTools.write(root + "/web/site.css", "body { color: teal }\n")
        try TestTools.write(
            root + "/recipe.yaml",
            """
            steps:
              - base: \(Self.baseImage)
              - dockerfile_commands: ["COPY web/site.css /srv/www/site.css"]
                context_dir: .
            """
        )
        let tag = "localhost/daytona-test-image-builder-slash:latest"
        try Self.build(root + "/recipe.yaml", tag: tag)
        defer { _ = try? Self.buildah(buildah, ["rmi", tag]) }
        try Self.inspect(buildah, image: tag) { mount in
            #expect(
                FileManager.default.contents(atPath: mount + "/srv/www/site.css") == Data("body { color: teal }\n".utf8)
            )
        }
    }

    @Test func ignoredFilesStayOutOfARealBuild() throws {
        guard let buildah = Self.buildah() else { return }
        try Self.ensureBaseImage(buildah)
        let root = try TestTools.temporaryFolder("real-build-ignore")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try TestTools.write(root + "/docker/app/main.py", "print('main')\n")
        try TestTools.write(root + "/docker/app/.env", "TOKEN=secret\n")
        try TestTools.write(root + "/docker/app/node_modules/left/index.js", "left\n")
        try TestTools.write(root + "/docker/app/node_modules/keep/index.js", "kept\n")
        try TestTools.write(root + "/docker/.dockerignore", "**/.env\n**/node_modules\n!app/node_modules/keep\n")
        try TestTools.write(
            root + "/docker/Dockerfile",
            "FROM \(Self.baseImage)\nCOPY app /app\n"
        )
        try TestTools.write(root + "/src/a.py", "a\n")
        try TestTools.write(root + "/src/a.pyc", "bytecode\n")
        try TestTools.write(
            root + "/recipe.yaml",
            """
            steps:
              - from_dockerfile: docker/Dockerfile
              - add_local_dir: src
                remote_path: /src
                ignore: ["*.pyc"]
            """
        )
        let tag = "localhost/daytona-test-image-builder-ignore:latest"
        try Self.build(root + "/recipe.yaml", tag: tag)
        defer { _ = try? Self.buildah(buildah, ["rmi", tag]) }
        try Self.inspect(buildah, image: tag) { mount in
            let manager = FileManager.default
            #expect(manager.contents(atPath: mount + "/app/main.py") == Data("print('main')\n".utf8))
            #expect(!manager.fileExists(atPath: mount + "/app/.env"))
            #expect(!manager.fileExists(atPath: mount + "/app/node_modules/left"))
            #expect(manager.contents(atPath: mount + "/app/node_modules/keep/index.js") == Data("kept\n".utf8))
            #expect(manager.contents(atPath: mount + "/src/a.py") == Data("a\n".utf8))
            #expect(!manager.fileExists(atPath: mount + "/src/a.pyc"))
        }
    }

    @Test func aptInstallRunsItsLineAgainstAStubAptGet() throws {
        // No network here: a stub apt-get records how the line calls it.
        guard let buildah = Self.buildah() else { return }
        try Self.ensureBaseImage(buildah)
        let root = try TestTools.temporaryFolder("real-build-apt")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.writeTools(at: root + "/tools")
        try TestTools.write(
            root + "/tools/apt-get",
            """
            #!/bin/sh
            echo "${DEBIAN_FRONTEND:-interactive} $*" >> /apt-calls.txt
            if [ "$1" = update ]; then mkdir -p /var/lib/apt/lists && echo list > /var/lib/apt/lists/index; fi

            """,
            permissions: 0o755
        )
        try TestTools.write(
            root + "/recipe.yaml",
            """
            steps:
              - base: \(Self.baseImage)
              - add_local_dir: tools
                remote_path: /usr/local/bin
              - env: {PATH: "/usr/local/bin:/bin"}
              - apt_install: [curl, "python3-*", git]
            """
        )
        let tag = "localhost/daytona-test-image-builder-apt:latest"
        try Self.build(root + "/recipe.yaml", tag: tag)
        defer { _ = try? Self.buildah(buildah, ["rmi", tag]) }
        try Self.inspect(buildah, image: tag) { mount in
            let calls = FileManager.default.contents(atPath: mount + "/apt-calls.txt").map {
                String(decoding: $0, as: UTF8.self)
            }
            #expect(
                calls == "interactive update\nnoninteractive install -y --no-install-recommends curl python3-* git\n"
            )
            #expect(FileManager.default.fileExists(atPath: mount + "/var/lib/apt/lists"))
            #expect(!FileManager.default.fileExists(atPath: mount + "/var/lib/apt/lists/index"))
        }
        let environment = try Self.imageConfig(buildah, tag)["Env"] as? [String] ?? []
        #expect(!environment.contains { $0.hasPrefix("DEBIAN_FRONTEND") }, "the front end is set for apt-get only")
    }

    @Test func uvPipInstallCopiesUVFromItsImageRunsItAndRemovesIt() throws {
        // A local stand-in for uv's image, under the tag the step names: no registry is reached.
        guard let buildah = Self.buildah() else { return }
        try Self.ensureBaseImage(buildah)
        let root = try TestTools.temporaryFolder("real-build-uv")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let version = "daytona-test-image-builder"
        let uvImage = "ghcr.io/astral-sh/uv:\(version)"
        let container = try Self.buildah(buildah, ["from", "scratch"])
        let mount = try Self.buildah(buildah, ["mount", container])
        try TestTools.write(mount + "/uv", "#!/bin/sh\necho \"$*\" > /uv-args.txt\n", permissions: 0o755)
        try Self.buildah(buildah, ["umount", container])
        try Self.buildah(buildah, ["commit", "--rm", container, uvImage])
        defer { _ = try? Self.buildah(buildah, ["rmi", uvImage]) }
        try Self.writeTools(at: root + "/tools")
        try TestTools.write(
            root + "/recipe.yaml",
            """
            steps:
              - base: \(Self.baseImage)
              - add_local_dir: tools
                remote_path: /usr/local/bin
              - env: {PATH: "/usr/local/bin:/bin"}
              - uv_pip_install: [requests, "pandas>=2"]
                index_url: https://pypi.example/simple
                pre: true
                uv_version: \(version)
            """
        )
        let tag = "localhost/daytona-test-image-builder-uv:latest"
        try Self.build(root + "/recipe.yaml", tag: tag)
        defer { _ = try? Self.buildah(buildah, ["rmi", tag]) }
        try Self.inspect(buildah, image: tag) { mount in
            let arguments = FileManager.default.contents(atPath: mount + "/uv-args.txt").map {
                String(decoding: $0, as: UTF8.self)
            }
            #expect(
                arguments
                    == "pip install --system --no-cache pandas>=2 requests --index-url https://pypi.example/simple "
                    + "--prerelease allow\n"
            )
            #expect(!FileManager.default.fileExists(atPath: mount + "/usr/local/bin/uv"), "no uv binary is left behind")
        }
    }
}
