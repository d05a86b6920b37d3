import Foundation
import Testing

@testable import Daytona

@Suite struct DaytonaErrorTests {
    @Test(arguments: [
        (400, "DaytonaBadRequestError"), (401, "DaytonaAuthenticationError"), (403, "DaytonaForbiddenError"),
        (404, "DaytonaNotFoundError"), (408, "DaytonaTimeoutError"), (409, "DaytonaConflictError"),
        (410, "DaytonaGoneError"), (422, "DaytonaUnprocessableEntityError"), (429, "DaytonaRateLimitError"),
        (500, "DaytonaInternalServerError"), (502, "DaytonaBadGatewayError"),
        (503, "DaytonaServiceUnavailableError"), (504, "DaytonaTimeoutError"), (418, "DaytonaError"),
        (501, "DaytonaError"),
    ])
    func statusCodeMapsToItsErrorType(statusCode: Int, typeName: String) {
        let error = DaytonaError.from(statusCode: statusCode, headers: [:], body: nil)
        #expect(error.kindName == typeName)
        #expect(error.statusCode == statusCode)
    }
}
