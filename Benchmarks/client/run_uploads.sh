#!/usr/bin/env bash
# Upload benchmark (issue 10): snapshot.create with one build context, the Swift SDK
# (`ClientBenchmark snapshot-context`, release build) side by side with the Python SDK 0.226.1
# (python_uploads.py), both against the project's test server (--instant) whose push access
# points at moto's S3 server with signature checking on. Results: UPLOADS.md.
#
#   Benchmarks/client/run_uploads.sh [--runs N] [--commit REV] [--only file|dir] [--skip-check]
#                                    [--swift-only] [--swift-bin PATH] [--swift-env VAR=VALUE]...
#                                    [--second-runs N] [--label TEXT]
#
# --commit REV builds the Swift side against `git archive REV` (as run.sh does), and takes the
# test server (TestServer/daytona_test_server.py) and moto's fixture
# (Tests/DaytonaTestSupport/moto_fixture.py) from that archive too; without it, the work tree.
# --swift-bin PATH runs that ClientBenchmark binary instead of building one (a copy kept from an
# earlier build; the table then names the binary). --swift-env VAR=VALUE (repeatable) sets VAR
# for the Swift processes only (the malloc experiments in UPLOADS.md). --second-runs N (default 1)
# repeats run 2 N times after each run 1 (fresh processes; the object and any hash cache stay).
#
# Contexts (made once under $BENCH_ROOT/data, default /tmp/daytona-upload-bench; the page cache is
# warmed before the runs): file = one 1 GiB file from /dev/urandom (addLocalFile /
# add_local_file); dir = 20,000 files of 50,000 random bytes in 200 folders (addLocalDir /
# add_local_dir).
#
# For each of --runs (default 3) runs, each context, each tool (the order of the tools alternates
# from run to run): the bucket is emptied (every object deleted, every multipart upload aborted),
# then two fresh processes under /usr/bin/time, each one create call with a new snapshot name:
#   run 1: the bucket is empty, so the context is hashed, HEAD finds nothing, it is uploaded;
#   run 2: the same context again, its object now present: hashed, found by HEAD, not sent.
# The Swift side gets DAYTONA_CONTEXT_HASH_CACHE=$BENCH_ROOT/hash-cache, emptied before every
# run 1 (so run 1 always hashes; at commits with the context hash cache, run 2 may use the hash
# run 1 stored; commits without the cache ignore the variable).
# Each program times its own create call (and its parts, see SnapshotContext.swift and
# python_uploads.py); /usr/bin/time gives the whole process's wall, CPU and peak RSS.
# The first run of each tool and context is checked (uploads_s3.py check): the object's size and
# every tar member's name, kind and bytes against the source. The keys of the two SDKs differ
# (Swift: the stable SHA-256-based hash; Python: MD5); after every run 2 the script checks that
# the bucket holds exactly the one object of that tool.
# Samples: $BENCH_ROOT/uploads-samples.tsv; the table goes to stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bench="${BENCH_ROOT:-/tmp/daytona-upload-bench}"
python="${PYTHON:-/opt/venv-daytona/bin/python}"
runs=3
commit=""
only=""
skip_check=""
swift_only=""
label=""
swift_bin=""
swift_env=()
second_runs=1
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) runs="$2"; shift ;;
    --commit) commit="$2"; shift ;;
    --only) only="$2"; shift ;;
    --skip-check) skip_check=1 ;;
    --swift-only) swift_only=1 ;;
    --label) label="$2"; shift ;;
    --swift-bin) swift_bin="$2"; shift ;;
    --swift-env) swift_env+=("$2"); shift ;;
    --second-runs) second_runs="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install -y time" >&2; exit 1; }
[ -x "$python" ] || { echo "no Python SDK at $python (set PYTHON)" >&2; exit 1; }
python3 -c 'import moto.server, boto3' || { echo "needs python3 with moto[server] and boto3" >&2; exit 1; }
mkdir -p "$bench"

if [ -n "$swift_bin" ]; then
    src="${DAYTONA_FIXTURES_SRC:-$repo}"
    library="binary $swift_bin (fixtures from $src)"
elif [ -n "$commit" ]; then
    rev="$(git -C "$repo" rev-parse --short "$commit")"
    src="${DAYTONA_BENCH_SRC:-${TMPDIR:-/tmp}/daytona-client-bench}/src-$rev/swift-daytona"
    if [ ! -f "$src/Package.swift" ]; then
        rm -rf "$src"
        mkdir -p "$src"
        git -C "$repo" archive "$rev" | tar -x -C "$src"
    fi
    export DAYTONA_PACKAGE_PATH="$src"
    library="commit $rev ($(git -C "$repo" log -1 --format=%s "$rev" | cut -c1-60))"
else
    unset DAYTONA_PACKAGE_PATH
    src="$repo"
    library="work tree at $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- Sources Package.swift || echo ' + local changes')"
fi
if [ -z "$swift_bin" ]; then
    echo "== release build against the $library" >&2
    swift build -c release --package-path "$here" --scratch-path "$here/.build" >&2
    swift_bin="$here/.build/release/ClientBenchmark"
fi
[ "${#swift_env[@]}" = 0 ] || library="$library; Swift environment: ${swift_env[*]}"
export DAYTONA_CONTEXT_HASH_CACHE="$bench/hash-cache"

# --- data ------------------------------------------------------------------------------------
data="$bench/data"
mkdir -p "$data"
big="$data/big.bin"
if [ "$(stat -c %s "$big" 2>/dev/null || echo 0)" != 1073741824 ]; then
    echo "== writing 1 GiB from /dev/urandom" >&2
    head -c 1073741824 /dev/urandom >"$big.tmp"
    mv "$big.tmp" "$big"
fi
tree="$data/files-50k"
if [ ! -f "$tree.complete" ]; then
    echo "== writing 20,000 files of 50 KB" >&2
    rm -rf "$tree"
    python3 - "$tree" <<'PY'
import os, sys
top = sys.argv[1]
for i in range(20000):
    d = os.path.join(top, "d%04d" % (i // 100))
    if i % 100 == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.dat" % i), "wb") as f:
        f.write(os.urandom(50 * 1000))
PY
    touch "$tree.complete"
fi
cat "$big" >/dev/null
find "$tree" -type f -exec cat {} + >/dev/null  # warm the page cache

# --- servers ---------------------------------------------------------------------------------
pids=()
fds=()
stop_all() {
    for fd in "${fds[@]}"; do eval "exec $fd>&-" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

# start NAME WAIT_PATTERN COMMAND...: stdin a FIFO held by this script, stdout to $bench/NAME.out
start() {
    local name="$1" pattern="$2" fifo="$bench/$1.stdin" out="$bench/$1.out" fd
    shift 2
    rm -f "$fifo" "$out"
    mkfifo "$fifo"
    "$@" <"$fifo" >"$out" 2>"$bench/$name.err" &
    pids+=("$!")
    exec {fd}>"$fifo"
    fds+=("$fd")
    for _ in $(seq 1200); do  # at most 120 s
        if grep -q "$pattern" "$out" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "$name did not start" >&2
    tail -20 "$bench/$name.err" >&2
    exit 1
}

echo "== moto (signature checking on; $src/Tests/DaytonaTestSupport/moto_fixture.py)" >&2
start moto '^{' python3 "$src/Tests/DaytonaTestSupport/moto_fixture.py"
setup="$bench/moto.json"
head -1 "$bench/moto.out" >"$setup"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit("moto: " + d["error"] if "error" in d else 0)' "$setup"
moto_pid="${pids[0]}"
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): d = d[k]
print(d)' "$setup" "$1"; }
endpoint="$(field endpoint)"
echo "moto at $endpoint (assumed-role credentials with a session token go to the SDKs)" >&2

key="bench-key-$$"
start server '^DAYTONA_TEST_SERVER_READY ' python3 "$src/TestServer/daytona_test_server.py" --port 0 --api-key "$key" \
    --exit-on-stdin-eof --instant \
    --s3-endpoint "$endpoint" --s3-access-key "$(field assumedRole.accessKeyID)" \
    --s3-secret "$(field assumedRole.secretAccessKey)" --s3-session-token "$(field assumedRole.sessionToken)" \
    --s3-bucket "$(field bucket)" --s3-region "$(field region)"
server_url="$(awk '/^DAYTONA_TEST_SERVER_READY / {print $2}' "$bench/server.out")"
echo "test server at $server_url" >&2
export DAYTONA_API_URL="$server_url/api" DAYTONA_API_KEY="$key"
for var in DAYTONA_JWT_TOKEN DAYTONA_ORGANIZATION_ID DAYTONA_TARGET; do unset "$var"; done

s3() { python3 "$here/uploads_s3.py" "$setup" "$@"; }

samples="$bench/uploads-samples.tsv"
: >"$samples"
checks="$bench/uploads-checks.txt"
: >"$checks"

# run_one TOOL CTX RUN PHASE: one process under /usr/bin/time; appends
#   tool ctx run phase whole_wall whole_user whole_sys peak_kib moto_rss_kib <the program's JSON line>
run_one() {
    local tool="$1" ctx="$2" run="$3" phase="$4" timing="$bench/time.txt" output="$bench/out.json" path
    local name="$tool-$ctx-r$run-p$phase-$$-$RANDOM"
    if [ "$ctx" = file ]; then path="$big"; else path="$tree"; fi
    local command
    if [ "$tool" = swift ]; then
        command=(env "${swift_env[@]}" "$swift_bin" snapshot-context "$ctx" "$path" "$name" --hash-after)
    else
        command=("$python" "$here/python_uploads.py" "$ctx" "$path" "$name")
    fi
    if ! /usr/bin/time -f '%e %U %S %M' -o "$timing" "${command[@]}" >"$output" 2>"$bench/err.txt"; then
        echo "$tool $ctx run $run phase $phase failed:" >&2
        tail -20 "$bench/err.txt" >&2
        exit 1
    fi
    local moto_rss
    moto_rss="$(awk '/^VmHWM:/ {print $2}' "/proc/$moto_pid/status" 2>/dev/null || echo 0)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$ctx" "$run" "$phase" "$(tail -1 "$timing" | tr ' ' '\t')" \
        "$moto_rss" "$(tail -1 "$output")" >>"$samples"
    echo "  $tool $ctx run $run phase $phase: $(tail -1 "$output" | cut -c1-400)" >&2
}

# the key of the last sample of TOOL
last_key() {
    python3 -c 'import json,sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
row = [r for r in rows if r[0] == sys.argv[2]][-1]
out = json.loads(row[-1])
print(out["key"] if "key" in out else None)' "$samples" "$1"
}

tools=(swift python)
[ -n "$swift_only" ] && tools=(swift)
contexts=(file dir)
[ -n "$only" ] && contexts=("$only")
uptime >&2
for run in $(seq "$runs"); do
    order=("${tools[@]}")
    if [ $((run % 2)) = 0 ] && [ "${#tools[@]}" = 2 ]; then order=(python swift); fi
    for ctx in "${contexts[@]}"; do
        for tool in "${order[@]}"; do
            s3 reset
            rm -rf "$DAYTONA_CONTEXT_HASH_CACHE"
            run_one "$tool" "$ctx" "$run" 1
            objects="$(s3 list)"
            count="$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])))' "$objects")"
            [ "$count" = 1 ] || { echo "after run 1 the bucket holds $count objects: $objects" >&2; exit 1; }
            object_key="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0]["key"])' "$objects")"
            if [ "$run" = 1 ] && [ -z "$skip_check" ]; then
                if [ "$ctx" = file ]; then path="$big"; else path="$tree"; fi
                echo "  checking $object_key" >&2
                printf '%s %s: ' "$tool" "$ctx" >>"$checks"
                s3 check "$object_key" "$ctx" "$path" "${path#/}" >>"$checks" || { tail -1 "$checks" >&2; exit 1; }
            fi
            for _ in $(seq "$second_runs"); do
                run_one "$tool" "$ctx" "$run" 2
                after="$(s3 list)"
                [ "$after" = "$objects" ] || { echo "run 2 changed the bucket: $objects -> $after" >&2; exit 1; }
            done
            printf '%s %s run %s: bucket %s\n' "$tool" "$ctx" "$run" "$objects" >>"$checks"
        done
    done
    echo "run $run of $runs done ($(uptime))" >&2
done
uptime >&2

echo "library: $library; runs: $runs${label:+; $label}"
echo "checks ($checks):"
grep -v ': bucket ' "$checks" || true
python3 - "$samples" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]).read().splitlines():
    tool, ctx, run, phase, wall, user, sys_, peak, moto_rss, out = line.split("\t")
    o = json.loads(out)
    r = {"whole_wall": float(wall), "whole_cpu": float(user) + float(sys_), "peak_mib": int(peak) / 1024,
         "wall": o["wall"], "cpu": o["user"] + o["sys"], "already": o["already_uploaded"],
         "moto_hwm_mib": int(moto_rss) / 1024}
    if tool == "swift":
        r["hash"] = o.get("hash_after")
        r["first"] = o.get("first_progress")
        r["upload"] = (o["last_progress"] - o["hash_after"]) if o.get("hash_after") is not None and o.get("last_progress") is not None else None
        r["context"] = o.get("last_progress")
        r["bytes"] = o.get("bytes")
    else:
        r["hash"] = o.get("hash_s")
        r["upload"] = o.get("upload_s")
        r["context"] = o.get("context_s")
        r["head"] = o.get("head_s")
    rows.setdefault((ctx, phase, tool), []).append(r)

def med(ctx, phase, tool, key):
    values = [r[key] for r in rows.get((ctx, phase, tool), []) if r.get(key) is not None]
    return statistics.median(values) if values else None

def fmt(v, unit):
    return "n/a" if v is None else f"{v:.3f} {unit}" if unit == "s" else f"{v:.1f} {unit}"

def line(label, ctx, phase, key, unit, target=None, check=None):
    s, p = med(ctx, phase, "swift", key), med(ctx, phase, "python", key)
    ratio = f"{s / p:.2f}" if s is not None and p else ""
    verdict = ""
    if check is not None and s is not None:
        verdict = check(s, p)
        verdict = "n/a" if verdict is None else "met" if verdict else "MISSED"
    print(f"| {label} | {fmt(s, unit)} | {fmt(p, unit)} | {ratio} | {target or ''} | {verdict} |")

names = {"file": "1 GiB file", "dir": "20,000 × 50 KB folder"}
print("| measure (median of runs) | Swift | Python | Swift/Python | target | |")
print("| --- | --- | --- | --- | --- | --- |")
for ctx in ("file", "dir"):
    if not any(k[0] == ctx for k in rows):
        continue
    n = names[ctx]
    line(f"{n}, run 1: create wall", ctx, "1", "wall", "s", "≤ Python", lambda s, p: None if p is None else s <= p)
    line(f"{n}, run 1: context phase (hash + HEAD + upload)", ctx, "1", "context", "s")
    line(f"{n}, run 1: hash", ctx, "1", "hash", "s")
    line(f"{n}, run 1: upload (Swift: context phase − hash)", ctx, "1", "upload", "s")
    line(f"{n}, run 1: CPU of the call", ctx, "1", "cpu", "s")
    line(f"{n}, run 1: whole process wall", ctx, "1", "whole_wall", "s")
    line(f"{n}, run 1: peak RSS (median)", ctx, "1", "peak_mib", "MiB", "< 100 MiB", lambda s, p: s < 100)
    for tool in ("swift", "python"):
        peaks = [r["peak_mib"] for r in rows.get((ctx, "1", tool), [])]
        if peaks:
            print(f"|   {tool} run-1 peaks: {', '.join(f'{x:.1f}' for x in peaks)} MiB | | | | | |")
    line(f"{n}, run 2 (object present): create wall", ctx, "2", "wall", "s", "< 0.2 s", lambda s, p: s < 0.2)
    line(f"{n}, run 2: hash (Swift: context.hash() again after the call, uncached)", ctx, "2", "hash", "s")
    line(f"{n}, run 2: peak RSS (median)", ctx, "2", "peak_mib", "MiB", "< 100 MiB", lambda s, p: s < 100)
    line(f"{n}, run 2: whole process wall", ctx, "2", "whole_wall", "s")
    for tool in ("swift", "python"):
        flags = [r["already"] for r in rows.get((ctx, "2", tool), [])]
        first = [r["already"] for r in rows.get((ctx, "1", tool), [])]
        if flags:
            print(f"|   {tool}: run 1 found the object already there: {first}; run 2: {flags} | | | | | |")
print()
print("all samples (tool ctx phase: wall / context / hash / upload / peak):")
for (ctx, phase, tool), values in sorted(rows.items()):
    def f(v):
        return "-" if v is None else f"{v:.3f}"
    print(f"  {tool:6} {ctx:4} run{phase}: " + "; ".join(
        f"{f(r['wall'])} / {f(r.get('context'))} / {f(r.get('hash'))} / {f(r.get('upload'))} / {r['peak_mib']:.1f} MiB"
        for r in values) + f"   (moto peak RSS so far {values[-1]['moto_hwm_mib']:.0f} MiB)")
PY
