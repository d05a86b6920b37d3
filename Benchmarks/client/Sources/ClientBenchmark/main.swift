// The Swift side of the client benchmark (run.sh drives it; python_client.py is the Python side).
//
//   ClientBenchmark exec-loop N            N sequential exec("echo hi") on one sandbox, from a task
//                                          (DAYTONA_BENCH_MAIN_ACTOR=1: from main-actor code)
//   ClientBenchmark code-run-burst N [--observe]
//                                          N concurrent codeRun("print(1)") in a TaskGroup;
//                                          --observe also samples threads and TCP connections
//   ClientBenchmark upload PATH            uploadFile(atPath: PATH, to: "big-swift.bin")
//   ClientBenchmark download PATH          downloadFile("big-swift.bin", toPath: PATH)
//   ClientBenchmark nio-loop N             the floor under exec-loop: N sequential POSTs of the same
//                                          execute request over one connection with SwiftNIO's
//                                          HTTP/1.1 codec alone (NIOFloor.swift), no DaytonaAPI
//   ClientBenchmark ahc-loop N             the same with AsyncHTTPClient alone (same pool settings as
//                                          the library's), no OpenAPI runtime, no DaytonaAPI: the path
//                                          exec took before the direct connections
//   ClientBenchmark snapshot-context file|dir PATH NAME [--hash-after]
//                                          snapshot.create from Image.base("alpine") with one local
//                                          file or folder context (SnapshotContext.swift; run_uploads.sh)
//
// DAYTONA_API_URL and DAYTONA_API_KEY come from the environment. Each job prints one JSON line
// on stdout: the measured part's wall time and this process's user/sys CPU (getrusage) across
// that part only, so start-up, sandbox creation and the warm-up call are outside it.
// upload and download use the sandbox named "bench-files" (created by upload when missing).
//
// DAYTONA_BENCH_NIO_EXECUTOR=1 (an experiment, not a default): installs SwiftNIO's event loops as
// the global executor before anything runs, so tasks and the HTTP client share threads; it shows
// how much of the per-request CPU is thread hand-offs between the cooperative pool and the loop.

import AsyncHTTPClient
import DaytonaAPI
import Foundation
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

struct Usage {
    var user: Double
    var system: Double
    var maxRSSKiB: Int

    static func now() -> Usage {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return Usage(user: seconds(usage.ru_utime), system: seconds(usage.ru_stime), maxRSSKiB: usage.ru_maxrss)
    }
}

func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `body` and prints its wall time and CPU as one JSON line, with `extra` fields.
func measure(_ job: String, _ extra: [String: String] = [:], _ body: () async throws -> [String: String]) async throws {
    let before = Usage.now()
    let start = monotonic()
    let more = try await body()
    let wall = monotonic() - start
    let after = Usage.now()
    var fields: [String: String] = [
        "tool": "\"swift\"",
        "job": "\"\(job)\"",
        "wall": String(format: "%.6f", wall),
        "user": String(format: "%.6f", after.user - before.user),
        "sys": String(format: "%.6f", after.system - before.system),
        "maxrss_kib": "\(after.maxRSSKiB)",
    ]
    fields.merge(extra) { $1 }
    fields.merge(more) { $1 }
    print("{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}")
}

/// A /proc file's text. (Foundation's String(contentsOfFile:) trusts the size stat reports,
/// which is 0 or one page for /proc files, so this reads until end of file.)
func readProc(_ path: String) -> String? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Threads of this process, from /proc/self/status.
func threadCount() -> Int {
    guard let text = readProc("/proc/self/status") else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix("Threads:") {
        return Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? -1
    }
    return -1
}

/// The TCP sockets whose remote port is `port`, from /proc/net/tcp{,6}: local port → state
/// (`01` established, `06` time-wait, ...). On loopback with a server that serves only this
/// benchmark, these are this process's connections to it (plus time-wait leftovers of earlier
/// processes, which the caller subtracts with a baseline taken before the burst).
func clientSockets(to port: Int) -> [Int: String] {
    var sockets: [Int: String] = [:]
    for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
        guard let text = readProc(file) else { continue }
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            guard columns.count > 3,
                let local = columns[1].split(separator: ":").last, let remote = columns[2].split(separator: ":").last,
                Int(remote, radix: 16) == port, let localPort = Int(local, radix: 16)
            else { continue }
            sockets[localPort] = String(columns[3])
        }
    }
    return sockets
}

func client() throws -> DaytonaClient {
    let environment = ProcessInfo.processInfo.environment
    guard let url = environment["DAYTONA_API_URL"].flatMap(URL.init(string:)), let key = environment["DAYTONA_API_KEY"]
    else { throw DaytonaError(message: "set DAYTONA_API_URL and DAYTONA_API_KEY") }
    return try DaytonaClient(configuration: DaytonaConfiguration(apiKey: key, apiURL: url), environment: [:])
}

/// The exec loop as a task off the main actor runs it (a server, a worker): no hop per call.
nonisolated func execLoop(_ sandbox: Sandbox, count: Int) async throws {
    try await measure("exec-loop", ["n": "\(count)", "caller": "\"task\""]) {
        for _ in 0..<count {
            let ran = try await sandbox.process.exec("echo hi")
            if ran.exitCode != 0 { fail("exec failed: \(ran)") }
        }
        return [:]
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

if ProcessInfo.processInfo.environment["DAYTONA_BENCH_NIO_EXECUTOR"] == "1" {
    guard NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() else {
        fail("could not install the NIO executor")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let job = arguments.first else {
    fail("usage: ClientBenchmark exec-loop N | code-run-burst N [--observe] | upload PATH | download PATH")
}

do {
    let daytona = try client()
    switch job {
    case "exec-loop":
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000
        let sandbox = try await daytona.create(CreateSandboxParameters(name: "swift-exec-\(getpid())"))
        let first = try await sandbox.process.exec("echo hi")  // warm-up: the connection is open
        guard first.exitCode == 0, first.result.hasPrefix("echo hi") || first.result == "hi\n" else {
            fail("unexpected exec result \(first.result)")
        }
        if ProcessInfo.processInfo.environment["DAYTONA_BENCH_MAIN_ACTOR"] == "1" {
            // The loop in main-actor code: every call hops off the main thread and back.
            try await measure("exec-loop", ["n": "\(count)", "caller": "\"main-actor\""]) {
                for _ in 0..<count {
                    let ran = try await sandbox.process.exec("echo hi")
                    if ran.exitCode != 0 { fail("exec failed: \(ran)") }
                }
                return [:]
            }
        } else {
            try await execLoop(sandbox, count: count)
        }
        try await sandbox.delete()

    case "code-run-burst":
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 200 : 200
        let observe = arguments.contains("--observe")
        let port = daytona.configuration.apiURL?.port ?? 0
        let sandbox = try await daytona.create(CreateSandboxParameters(name: "swift-burst-\(getpid())"))
        _ = try await sandbox.process.codeRun("print(1)")  // warm-up: one connection is open
        let threadsBefore = threadCount()
        let baseline = observe ? clientSockets(to: port) : [:]
        // A connection opened during the burst: a port not open before (absent, or a time-wait
        // leftover whose number the kernel handed out again), seen open, or seen in time-wait
        // when it was absent before.
        let isNew: @Sendable (Int, String) -> Bool = { port, state in
            state == "06" ? baseline[port] == nil : baseline[port] != "01"
        }
        let done = Atomic<Bool>(false)
        let samples = Mutex<(maxThreads: Int, ports: Set<Int>, maxEstablished: Int, count: Int)>((0, [], 0, 0))
        // The sampler is a plain thread, so it takes nothing from the cooperative pool; it runs
        // only with --observe (timed runs go without it).
        let sampler =
            observe
            ? Thread {
                while !done.load(ordering: .relaxed) {
                    let threads = threadCount()
                    let sockets = clientSockets(to: port)
                    samples.withLock {
                        $0.maxThreads = max($0.maxThreads, threads)
                        $0.ports.formUnion(sockets.filter { isNew($0.key, $0.value) }.keys)
                        $0.maxEstablished = max($0.maxEstablished, sockets.values.filter { $0 == "01" }.count)
                        $0.count += 1
                    }
                    usleep(2_000)
                }
            } : nil
        sampler?.start()
        try await measure("code-run-burst", ["n": "\(count)"]) {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<count {
                    group.addTask { try await sandbox.process.codeRun("print(1)").exitCode }
                }
                for try await code in group where code != 0 { fail("code run exited \(code)") }
            }
            return [:]
        }
        done.store(true, ordering: .relaxed)
        if observe {
            try await Task.sleep(for: .milliseconds(50))
            let after = clientSockets(to: port)
            let result = samples.withLock { $0 }
            let opened = result.ports.union(after.filter { isNew($0.key, $0.value) }.keys)
            let warm = baseline.values.filter { $0 == "01" }.count
            let established = after.values.filter { $0 == "01" }.count
            print(
                "{\"tool\": \"swift\", \"job\": \"code-run-burst-observe\", \"threads_before\": \(threadsBefore), "
                    + "\"threads_max\": \(max(result.maxThreads, threadCount())), \"samples\": \(result.count), "
                    + "\"connections_before\": \(warm), \"connections_opened\": \(opened.count), "
                    + "\"connections_total\": \(warm + opened.count), "
                    + "\"established_max\": \(max(result.maxEstablished, established)), "
                    + "\"established_after\": \(established)}"
            )
        }
        try await sandbox.delete()

    case "upload":
        guard arguments.count > 1 else { fail("upload PATH") }
        let path = arguments[1]
        let sandbox: Sandbox
        do {
            sandbox = try await daytona.get("bench-files")
        } catch is DaytonaNotFoundError {
            sandbox = try await daytona.create(CreateSandboxParameters(name: "bench-files"))
        }
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        try await measure("upload", ["bytes": "\(size)"]) {
            try await sandbox.fs.uploadFile(atPath: path, to: "big-swift.bin")
            return [:]
        }

    case "download":
        guard arguments.count > 1 else { fail("download PATH") }
        let path = arguments[1]
        let sandbox = try await daytona.get("bench-files")
        try? FileManager.default.removeItem(atPath: path)
        try await measure("download") {
            try await sandbox.fs.downloadFile("big-swift.bin", toPath: path)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            return ["bytes": "\(size)"]
        }

    case "ahc-loop":
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000
        let sandbox = try await daytona.create(CreateSandboxParameters(name: "swift-ahc-\(getpid())"))
        guard case .string(let proxy)? = sandbox.jsonValue["toolboxProxyUrl"] else { fail("no toolboxProxyUrl") }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.decompression = .enabled(limit: .none)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let key = ProcessInfo.processInfo.environment["DAYTONA_API_KEY"] ?? ""
        let url = proxy + "/" + sandbox.id + "/process/execute"
        func once() async throws {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "Accept", value: "application/json")
            request.body = .bytes(Array(#"{"command":"echo hi"}"#.utf8))
            let response = try await http.execute(request, timeout: .seconds(120))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok, body.readableBytes > 0 else { fail("ahc request failed: \(response.status)") }
        }
        try await once()  // warm-up
        try await measure("ahc-loop", ["n": "\(count)"]) {
            for _ in 0..<count { try await once() }
            return [:]
        }
        try await http.shutdown()
        try await sandbox.delete()

    case "nio-loop":
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000
        let sandbox = try await daytona.create(CreateSandboxParameters(name: "swift-nio-\(getpid())"))
        guard case .string(let proxy)? = sandbox.jsonValue["toolboxProxyUrl"] else { fail("no toolboxProxyUrl") }
        let key = ProcessInfo.processInfo.environment["DAYTONA_API_KEY"] ?? ""
        try await nioFloor(url: proxy + "/" + sandbox.id + "/process/execute", key: key, count: count)
        try await sandbox.delete()

    case "snapshot-context":
        try await snapshotContext(daytona, arguments)

    default:
        fail("unknown job \(job)")
    }
} catch {
    fail("ClientBenchmark \(job): \(error)")
}
