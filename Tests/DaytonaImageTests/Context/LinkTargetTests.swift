import DaytonaTestSupport
import Foundation
import Testing

@testable import DaytonaImage
@testable import DaytonaJSON
@testable import DaytonaSystem

/// `readlink` truncates silently: link targets must come back whole whatever their length.
@Suite struct LinkTargetTests {
    @Test func linkTargetsLongerThanTheFirstBufferAreReadWhole() throws {
        // Linux caps targets at 4095 bytes, so a fake readlink stands in for longer ones.
        let target = Array(String(repeating: "abcdefghij/", count: 1_000).utf8)
        var calls = 0
        let read = try LocalFileSystem.readGrowing(path: "fake") { buffer in
            calls += 1
            let count = min(buffer.count, target.count)
            buffer.copyBytes(from: target[0..<count])
            return count
        }
        #expect(read == String(decoding: target, as: UTF8.self))
        #expect(calls == 3)  // 4096, 8192, 16384
        // Exactly the buffer's size could be a truncation: it is read again, larger.
        let exact = Array(repeating: UInt8(ascii: "x"), count: 4096)
        let whole = try LocalFileSystem.readGrowing(path: "fake") { buffer in
            let count = min(buffer.count, exact.count)
            buffer.copyBytes(from: exact[0..<count])
            return count
        }
        #expect(whole.utf8.count == 4096)
    }

    @Test func theLongestLinkTargetTheSystemAllowsRoundTrips() throws {
        let root = try TestTools.temporaryFolder("ctx-long-link")
        defer { try? FileManager.default.removeItem(atPath: root) }
        var length = 8192
        while length > 0 {
            let target = String(repeating: "t", count: length)
            if symlink(target, root + "/link") == 0 {
                #expect(try LocalFileSystem().linkTarget(at: root + "/link") == target)
                return
            }
            length -= 1
        }
        Issue.record("no symbolic link could be made")
    }
}
