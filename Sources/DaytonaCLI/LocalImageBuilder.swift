import Foundation

/// A container image builder installed on this machine: buildah or docker.
enum LocalImageBuilder: String, CaseIterable, Sendable {
    /// `buildah bud`: daemonless; in a container set `BUILDAH_ISOLATION=chroot` (and usually
    /// `STORAGE_DRIVER=vfs`).
    case buildah
    /// `docker build`: needs a running Docker daemon.
    case docker

    /// The builder named, or the first one found on `PATH` (buildah first).
    ///
    /// - Throws: ``CLIError`` saying how to install one when none is found.
    static func find(_ name: LocalImageBuilder?, environment: [String: String]) throws -> (Self, String) {
        let candidates = name.map { [$0] } ?? allCases
        for builder in candidates {
            if let path = executable(named: builder.rawValue, environment: environment) { return (builder, path) }
        }
        let wanted = candidates.map(\.rawValue).joined(separator: " or ")
        throw CLIError(
            """
            no image builder found: \(wanted) is not on PATH. Install one, e.g. \
            `apt-get install buildah` (Debian/Ubuntu; in a container also export BUILDAH_ISOLATION=chroot \
            STORAGE_DRIVER=vfs), `brew install buildah`, or Docker from https://docs.docker.com/get-docker/
            """
        )
    }

    /// The arguments that build `folder` as `tag`.
    func arguments(tag: String, extra: [String], folder: String) -> [String] {
        switch self {
        case .buildah: ["bud", "--tag", tag] + extra + [folder]
        case .docker: ["build", "--tag", tag] + extra + [folder]
        }
    }

    private static func executable(named name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the builder with the environment inherited and its output sent to standard error.
    ///
    /// - Throws: ``CLIError`` when it cannot start or exits with a non-zero status.
    func run(executable: String, arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw CLIError("cannot run \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw CLIError("\(rawValue) failed with status \(process.terminationStatus)")
        }
    }
}
