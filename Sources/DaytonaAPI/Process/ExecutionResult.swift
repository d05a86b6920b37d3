/// What a command or a code run gave back.
///
/// ```swift
/// let ran = try await sandbox.process.exec("echo hi; exit 3")
/// ran.exitCode   // 3
/// ran.result     // "hi\n"
/// ```
public struct ExecutionResult: Sendable {
    /// The exit status.
    public var exitCode: Int
    /// The output (standard output and standard error, as the sandbox combined them).
    public var result: String
    /// The output again, and the charts a code run drew.
    public var artifacts: ExecutionArtifacts

    /// Creates a result.
    public init(exitCode: Int, result: String, artifacts: ExecutionArtifacts = ExecutionArtifacts()) {
        self.exitCode = exitCode
        self.result = result
        self.artifacts = artifacts
    }
}

/// The parts of a run's output beyond its text.
public struct ExecutionArtifacts: Sendable {
    /// The output, as ``ExecutionResult/result``.
    public var stdout: String
    /// The charts a code run drew (matplotlib figures), in the order the sandbox returned them,
    /// from either daemon generation.
    public var charts: [Chart]

    /// Creates artifacts.
    public init(stdout: String = "", charts: [Chart] = []) {
        self.stdout = stdout
        self.charts = charts
    }
}
