import DaytonaErrors
import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaObjectStorage

/// A store's redirect is reported, not followed.
///
/// A signed request (its session token with it) must never reach the host a redirect names. Two
/// test servers stand in for the store and that host (the bucket is called `api` because the test
/// server records and faults only paths under `/api`).
@Suite struct RedirectTests {
    @Test func aRedirectIsAnErrorAndTheOtherHostSeesNothing() async throws {
        let store = try await DaytonaTestServer()
        let elsewhere = try await DaytonaTestServer()
        try await store.faults(
            #"{"path": "^/api/org/", "status": 307, "headers": {"Location": "\#(elsewhere.baseURL.absoluteString)/api/org/key"}}"#
        )
        let client = ObjectStorageClient(
            bucket: S3Bucket(endpoint: store.baseURL, name: "api", region: "us-east-1", addressing: .path),
            credentials: S3Credentials(accessKeyID: "AKIA", secretAccessKey: "secret", sessionToken: "session-token"),
            configuration: .init(retryDelay: .milliseconds(1))
        )
        let error = try await #require(throws: DaytonaError.self) { _ = try await client.objectExists(key: "org/key") }
        #expect(error.statusCode == 307)
        #expect(!error.description.contains("session-token") && !error.description.contains("secret"))
        #expect(try await elsewhere.requests().isEmpty)
        #expect(try await store.requests().first?.headers["x-amz-security-token"] == "session-token")
    }
}
