import Testing

@testable import DaytonaAPI

/// Build-log lines are cut at `\n` wherever the network splits the bytes.
@Suite struct LineSplitterTests {
    private func lines(of pieces: [String]) -> [String] {
        var splitter = LineSplitter()
        var result: [String] = []
        for piece in pieces {
            splitter.append(Array(piece.utf8))
            while let line = splitter.nextLine() { result.append(line) }
        }
        if let rest = splitter.remainder() { result.append(rest) }
        #expect(splitter.remainder() == nil, "the remainder is given once")
        return result
    }

    @Test func linesSplitAcrossPiecesComeOutWhole() {
        #expect(
            lines(of: ["Step 1/2 : FR", "OM alpine\nStep 2", "/2 : RUN x\r", "\ndone"]) == [
                "Step 1/2 : FROM alpine", "Step 2/2 : RUN x", "done",
            ]
        )
    }

    @Test func emptyLinesAndATrailingBreakAreKept() {
        #expect(lines(of: ["a\n\n", "\r\nb\n"]) == ["a", "", "", "b"])
        #expect(lines(of: []) == [])
        #expect(lines(of: ["\r"]) == ["\r"])
    }

    @Test func manyLinesInOnePieceAndOneLineInManyPieces() {
        let many = (0..<20_000).map { "line \($0)" }
        #expect(lines(of: [many.joined(separator: "\n") + "\n"]) == many)
        let long = String(repeating: "x", count: 50_000)
        #expect(lines(of: long.map { String($0) } + ["\n"]) == [long])
    }
}
