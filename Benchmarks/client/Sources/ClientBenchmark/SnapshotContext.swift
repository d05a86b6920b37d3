// The upload benchmark's Swift side (run_uploads.sh drives it; python_uploads.py is the Python side).
//
//   ClientBenchmark snapshot-context file|dir PATH NAME [--hash-after]
//
// One public call: daytona.snapshot.create(CreateSnapshotParameters(name: NAME, image:
// Image.base("alpine").addLocalFile(PATH, remotePath: "/data/big.bin")   (file)
//                     .addLocalDir(PATH, remotePath: "/data/ctx")        (dir)
// )), with onUploadProgress recording when each report arrives. Printed (one JSON line):
//   wall            the whole create call (push access, hash, HEAD, upload, POST /snapshots, wait)
//   first_progress  seconds from the call to the first progress report (for a skipped context,
//                   the "already uploaded" report, which comes right after the HEAD)
//   last_progress   seconds to the last report (the upload's end: after CompleteMultipartUpload)
//   already_uploaded, bytes (the last report's bytesSent), reports, hash, user/sys CPU of the call
// With --hash-after, once create has returned: the time of the same context's stable hash alone
// (context.hash(), the public API ContextUploader calls), so that the upload phase can be told
// apart from the hash that precedes it: upload ≈ last_progress - hash_after (push access and the
// HEAD are a few ms). It runs after the measured call, so it changes neither wall nor the call's CPU.

import DaytonaAPI
import Foundation
import Synchronization

struct ProgressLog: Sendable {
    var first: Double?
    var last: Double?
    var reports = 0
    var bytes: UInt64 = 0
    var alreadyUploaded = false
    var hash = ""
}

func snapshotContext(_ daytona: DaytonaClient, _ arguments: [String]) async throws {
    guard arguments.count >= 4, ["file", "dir"].contains(arguments[1]) else {
        fail("snapshot-context file|dir PATH NAME [--hash-after]")
    }
    let kind = arguments[1]
    let path = arguments[2]
    let name = arguments[3]
    let image =
        kind == "file"
        ? try Image.base("alpine").addLocalFile(path, remotePath: "/data/big.bin")
        : try Image.base("alpine").addLocalDir(path, remotePath: "/data/ctx")
    let log = Mutex(ProgressLog())
    let before = Usage.now()
    let start = monotonic()
    let snapshot = try await daytona.snapshot.create(
        CreateSnapshotParameters(name: name, image: image),
        onUploadProgress: { report in
            let now = monotonic() - start
            log.withLock {
                if $0.first == nil { $0.first = now }
                $0.last = now
                $0.reports += 1
                $0.bytes = report.bytesSent
                $0.alreadyUploaded = report.alreadyUploaded
                $0.hash = report.hash
            }
        }
    )
    let wall = monotonic() - start
    let after = Usage.now()
    guard snapshot.state == .active else { fail("snapshot \(name) is \(snapshot.state)") }
    let progress = log.withLock { $0 }
    var fields: [String: String] = [
        "tool": "\"swift\"",
        "job": "\"snapshot-context\"",
        "kind": "\"\(kind)\"",
        "wall": String(format: "%.6f", wall),
        "user": String(format: "%.6f", after.user - before.user),
        "sys": String(format: "%.6f", after.system - before.system),
        "maxrss_kib": "\(after.maxRSSKiB)",
        "first_progress": progress.first.map { String(format: "%.6f", $0) } ?? "null",
        "last_progress": progress.last.map { String(format: "%.6f", $0) } ?? "null",
        "reports": "\(progress.reports)",
        "bytes": "\(progress.bytes)",
        "already_uploaded": progress.alreadyUploaded ? "true" : "false",
        "hash": "\"\(progress.hash)\"",
    ]
    if arguments.contains("--hash-after"), let context = image.contextList.first {
        let hashStart = monotonic()
        let again = try context.hash()
        fields["hash_after"] = String(format: "%.6f", monotonic() - hashStart)
        if again != progress.hash { fail("hash after create \(again) differs from the uploaded \(progress.hash)") }
    }
    print("{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}")
}
