import Foundation
import Testing

@testable import DaytonaErrors

@Suite struct DaytonaErrorTests {
    @Test(arguments: [
        (400, "DaytonaBadRequestError"), (401, "DaytonaAuthenticationError"), (403, "DaytonaForbiddenError"),
        (404, "DaytonaNotFoundError"), (408, "DaytonaTimeoutError"), (409, "DaytonaConflictError"),
        (410, "DaytonaGoneError"), (422, "DaytonaUnprocessableEntityError"), (429, "DaytonaRateLimitError"),
        (500, "DaytonaInternalServerError"), (502, "DaytonaBadGatewayError"),
        (503, "DaytonaServiceUnavailableError"), (504, "DaytonaTimeoutError"), (418, "DaytonaError"),
        (501, "DaytonaError"), (200, "DaytonaError"), (599, "DaytonaError"), (0, "DaytonaError"),
    ])
    func statusCodeMapsToItsErrorType(statusCode: Int, typeName: String) {
        let error = DaytonaError.from(statusCode: statusCode, headers: [:], body: nil)
        #expect(error.kindName == typeName)
        #expect(error.statusCode == statusCode)
        #expect(error.message == "HTTP \(statusCode)")
        #expect(String(describing: DaytonaError.errorType(forStatusCode: statusCode)) == typeName)
    }

    @Test func errorTypeForNilIsTheBase() {
        #expect(DaytonaError.errorType(forStatusCode: nil) == DaytonaError.self)
    }

    @Test(arguments: [
        (#"{"message": "no sandbox", "error": "Not Found"}"#, "no sandbox"),
        (#"{"error": "Not Found"}"#, "Not Found"),
        (#"{"message": ["a", "b"]}"#, "a; b"),
        (#"{"message": 42}"#, "42"),
        (#"{"other": 1}"#, #"{"other": 1}"#),
        ("  plain text body \n", "plain text body"),
        ("", "HTTP 404"),
        ("   ", "HTTP 404"),
        ("[1, 2]", "[1, 2]"),
    ])
    func messageComesFromMessageThenErrorThenRawText(body: String, message: String) {
        let error = DaytonaError.from(statusCode: 404, body: Data(body.utf8))
        #expect(error.message == message)
        #expect(error is DaytonaNotFoundError)
    }

    @Test func codeAndSourceComeFromTheEnvelope() {
        let both = DaytonaError.from(
            statusCode: 400,
            body: Data(#"{"message": "m", "code": "C1", "error_code": "C2", "source": "DAYTONA_API"}"#.utf8)
        )
        #expect(both.code == "C1")
        #expect(both.source == DaytonaError.Source.api)
        let fallback = DaytonaError.from(statusCode: 400, body: Data(#"{"message": "m", "error_code": "C2"}"#.utf8))
        #expect(fallback.code == "C2")
        #expect(fallback.source == nil)
        let numeric = DaytonaError.from(statusCode: 400, body: Data(#"{"code": 7}"#.utf8))
        #expect(numeric.code == "7")
        #expect(DaytonaError.from(statusCode: 400, body: Data("x".utf8)).code == nil)
        #expect(DaytonaError.Source.daemon == "DAYTONA_DAEMON")
        #expect(DaytonaError.Source.proxy == "DAYTONA_PROXY")
    }

    @Test func headersAreCaseInsensitive() {
        let error = DaytonaError.from(statusCode: 500, headers: ["X-Request-Id": "abc"])
        #expect(error.headers["x-request-id"] == "abc")
        #expect(error.headers["X-REQUEST-ID"] == "abc")
        #expect(error.headers.count == 1)
        var headers: ResponseHeaders = ["Retry-After": "5"]
        headers["RETRY-AFTER"] = "6"
        #expect(headers.count == 1)
        #expect(headers["retry-after"] == "6")
        #expect(headers.dictionary == ["RETRY-AFTER": "6"])
        headers["retry-after"] = nil
        #expect(headers.isEmpty)
        #expect(ResponseHeaders(["A": "1"]) == ResponseHeaders(["a": "1"]))
    }

    @Test func everyKindIsCaughtAsDaytonaError() {
        let kinds: [DaytonaError.Type] = [
            DaytonaBadRequestError.self, DaytonaAuthenticationError.self, DaytonaForbiddenError.self,
            DaytonaNotFoundError.self, DaytonaConflictError.self, DaytonaGoneError.self,
            DaytonaUnprocessableEntityError.self, DaytonaInternalServerError.self, DaytonaBadGatewayError.self,
            DaytonaServiceUnavailableError.self, DaytonaTimeoutError.self, DaytonaNetworkError.self,
            DaytonaConnectionTimeoutError.self, DaytonaRateLimitError.self, DaytonaError.self,
        ]
        for kind in kinds {
            do {
                throw kind.init(message: "boom")
            } catch let error as DaytonaError {
                #expect(error.message == "boom")
                #expect(type(of: error) == kind)
            } catch {
                Issue.record("\(kind) escaped the DaytonaError clause")
            }
        }
    }

    @Test func aliasesNameTheSameTypes() {
        #expect(DaytonaValidationError.self == DaytonaBadRequestError.self)
        #expect(DaytonaAuthorizationError.self == DaytonaForbiddenError.self)
        let error: Error = DaytonaError.from(statusCode: 400)
        #expect(error is DaytonaValidationError)
        #expect(DaytonaError.from(statusCode: 403) is DaytonaAuthorizationError)
    }

    @Test func connectionTimeoutIsBothATimeoutAndAConnectionError() {
        let error: Error = DaytonaConnectionTimeoutError(message: "slow")
        #expect(error is DaytonaTimeoutError)
        #expect(error is any DaytonaConnectionError)
        let network: Error = DaytonaNetworkError("down")
        let timeout: Error = DaytonaTimeoutError("t")
        #expect(network is any DaytonaConnectionError)
        #expect(!(network is DaytonaTimeoutError))
        #expect(!(timeout is any DaytonaConnectionError))
        func caught(_ error: Error) -> String {
            do { throw error } catch let error as any DaytonaConnectionError {
                return "connection:" + error.message
            } catch { return "other" }
        }
        #expect(caught(error) == "connection:slow")
        #expect(caught(DaytonaTimeoutError("x")) == "other")
    }

    @Test func descriptionNamesTheKindAndDetailsButNeverSecrets() {
        let error = DaytonaError.from(
            statusCode: 401,
            headers: [
                "Authorization": "Bearer sk-123", "Cookie": "session=abc", "Set-Cookie": "s=def",
                "X-Api-Key": "key-456", "X-Auth-Token": "tok-789", "Proxy-Authorization": "Basic zzz",
                "X-Request-Id": "req-1",
            ],
            body: Data(#"{"message": "bad key", "code": "AUTH", "source": "DAYTONA_API"}"#.utf8)
        )
        let text = error.description
        #expect(text.hasPrefix("DaytonaAuthenticationError: bad key status=401 code=AUTH source=DAYTONA_API headers=["))
        for secret in ["sk-123", "session=abc", "s=def", "key-456", "tok-789", "zzz"] {
            #expect(!text.contains(secret), "description leaks \(secret)")
        }
        #expect(text.contains("X-Request-Id: req-1"))
        #expect(text.contains("Authorization: <redacted>"))
        #expect(!"\(error.headers)".contains("sk-123"))
        #expect(DaytonaError("plain").description == "DaytonaError: plain")
    }

    @Test func secretHeaderNames() {
        for name in [
            "authorization", "Cookie", "set-cookie", "X-API-KEY", "x-daytona-token", "client-secret", "apikey",
            "x-password", "x-session-id",
        ] {
            #expect(ResponseHeaders.isSecret(name), "\(name)")
        }
        for name in ["content-type", "retry-after", "x-request-id"] {
            #expect(!ResponseHeaders.isSecret(name), "\(name)")
        }
    }

    // MARK: rate limits

    func rateLimit(_ headers: [String: String]) throws -> DaytonaRateLimitError {
        try #require(DaytonaError.from(statusCode: 429, headers: headers) as? DaytonaRateLimitError)
    }

    @Test func retryAfterSeconds() throws {
        let error = try rateLimit(["retry-after": " 7 "])
        #expect(error.retryAfter(now: Date()) == .seconds(7))
        #expect(error.retryAfter == .seconds(7))
        #expect(DaytonaRateLimitError.parseRetryAfter("1.5") == .seconds(1.5))
        #expect(DaytonaRateLimitError.RetryAfter.seconds(-3).delay() == 0)
    }

    @Test func retryAfterHTTPDates() throws {
        let expected = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        for text in ["Wed, 21 Oct 2015 07:28:00 GMT", "Wednesday, 21-Oct-15 07:28:00 GMT", "Wed Oct 21 07:28:00 2015"] {
            #expect(DaytonaRateLimitError.parseRetryAfter(text) == .date(expected), "\(text)")
        }
        #expect(DaytonaRateLimitError.parseRetryAfter("soon") == nil)
        #expect(DaytonaRateLimitError.parseRetryAfter("") == nil)
        let error = try rateLimit(["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"])
        let now = expected.addingTimeInterval(-30)
        #expect(error.retryAfter(now: now) == .date(expected))
        #expect(error.retryAfter(now: now)?.delay(from: now) == 30)
        #expect(error.retryAfter(now: now)?.delay(from: expected.addingTimeInterval(10)) == 0)
    }

    @Test func perLimiterHeadersAreRead() throws {
        let error = try rateLimit([
            "X-RateLimit-Limit-Sandbox": "10", "x-ratelimit-remaining-sandbox": "0",
            "X-RATELIMIT-RESET-SANDBOX": "12.5",
            "Retry-After-Sandbox": "12", "X-RateLimit-Limit-Api": "100", "X-RateLimit-Remaining-Api": "99",
            "X-RateLimit-Limit-": "5", "Content-Type": "application/json",
        ])
        #expect(
            error.limits == [
                DaytonaRateLimitError.Limit(name: "api", limit: 100, remaining: 99),
                DaytonaRateLimitError.Limit(
                    name: "sandbox",
                    limit: 10,
                    remaining: 0,
                    reset: 12.5,
                    retryAfter: .seconds(12)
                ),
            ]
        )
        #expect(error.retryAfter == .seconds(12))
    }

    @Test func theLongestWaitWins() throws {
        let now = Date(timeIntervalSince1970: 1_445_412_480)
        let error = try rateLimit([
            "Retry-After": "5", "Retry-After-Burst": "2", "Retry-After-Daily": "Wed, 21 Oct 2015 07:29:00 GMT",
        ])
        #expect(error.retryAfter(now: now) == .date(now.addingTimeInterval(60)))
        #expect(error.retryAfter(now: now.addingTimeInterval(58)) == .seconds(5))
        #expect(try rateLimit([:]).retryAfter == nil)
        #expect(try rateLimit(["Retry-After": "later"]).retryAfter == nil)
    }
}
