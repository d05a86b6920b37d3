import Daytona
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The project's Daytona test server (`TestServer/daytona_test_server.py`), one process per test,
/// on a free loopback port: real HTTP, real state machine, real processes for commands.
///
/// The server exits when this object's pipe to its standard input closes, so a crashed test run
/// leaves no server behind.
public final class DaytonaTestServer: @unchecked Sendable {
    // @unchecked: every stored property is set once in init and only read afterwards.
    private let process: Process
    private let input: Pipe
    /// `http://127.0.0.1:PORT` (`https://` when started with `--tls-cert` and `--tls-key`).
    public let baseURL: URL
    /// The key the server accepts.
    public let apiKey: String

    /// The package's folder.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts a server; `arguments` are extra flags (`--instant`, `--state-delay 1`).
    ///
    /// The wait for the server's first line happens on a thread of its own: the cooperative pool
    /// that runs the tests has a thread per core, and blocking one stalls every other test.
    public init(apiKey: String = "test-key", arguments: [String] = []) async throws {
        self.apiKey = apiKey
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = Self.repositoryRoot.appendingPathComponent("TestServer/daytona_test_server.py").path
        process.arguments =
            ["python3", script, "--port", "0", "--api-key", apiKey, "--exit-on-stdin-eof"] + arguments
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.standardError
        try process.run()
        self.process = process
        self.input = input
        let reader = output.fileHandleForReading
        let line = await withCheckedContinuation { (continuation: CheckedContinuation<Data, Never>) in
            Thread {
                var line = Data()
                while !line.contains(UInt8(ascii: "\n")) {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    line.append(chunk)
                }
                continuation.resume(returning: line)
            }.start()
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "DAYTONA_TEST_SERVER_READY "),
            let url = URL(string: text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw TestServerError(message: "the test server did not start: \(text)")
        }
        baseURL = url
    }

    deinit {
        // The server exits when its standard input closes; nothing here waits for it.
        try? input.fileHandleForWriting.close()
        process.terminate()
    }

    /// The API's base URL, as `DAYTONA_API_URL` would give it.
    public var apiURL: URL { baseURL.appendingPathComponent("api") }

    /// A client for this server with a given retry policy.
    public func client(
        retryPolicy: RetryPolicy = RetryPolicy(initialBackoff: .milliseconds(20))
    ) throws -> DaytonaClient {
        try DaytonaClient(
            configuration: DaytonaConfiguration(apiKey: apiKey, apiURL: apiURL, retryPolicy: retryPolicy),
            environment: [:]
        )
    }

    /// One request the server received.
    public struct Request: Decodable, Sendable {
        public var method: String
        public var path: String
        public var query: [String: QueryValue]?
        public var headers: [String: String]
        public var json: JSONValue?
        public var bodySize: Int?
        /// The client's end of the request's TCP connection, `host:port`.
        ///
        /// Requests with the same value came on one connection; `nil` in recordings from before
        /// the field.
        public var peer: String?
    }

    /// A query value: the server lists repeated parameters as arrays.
    public enum QueryValue: Decodable, Equatable, Sendable {
        case one(String)
        case many([String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .one(text)
            } else {
                self = .many(try container.decode([String].self))
            }
        }

        public var first: String? {
            switch self {
            case .one(let text): text
            case .many(let list): list.first
            }
        }
    }

    /// Every request received on `/api` and `/toolbox`, in order.
    public func requests() async throws -> [Request] {
        let (data, _) = try await URLSession.shared.data(from: baseURL.appendingPathComponent("_test/requests"))
        return try JSONDecoder().decode([Request].self, from: data)
    }

    /// Sends a control request (`/_test/...`) with a JSON body.
    public func control(_ method: String, _ path: String, json: String? = nil) async throws {
        var request = URLRequest(url: baseURL.appendingPathComponent("_test/" + path))
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse, http.statusCode < 300 else {
            throw TestServerError(message: "control \(path) failed: \(String(decoding: data, as: UTF8.self))")
        }
    }

    /// Queues fault rules (`POST /_test/faults`).
    public func faults(_ json: String) async throws { try await control("POST", "faults", json: json) }

    /// Writes a fresh self-signed certificate for `127.0.0.1` and `localhost` (valid two days)
    /// and its unencrypted private key into `folder` as `cert.pem` and `key.pem`, for
    /// `arguments: ["--tls-cert", certificate.path, "--tls-key", key.path]`.
    ///
    /// Runs `/usr/bin/openssl req -x509`; throws ``TestServerError`` with openssl's standard
    /// error if that fails.
    public static func makeSelfSignedCertificate(in folder: URL) throws -> (certificate: URL, key: URL) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = folder.appendingPathComponent("cert.pem")
        let key = folder.appendingPathComponent("key.pem")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key.path, "-out", certificate.path,
        ]
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        // Read to the end before waiting, so a chatty openssl cannot fill the pipe and stall.
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw TestServerError(
                message: "openssl failed (status \(process.terminationStatus)): "
                    + String(decoding: output, as: UTF8.self)
            )
        }
        return (certificate, key)
    }
}

public struct TestServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
