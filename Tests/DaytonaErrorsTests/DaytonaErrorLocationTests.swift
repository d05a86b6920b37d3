import Testing

@testable import DaytonaErrors

@Suite struct DaytonaErrorLocationTests {
    @Test func theMessageComposesFileStepInputPathReasonAndOffsetInThatOrder() {
        let error = DaytonaBadRequestError(
            reason: "expected a value",
            location: .init(
                file: "r.json",
                input: "invalid JSON",
                stepIndex: 2,
                stepName: "pip_install",
                jsonPath: "$.a",
                byteOffset: 7
            )
        )
        #expect(error.message == "r.json: steps[2] (pip_install): invalid JSON: $.a: expected a value (at byte 7)")
        #expect(error.reason == "expected a value")
    }

    @Test func anErrorWithoutLocationHasItsMessageAsReason() {
        let error = DaytonaNotFoundError(message: "no sandbox")
        #expect(error.location.isEmpty)
        #expect(error.reason == "no sandbox" && error.message == "no sandbox")
    }

    @Test func locatingKeepsTheTypeStatusAndHeaders() {
        let original = DaytonaRateLimitError(message: "slow down", statusCode: 429, headers: ["Retry-After": "3"])
        let located = original.located { $0.stepIndex = 4 }
        #expect(located is DaytonaRateLimitError)
        #expect(located.statusCode == 429 && located.headers["retry-after"] == "3")
        #expect(located.message == "steps[4]: slow down")
        #expect(located.location.stepIndex == 4)
    }
}
