import Synchronization
import Testing

extension MotoS3 {
    /// The server, or `nil` after recording why not: a skip, or an issue when moto is required
    /// (`DAYTONA_REQUIRE_MOTO=1`, as in CI).
    public static func shared() async -> MotoS3? {
        do {
            return try await launched()
        } catch {
            if required {
                Issue.record("DAYTONA_REQUIRE_MOTO=1 but moto could not start: \(error)")
            } else if skipReported.withLock({ reported in
                defer { reported = true }
                return !reported
            }) {
                print(
                    "skipping the moto tests: \(error) (pip install 'moto[server]' boto3; DAYTONA_REQUIRE_MOTO=1 makes this a failure)"
                )
            }
            return nil
        }
    }
}

private let skipReported = Mutex(false)
