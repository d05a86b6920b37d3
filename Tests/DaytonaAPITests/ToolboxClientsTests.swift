import Foundation
import Logging
import Testing

@testable import DaytonaAPI

/// A sandbox makes each toolbox client once per address and time-out, and its cache stays small.
@Suite struct ToolboxClientsTests {
    private let stack = HTTPStack(configuration: DaytonaConfiguration(apiKey: "key"), logger: Logger(label: "test"))

    private func counting(_ made: Counter, _ url: String, _ timeout: Duration?) -> () throws -> Client {
        {
            made.increment()
            return stack.toolbox(baseURL: URL(string: url) ?? URL(fileURLWithPath: "/"), timeout: timeout)
        }
    }

    @Test func theSameAddressAndTimeOutReuseOneClient() throws {
        let clients = ToolboxClients()
        let made = Counter()
        for _ in 0..<5 {
            _ = try clients.client(
                proxy: "http://a",
                timeout: .seconds(30),
                make: counting(made, "http://a", .seconds(30))
            )
        }
        #expect(made.value == 1)
    }

    @Test func anotherTimeOutOrAddressMakesAnotherClient() throws {
        let clients = ToolboxClients()
        let made = Counter()
        _ = try clients.client(proxy: "http://a", timeout: .seconds(30), make: counting(made, "http://a", .seconds(30)))
        _ = try clients.client(proxy: "http://a", timeout: nil, make: counting(made, "http://a", nil))
        _ = try clients.client(proxy: "http://b", timeout: .seconds(30), make: counting(made, "http://b", .seconds(30)))
        #expect(made.value == 3)
    }

    @Test func aFullCacheStartsAfreshInsteadOfGrowing() throws {
        let clients = ToolboxClients()
        let made = Counter()
        for seconds in 0...ToolboxClients.capacity {
            let timeout = Duration.seconds(seconds)
            _ = try clients.client(proxy: "http://a", timeout: timeout, make: counting(made, "http://a", timeout))
        }
        // The entry for 0 s went with the others when the ninth arrived: asking again makes it anew.
        _ = try clients.client(proxy: "http://a", timeout: .seconds(0), make: counting(made, "http://a", .seconds(0)))
        #expect(made.value == ToolboxClients.capacity + 2)
        // The newest entry survived the reset.
        let newest = Duration.seconds(ToolboxClients.capacity)
        _ = try clients.client(proxy: "http://a", timeout: newest, make: counting(made, "http://a", newest))
        #expect(made.value == ToolboxClients.capacity + 2)
    }

    @Test func aFailedMakeCachesNothing() throws {
        let clients = ToolboxClients()
        struct Unusable: Error {}
        #expect(throws: Unusable.self) { try clients.client(proxy: "bad", timeout: nil) { throw Unusable() } }
        let made = Counter()
        _ = try clients.client(proxy: "bad", timeout: nil, make: counting(made, "http://bad", nil))
        #expect(made.value == 1)
    }
}

private final class Counter: @unchecked Sendable {
    private(set) var value = 0
    func increment() { value += 1 }
}
