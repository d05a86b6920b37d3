import Foundation

/// Helpers shared by the test targets for tests that use real files and external programs.
public enum TestTools {
    /// The path of an executable on `PATH`, or `nil`.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program; returns its exit status, standard output and standard error.
    ///
    /// With `standardInput`, the program reads that file as its standard input.
    @discardableResult
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil,
        standardInput: String? = nil
    ) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        if let standardInput {
            guard let input = FileHandle(forReadingAtPath: standardInput) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: standardInput])
            }
            process.standardInput = input
        }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Standard error is drained on another thread so that a chatty program cannot fill
        // its pipe and block while standard output is being read.
        let errorData = ErrorBuffer()
        let drain = Thread { errorData.set(error.fileHandleForReading.readDataToEndOfFile()) }
        drain.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errorData.value, as: UTF8.self)
        )
    }

    /// A fresh temporary folder, without symbolic links in its path.
    public static func temporaryFolder(_ prefix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath().path
    }

    /// Writes bytes to a file with the given permissions, creating its parent folders.
    public static func write(_ path: String, _ data: Data, permissions: Int = 0o644) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
    }

    /// Writes text to a file with the given permissions, creating its parent folders.
    public static func write(_ path: String, _ text: String, permissions: Int = 0o644) throws {
        try write(path, Data(text.utf8), permissions: permissions)
    }
}

/// Standard error collected on the draining thread.
private final class ErrorBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
