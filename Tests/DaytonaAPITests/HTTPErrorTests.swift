import Daytona
import DaytonaTestSupport
import Foundation
import Testing

/// Every non-2xx answer, malformed body and transport failure becomes the `DaytonaError` family,
/// named after the operation.
@Suite struct HTTPErrorTests {
    let server: DaytonaTestServer
    let daytona: DaytonaClient

    init() async throws {
        server = try await DaytonaTestServer()
        daytona = try server.client(retryPolicy: .never)
    }

    @Test func aWrongKeyIsAnAuthenticationErrorAndTheKeyAppearsNowhere() async throws {
        let client = try DaytonaClient(
            configuration: DaytonaConfiguration(apiKey: "wrong-secret-key", apiURL: server.apiURL),
            environment: [:]
        )
        let error = try await #require(throws: DaytonaAuthenticationError.self) { _ = try await client.get("x") }
        #expect(error.statusCode == 401)
        #expect(error.message.hasPrefix("Failed to get sandbox: "))
        #expect(!error.description.contains("wrong-secret-key"))
        #expect(!"\(client.configuration)".contains("wrong-secret-key"))
    }

    @Test func noCredentialsFailBeforeAnyRequest() async throws {
        let error = #expect(throws: DaytonaAuthenticationError.self) {
            _ = try DaytonaClient(configuration: DaytonaConfiguration(apiURL: server.apiURL), environment: [:])
        }
        #expect(error?.message.contains("DAYTONA_API_KEY") == true)
        #expect(try await server.requests().isEmpty)
    }

    @Test func aTakenNameIsAConflict() async throws {
        _ = try await daytona.create(CreateSandboxParameters(name: "taken"))
        let error = try await #require(throws: DaytonaConflictError.self) {
            _ = try await daytona.create(CreateSandboxParameters(name: "taken"))
        }
        #expect(error.statusCode == 409)
        #expect(error.message.hasPrefix("Failed to create sandbox: ") && error.message.contains("taken"))
    }

    @Test(arguments: [
        (400, "DaytonaBadRequestError"), (403, "DaytonaForbiddenError"), (404, "DaytonaNotFoundError"),
        (410, "DaytonaGoneError"), (422, "DaytonaUnprocessableEntityError"), (500, "DaytonaInternalServerError"),
        (502, "DaytonaBadGatewayError"), (503, "DaytonaServiceUnavailableError"), (504, "DaytonaTimeoutError"),
        (418, "DaytonaError"),
    ])
    func eachStatusHasItsErrorType(status: Int, kind: String) async throws {
        try await server.faults(#"{"path": "^/api/sandbox/x$", "status": \#(status), "body": {"message": "said so"}}"#)
        let error = try await #require(throws: DaytonaError.self) { _ = try await daytona.get("x") }
        #expect(error.kindName == kind)
        #expect(error.statusCode == status)
        #expect(error.message == "Failed to get sandbox: said so")
    }

    @Test func aRedirectIsNotFollowedSoNoHeaderTravelsElsewhere() async throws {
        let elsewhere = try await DaytonaTestServer()
        try await server.faults(
            #"{"path": "^/api/sandbox/x$", "status": 307, "headers": {"Location": "\#(elsewhere.apiURL.absoluteString)/sandbox/x"}}"#
        )
        let error = try await #require(throws: DaytonaError.self) { _ = try await daytona.get("x") }
        #expect(error.statusCode == 307)
        #expect(error.message.hasPrefix("Failed to get sandbox: "))
        #expect(try await elsewhere.requests().isEmpty)
    }

    @Test func aMalformedBodyNamesTheOperation() async throws {
        try await server.faults(#"{"path": "^/api/sandbox/x$", "status": 200, "body": "not json"}"#)
        let error = try await #require(throws: DaytonaError.self) { _ = try await daytona.get("x") }
        #expect(error.message.hasPrefix("Failed to get sandbox: "))
        #expect(error.statusCode == nil)
    }

    @Test func aMissingFieldNamesTheField() async throws {
        try await server.faults(#"{"path": "^/api/sandbox/x$", "status": 200, "body": {"id": "x"}}"#)
        let error = try await #require(throws: DaytonaError.self) { _ = try await daytona.get("x") }
        #expect(error.message.hasPrefix("Failed to get sandbox: unexpected response: "))
        #expect(error.message.contains("'organizationId'") || error.message.contains("'name'"))
    }

    @Test func aDroppedConnectionOnAPostIsANetworkError() async throws {
        try await server.faults(#"{"method": "POST", "path": "^/api/sandbox$", "action": "drop"}"#)
        let error = try await #require(throws: DaytonaNetworkError.self) {
            _ = try await daytona.create(CreateSandboxParameters(name: "dropped"))
        }
        #expect(error.message.hasPrefix("Failed to create sandbox: "))
    }

    @Test func aSlowAnswerIsAConnectionTimeout() async throws {
        let client = try DaytonaClient(
            configuration: DaytonaConfiguration(
                apiKey: server.apiKey,
                apiURL: server.apiURL,
                retryPolicy: .never,
                requestTimeout: .seconds(1)
            ),
            environment: [:]
        )
        try await server.faults(#"{"path": "^/api/sandbox/x$", "action": "delay", "seconds": 15}"#)
        await #expect(throws: DaytonaConnectionTimeoutError.self) { _ = try await client.get("x") }
    }

    @Test func aCommandTimeoutIsATimeoutError() async throws {
        let sandbox = try await daytona.create()
        let error = try await #require(throws: DaytonaTimeoutError.self) {
            _ = try await sandbox.process.exec("sleep 5", timeout: .seconds(1))
        }
        #expect(error.statusCode == 408)
        #expect(error.message.hasPrefix("Failed to execute command: "))
    }

    @Test func aMissingFileIsNotFound() async throws {
        let sandbox = try await daytona.create()
        let error = try await #require(throws: DaytonaNotFoundError.self) {
            _ = try await sandbox.fs.downloadFile("nothing-here.txt")
        }
        #expect(error.message.hasPrefix("Failed to download file nothing-here.txt: "))
    }

    @Test func invalidParametersFailBeforeSending() async throws {
        let error = try await #require(throws: DaytonaBadRequestError.self) {
            _ = try await daytona.create(CreateSandboxParameters(autoStopInterval: -1))
        }
        #expect(error.message == "Failed to create sandbox: auto_stop_interval must be a non-negative integer")
        let resources = try await #require(throws: DaytonaBadRequestError.self) {
            _ = try await daytona.create(CreateSandboxParameters(snapshot: "base", resources: Resources(cpu: 2)))
        }
        #expect(resources.message.contains("Resources can only be set"))
        let language = try await #require(throws: DaytonaBadRequestError.self) {
            _ = try await daytona.create(CreateSandboxParameters(labels: ["code-toolbox-language": "cobol"]))
        }
        #expect(language.message == "Failed to create sandbox: Invalid code-toolbox-language: cobol")
        #expect(try await server.requests().isEmpty)
    }
}
