import AsyncHTTPClient
import Foundation
import HTTPTypes
import Logging
import NIOCore
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

/// The generated clients for the control plane and for sandbox toolboxes, over one connection
/// pool, with the package's middlewares: retries outside, identity, then error mapping.
struct HTTPStack: Sendable {
    let configuration: DaytonaConfiguration
    let identity: IdentityMiddleware
    let retry: RetryMiddleware
    /// ``IdentityMiddleware/headers`` as plain names and values, made once for the direct requests.
    let identityFields: [(String, String)]
    let logger: Logger
    let api: Client
    /// The middlewares every generated client (control plane and toolboxes) goes through.
    let middlewares: [any ClientMiddleware]

    /// One pool for every client in the process, as `HTTPClient.shared` is, but with room for many
    /// concurrent requests to the same host (code runs fan out to one toolbox proxy).
    static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.decompression = .enabled(limit: .none)
        // A redirect would carry the organization header and S3 session tokens to wherever it
        // points (AsyncHTTPClient drops only Authorization and cookies across origins), and the
        // API has no endpoint that redirects: a 3xx is reported instead.
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    init(configuration: DaytonaConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        identity = IdentityMiddleware(
            bearerToken: configuration.apiKey ?? configuration.jwtToken ?? "",
            organizationID: configuration.apiKey == nil ? configuration.organizationID : nil
        )
        identityFields = identity.headers.map { ($0.0.rawName, $0.1) }
        retry = RetryMiddleware(policy: configuration.retryPolicy, logger: logger)
        // Retries outside, so that each attempt is identified and mapped afresh.
        middlewares = [retry, identity, ResponseErrorMiddleware()]
        api = Self.client(
            serverURL: configuration.apiURL ?? DaytonaConfiguration.defaultAPIURL,
            timeout: configuration.requestTimeout,
            middlewares: middlewares
        )
    }

    /// A client for one sandbox's toolbox; `timeout` `nil` means no limit (file transfers).
    func toolbox(baseURL: URL, timeout: Duration?) -> Client {
        Self.client(
            serverURL: baseURL,
            timeout: timeout,
            middlewares: middlewares
        )
    }

    private static func client(serverURL: URL, timeout: Duration?, middlewares: [any ClientMiddleware]) -> Client {
        let amount = timeAmount(timeout)
        let transport = AsyncHTTPClientTransport(configuration: .init(client: sharedHTTPClient, timeout: amount))
        return Client(
            serverURL: serverURL,
            configuration: converterConfiguration,
            transport: transport,
            middlewares: middlewares
        )
    }

    /// The converter's settings: compact JSON bodies with sorted keys.
    ///
    /// OpenAPIRuntime's default pretty-prints every request body; sorted keys keep the same call
    /// sending the same bytes.
    private static var converterConfiguration: OpenAPIRuntime.Configuration {
        OpenAPIRuntime.Configuration(jsonEncodingOptions: [.sortedKeys])
    }

    /// A request time-out as AsyncHTTPClient takes it; `nil` (no limit: transfers, build logs)
    /// becomes a year.
    static func timeAmount(_ timeout: Duration?) -> TimeAmount {
        timeout.map { TimeAmount.nanoseconds(Int64(RetryMiddleware.seconds($0) * 1e9)) } ?? .hours(24 * 365)
    }

    /// Runs one API call, naming the operation in any failure.
    ///
    /// A failure becomes a `DaytonaError` whose message starts with `Failed to <operation>: `, as
    /// the Python SDK's messages do. Cancellation stays cancellation.
    func perform<T>(_ operation: String, _ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch {
            throw Self.failure(error, operation: operation)
        }
    }

    static func failure(_ error: any Error, operation: String) -> any Error {
        let cause = RetryMiddleware.unwrap(error)
        let prefix = "Failed to \(operation): "
        switch cause {
        case is CancellationError:
            return cause
        case let error as DaytonaError:
            return error.prefixed(prefix)
        case let error as DecodingError:
            return DaytonaError(message: prefix + "unexpected response: " + describe(error))
        default:
            if Task.isCancelled { return CancellationError() }
            return DaytonaError(message: prefix + "\(cause)")
        }
    }

    /// A decoding error as `field 'items[0].state': expected a string`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))': expected \(type)"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))': expected \(type), got null"
        case .keyNotFound(let key, let context):
            return "field '\(path(context.codingPath + [key]))' is missing"
        case .dataCorrupted(let context):
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
