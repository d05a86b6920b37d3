#!/usr/bin/env bash
# Client benchmark: the Swift DaytonaAPI client (ClientBenchmark, release build) side by side with
# the Python SDK 0.226.1 (python_client.py), both against the project's test server on loopback.
#
#   Benchmarks/client/run.sh [--runs N] [--exec-n N] [--burst-n N] [--file-mib N] [--skip-files]
#                            [--skip-exec] [--server-root DIR] [--nodelay] [--commit REV]
#
# --commit REV builds against `git archive REV` of this repository (unpacked under
# $DAYTONA_BENCH_SRC, default /tmp/daytona-client-bench) instead of the work tree (../..), so a work
# tree in mid-edit does not matter; the table names the commit. --nodelay runs the --instant server through nodelay_server.py, which only sets
# TCP_NODELAY on the server's sockets: the stock server writes a response's head and body in two
# send() calls, and Nagle + the client's delayed ACK then add ~40 ms to every request after the
# first few on a kept-alive connection (for both clients alike; see RESULTS.md).
#
# Jobs (each run of each tool is a fresh process; the tools run interleaved, --runs times each,
# default 5, so that load from other processes spreads evenly over them):
#   exec-loop       --exec-n (1000) sequential exec("echo hi") on one sandbox, `--instant` server.
#                   Measured: the client process's own user+sys CPU around the loop (getrusage
#                   inside the program, after sandbox creation and one warm-up call) and for the
#                   whole process (/usr/bin/time: start-up, imports, create, delete included).
#                   The server's CPU is not counted. Target: Swift loop CPU <= 1/5 of Python's.
#                   Also, Swift only: nio-loop, the same POSTs over one connection with SwiftNIO's
#                   HTTP/1.1 codec alone (the floor under the library's direct toolbox path), and
#                   ahc-loop, the same POSTs with AsyncHTTPClient alone (the
#                   same pool settings as the library, no OpenAPI runtime, no DaytonaAPI), the
#                   path exec took before the direct one. DAYTONA_BENCH_MAIN_ACTOR=1 runs the Swift
#                   loop in main-actor code instead of a task (each call then hops off and back).
#   code-run-burst  --burst-n (200) concurrent codeRun("print(1)") from one process, `--instant`
#                   server (Swift: a TaskGroup; Python: AsyncDaytona + asyncio.gather). Measured:
#                   wall time of the burst (after a warm-up call). Then one more run per tool with
#                   --observe, not timed: a plain sampler thread reads /proc/self/status (Threads:)
#                   and /proc/net/tcp{,6} every 2 ms and counts the distinct local ports of sockets
#                   whose remote port is the server's (= the TCP connections the server saw; each
#                   server serves only this benchmark), less those open or in time-wait before the
#                   burst. Target: Swift wall <= Python wall.
#   upload/download a --file-mib (1024) MiB file of random bytes (written once from /dev/urandom,
#                   reused), normal server. Swift uploadFile(atPath:to:) / downloadFile(_:toPath:),
#                   Python fs.upload_file(path, remote) / fs.download_file(remote, path). Measured:
#                   wall time of the transfer (in the program) and the process's peak RSS
#                   (/usr/bin/time %M). The download is checked with cmp once per tool, untimed.
#                   Targets: Swift peak RSS < 64 MiB, Swift throughput >= Python's.
#                   The tools alternate which goes first, and `sync` runs before each transfer.
#                   The server keeps its sandboxes' files under --server-root, by default a folder
#                   in /dev/shm (tmpfs) where there is one: on a disk, the server's writes of 1 GiB
#                   met the kernel's dirty-page throttling, and the walls of either client moved
#                   by 3x from run to run (RESULTS.md, "Uploads at 5a80634").
#                   --skip-exec runs only the file jobs, --skip-files only the others.
# Results go to $BENCH_ROOT (default /tmp/daytona-client-bench): samples.tsv and a table on stdout.
# Needs /usr/bin/time (apt-get install time), python3 (the server), the SDK venv at $PYTHON
# (default /opt/venv-daytona/bin/python). The servers listen on 127.0.0.1 only; this script stops
# them on exit (their stdin is a pipe this script holds, and they get SIGTERM).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bench="${BENCH_ROOT:-/tmp/daytona-client-bench}"
python="${PYTHON:-/opt/venv-daytona/bin/python}"
runs=5
exec_n=1000
burst_n=200
file_mib=1024
skip_files=""
skip_exec=""
server_root=""
nodelay=""
commit=""
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) runs="$2"; shift ;;
    --exec-n) exec_n="$2"; shift ;;
    --burst-n) burst_n="$2"; shift ;;
    --file-mib) file_mib="$2"; shift ;;
    --skip-files) skip_files=1 ;;
    --skip-exec) skip_exec=1 ;;
    --server-root) server_root="$2"; shift ;;
    --nodelay) nodelay=1 ;;
    --commit) commit="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install -y time" >&2; exit 1; }
[ -x "$python" ] || { echo "no Python SDK at $python (set PYTHON)" >&2; exit 1; }
mkdir -p "$bench"

if [ -n "$commit" ]; then
    rev="$(git -C "$repo" rev-parse --short "$commit")"
    # Kept apart from $BENCH_ROOT, so runs with other BENCH_ROOTs reuse one build of the library.
    src="${DAYTONA_BENCH_SRC:-${TMPDIR:-/tmp}/daytona-client-bench}/src-$rev/swift-daytona"
    if [ ! -f "$src/Package.swift" ]; then
        rm -rf "$src"
        mkdir -p "$src"
        git -C "$repo" archive "$rev" | tar -x -C "$src"
    fi
    export DAYTONA_PACKAGE_PATH="$src"
    library="commit $rev"
else
    unset DAYTONA_PACKAGE_PATH
    library="work tree at $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- Sources Package.swift || echo ' + local changes')"
fi
echo "== release build against the $library" >&2
swift build -c release --package-path "$here" --scratch-path "$here/.build" >&2
swift_bin="$here/.build/release/ClientBenchmark"

# --- servers ---------------------------------------------------------------------------------
key="bench-key-$$"
server_pids=()
server_fds=()
stop_servers() {
    for fd in "${server_fds[@]}"; do eval "exec $fd>&-" 2>/dev/null || true; done
    for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    server_pids=()
    server_fds=()
}
trap stop_servers EXIT

# start_server NAME [FLAGS...]: sets $server_url. The server's stdin is a FIFO held open on a
# file descriptor of this script, so it exits (--exit-on-stdin-eof) when the script does.
start_server() {
    local name="$1" fifo="$bench/$1.stdin" out="$bench/$1.out" fd
    shift
    rm -f "$fifo" "$out"
    mkfifo "$fifo"
    local server="$repo/TestServer/daytona_test_server.py"
    if [ -n "$nodelay" ] && [ "$name" = instant ]; then server="$here/nodelay_server.py"; fi
    python3 "$server" --port 0 --api-key "$key" --exit-on-stdin-eof "$@" \
        <"$fifo" >"$out" 2>"$bench/$name.err" &
    server_pids+=("$!")
    exec {fd}>"$fifo"
    server_fds+=("$fd")
    for _ in $(seq 600); do  # at most 60 s
        if grep -q '^DAYTONA_TEST_SERVER_READY ' "$out" 2>/dev/null; then
            server_url="$(awk '/^DAYTONA_TEST_SERVER_READY / {print $2}' "$out")"
            echo "server $name at $server_url" >&2
            return 0
        fi
        sleep 0.1
    done
    echo "server $name did not start" >&2
    cat "$bench/$name.err" >&2
    exit 1
}

samples="$bench/samples.tsv"
: >"$samples"

# run_one TOOL LABEL RUN JOB ARGS...: one process under /usr/bin/time; appends
#   tool label run whole_wall whole_user whole_sys peak_kib <the program's JSON lines>
run_one() {
    local tool="$1" job="$2" run="$3" timing="$bench/time.txt" output="$bench/out.json"
    shift 3
    local command
    if [ "$tool" = swift ]; then command=("$swift_bin" "$@"); else command=("$python" "$here/python_client.py" "$@"); fi
    if ! /usr/bin/time -f '%e %U %S %M' -o "$timing" "${command[@]}" >"$output" 2>"$bench/err.txt"; then
        echo "$tool $job failed:" >&2
        tail -20 "$bench/err.txt" >&2
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$job" "$run" "$(tail -1 "$timing" | tr ' ' '\t')" "$(tr '\n' ' ' <"$output")" >>"$samples"
}

export DAYTONA_API_KEY="$key"
for var in DAYTONA_JWT_TOKEN DAYTONA_ORGANIZATION_ID DAYTONA_TARGET; do unset "$var"; done

if [ -z "$skip_exec" ]; then
    echo "== exec-loop and code-run-burst (--instant server)" >&2
    start_server instant --instant
    export DAYTONA_API_URL="$server_url/api"
    for run in $(seq "$runs"); do
        for tool in swift python; do run_one "$tool" exec-loop "$run" exec-loop "$exec_n"; done
        run_one swift ahc-loop "$run" ahc-loop "$exec_n"  # AsyncHTTPClient alone, as the library used before
        run_one swift nio-loop "$run" nio-loop "$exec_n"  # the floor: SwiftNIO's HTTP/1.1 codec alone
        for tool in swift python; do run_one "$tool" code-run-burst "$run" code-run-burst "$burst_n"; done
        echo "run $run of $runs done" >&2
    done
    for tool in swift python; do run_one "$tool" code-run-burst-observe 1 code-run-burst "$burst_n" --observe; done
    stop_servers
fi

if [ -z "$skip_files" ]; then
    echo "== upload and download of $file_mib MiB (normal server)" >&2
    big="$bench/big-$file_mib.bin"
    if [ "$(stat -c %s "$big" 2>/dev/null || echo 0)" != "$((file_mib * 1048576))" ]; then
        head -c "$((file_mib * 1048576))" /dev/urandom >"$big.tmp"
        mv "$big.tmp" "$big"
    fi
    cat "$big" >/dev/null  # warm the page cache
    if [ -z "$server_root" ]; then
        if [ -d /dev/shm ] && [ -w /dev/shm ]; then server_root="/dev/shm/daytona-client-bench-$$"; else server_root="$bench/server-root"; fi
    fi
    rm -rf "$server_root"
    echo "server files under $server_root" >&2
    start_server files --root "$server_root"
    export DAYTONA_API_URL="$server_url/api"
    for run in $(seq "$runs"); do
        # The order alternates, and each transfer starts with no dirty pages left by the one
        # before (on a disk, a 1 GiB write still being flushed slowed the next transfer 3x).
        if [ $((run % 2)) = 1 ]; then tools="swift python"; else tools="python swift"; fi
        for tool in $tools; do
            sync
            run_one "$tool" upload "$run" upload "$big"
            sync
            run_one "$tool" download "$run" download "$bench/back-$tool.bin"
            if [ "$run" = 1 ]; then
                cmp "$big" "$bench/back-$tool.bin" || { echo "$tool: downloaded file differs" >&2; exit 1; }
            fi
            rm -f "$bench/back-$tool.bin"
        done
        echo "files: run $run of $runs done" >&2
    done
    stop_servers
    rm -rf "$server_root"
fi

echo "library: $library; instant server: $([ -n "$nodelay" ] && echo 'with TCP_NODELAY (nodelay_server.py)' || echo stock); runs: $runs"
python3 - "$samples" "$exec_n" "$burst_n" <<'PY'
import json, statistics, sys
rows = {}
observe = {}
for line in open(sys.argv[1]).read().splitlines():
    tool, job, run, wall, user, sys_, peak, out = line.split("\t")
    records = [json.loads(x) for x in out.replace("} {", "}\n{").splitlines() if x.strip()]
    if job == "code-run-burst-observe":
        observe[tool] = next(r for r in records if r["job"] == "code-run-burst-observe")
        continue
    inner = next(r for r in records if r["job"] == job)
    rows.setdefault((job, tool), []).append({
        "whole_wall": float(wall), "whole_cpu": float(user) + float(sys_), "peak_mib": int(peak) / 1024,
        "wall": inner["wall"], "cpu": inner["user"] + inner["sys"], "bytes": inner.get("bytes", 0)})
exec_n, burst_n = int(sys.argv[2]), int(sys.argv[3])

def stat(job, tool, key, f=statistics.median):
    return f(r[key] for r in rows[(job, tool)])

def line(label, s, p, unit, better_low=True, target=None):
    ratio = s / p if p else float("nan")
    print(f"| {label} | {s:.3f} {unit} | {p:.3f} {unit} | {ratio:.3f} | {target or ''} |")

print("| measure (median of runs; min in the notes) | Swift | Python | Swift/Python | target |")
print("| --- | --- | --- | --- | --- |")
if ("exec-loop", "swift") in rows:
    s, p = stat("exec-loop", "swift", "cpu"), stat("exec-loop", "python", "cpu")
    line(f"exec-loop: loop CPU (user+sys), {exec_n} calls", s, p, "s",
         target=f"<= 0.200: {'met' if s / p <= 0.2 else 'MISSED'}")
    line("exec-loop: CPU per call", s / exec_n * 1e6, p / exec_n * 1e6, "us")
    if ("ahc-loop", "swift") in rows:
        a = stat("ahc-loop", "swift", "cpu")
        line("the same POSTs with AsyncHTTPClient alone (Swift column)", a, p, "s")
    if ("nio-loop", "swift") in rows:
        a = stat("nio-loop", "swift", "cpu")
        line("exec-loop floor: the same POSTs with SwiftNIO's HTTP/1.1 codec alone (Swift column)", a, p, "s")
        print(f"|   (the library's share of Swift's loop CPU: {(s - a) / s:.0%}) | | | | |")
    line("exec-loop: whole-process CPU", stat("exec-loop", "swift", "whole_cpu"), stat("exec-loop", "python", "whole_cpu"), "s")
    line("exec-loop: loop wall", stat("exec-loop", "swift", "wall"), stat("exec-loop", "python", "wall"), "s")
    line("exec-loop: peak RSS", stat("exec-loop", "swift", "peak_mib"), stat("exec-loop", "python", "peak_mib"), "MiB")
if ("code-run-burst", "swift") in rows:
    s, p = stat("code-run-burst", "swift", "wall"), stat("code-run-burst", "python", "wall")
    line(f"code-run-burst: wall of {burst_n} concurrent", s, p, "s",
         target=f"<= 1: {'met' if s <= p else 'MISSED'}")
    line("code-run-burst: CPU during the burst", stat("code-run-burst", "swift", "cpu"), stat("code-run-burst", "python", "cpu"), "s")
    line("code-run-burst: peak RSS", stat("code-run-burst", "swift", "peak_mib"), stat("code-run-burst", "python", "peak_mib"), "MiB")
    for key, label in (("threads_before", "threads before the burst"), ("threads_max", "threads, max during the burst"),
                       ("connections_total", "TCP connections used (warm-up one + opened during the burst)"),
                       ("established_max", "TCP connections open at once, max")):
        if "swift" in observe and "python" in observe:
            print(f"| code-run-burst: {label} | {observe['swift'][key]} | {observe['python'][key]} | | |")
for job in ("upload", "download"):
    if (job, "swift") not in rows:
        continue
    s, p = stat(job, "swift", "wall"), stat(job, "python", "wall")
    mib = stat(job, "swift", "bytes") / 1048576
    line(f"{job}: wall of {mib:.0f} MiB", s, p, "s")
    line(f"{job}: throughput", mib / s, mib / p, "MiB/s", target=f">= 1: {'met' if s <= p else 'MISSED'}")
    sp, pp = max(r["peak_mib"] for r in rows[(job, "swift")]), max(r["peak_mib"] for r in rows[(job, "python")])
    line(f"{job}: peak RSS (max of runs)", sp, pp, "MiB", target=f"Swift < 64 MiB: {'met' if sp < 64 else 'MISSED'}")
    line(f"{job}: CPU of the transfer", stat(job, "swift", "cpu"), stat(job, "python", "cpu"), "s")
print()
print("minimums:")
for (job, tool), values in sorted(rows.items()):
    print(f"  {job:15} {tool:7} wall min {min(v['wall'] for v in values):.3f} s, cpu min {min(v['cpu'] for v in values):.3f} s, "
          f"whole cpu min {min(v['whole_cpu'] for v in values):.3f} s, runs {len(values)}")
print("observe:", json.dumps(observe))
PY
