#!/usr/bin/env bash
# Context hashing and archiving, side by side with the Python SDK and native tools.
#
#   Benchmarks/contexts/run.sh [--small] [--runs N]
#
# Makes three trees under $BENCH_ROOT (default /tmp/daytona-bench): (a) one 1 GiB file,
# (b) 20,000 files of 50 KB, (c) 100,000 files of 1 KB, then, with a warm page cache, times:
#   hash:    daytona-swift image contexts --hash python (release build)
#            the Python SDK's ObjectStorage._compute_hash_for_path_md5
#            md5floor: the same MD5 stream in C with OpenSSL (compiled here)
#   archive: daytona-swift image archive --stdout | cat
#            Python tarfile (stream mode, as the SDK's upload) | cat
#            GNU tar -cf - | cat
# Wall time: the mean of hyperfine runs (or of a date loop without hyperfine); peak memory:
# /usr/bin/time -v's "Maximum resident set size". Needs: a C compiler and libssl-dev, GNU tar,
# python3 with the daytona SDK as $PYTHON (default /tmp/venv-img/bin/python), optionally
# hyperfine and /usr/bin/time (apt-get install hyperfine time libssl-dev).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bench="${BENCH_ROOT:-/tmp/daytona-bench}"
python="${PYTHON:-/tmp/venv-img/bin/python}"
runs=5
small=""
while [ $# -gt 0 ]; do
    case "$1" in
    --small) small="--small" ;;
    --runs) runs="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

echo "== release build" >&2
(cd "$repo" && swift build -c release >&2)
swift_bin="$repo/.build/release/daytona-swift"

echo "== native floor" >&2
work="$bench/work"
mkdir -p "$work"
cc -O2 -o "$work/md5floor" "$here/md5floor.c" -lcrypto

echo "== trees in $bench" >&2
python3 "$here/make_trees.py" "$bench" $small >&2

# One recipe per tree: a folder context (b, c) or a file context (a).
printf 'steps:\n  - base: scratch\n  - add_local_file: one-1gib/big.bin\n    remote_path: /data/big.bin\n' >"$bench/a.recipe.yaml"
printf 'steps:\n  - base: scratch\n  - add_local_dir: files-50k\n    remote_path: /data\n' >"$bench/b.recipe.yaml"
printf 'steps:\n  - base: scratch\n  - add_local_dir: files-1k\n    remote_path: /data\n' >"$bench/c.recipe.yaml"
declare -A source=([a]=one-1gib/big.bin [b]=files-50k [c]=files-1k)

# The Python SDK's hash and upload tar, as small scripts.
cat >"$work/sdk_hash.py" <<'PY'
import sys
from daytona._sync.object_storage import ObjectStorage
print(ObjectStorage.__new__(ObjectStorage)._compute_hash_for_path_md5(sys.argv[1], sys.argv[2]))
PY
cat >"$work/sdk_tar.py" <<'PY'
import sys, tarfile
with tarfile.open(fileobj=sys.stdout.buffer, mode="w|") as tar:
    tar.add(sys.argv[1], arcname=sys.argv[2])
PY

# Sanity: the three hashes agree before anything is timed.
cd "$bench"
for t in a b c; do
    ours=$("$swift_bin" image contexts "$t.recipe.yaml" --hash python | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["hash"])')
    sdk=$("$python" "$work/sdk_hash.py" "${source[$t]}" "${source[$t]}")
    floor=$("$work/md5floor" "${source[$t]}" "${source[$t]}")
    echo "tree $t: swift $ours  sdk $sdk  floor $floor" >&2
    if [ "$ours" != "$sdk" ] || [ "$ours" != "$floor" ]; then echo "hash mismatch on tree $t" >&2; exit 1; fi
done

results="$work/results.tsv"
: >"$results"

# time_cmd NAME TREE COMMAND: mean wall seconds and peak RSS (KiB), appended to results.tsv.
time_cmd() {
    local name="$1" tree="$2" command="$3" mean rss
    bash -c "$command" >/dev/null 2>&1  # warm-up (page cache)
    if command -v hyperfine >/dev/null; then
        hyperfine --runs "$runs" --warmup 1 --style none --export-json "$work/h.json" "$command" >/dev/null 2>&1
        mean=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/h.json")
    else
        local start end total=0
        for _ in $(seq "$runs"); do
            start=$(date +%s.%N); bash -c "$command" >/dev/null 2>&1; end=$(date +%s.%N)
            total=$(python3 -c "print($total + $end - $start)")
        done
        mean=$(python3 -c "print($total / $runs)")
    fi
    if [ -x /usr/bin/time ]; then
        # The largest RSS of the pipeline's processes is the one that counts.
        rss=$(/usr/bin/time -v bash -c "$command" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}' | tail -1)
    else
        rss=0
    fi
    printf '%s\t%s\t%s\t%s\n' "$tree" "$name" "$mean" "$rss" | tee -a "$results" >&2
}

for t in a b c; do
    s="${source[$t]}"
    time_cmd swift-hash "$t" "'$swift_bin' image contexts $t.recipe.yaml --hash python"
    time_cmd floor-hash "$t" "'$work/md5floor' $s $s"
    time_cmd sdk-hash "$t" "'$python' '$work/sdk_hash.py' $s $s"
    time_cmd swift-archive "$t" "'$swift_bin' image archive $t.recipe.yaml --stdout | cat >/dev/null"
    time_cmd gnu-tar "$t" "tar -cf - $s | cat >/dev/null"
    time_cmd sdk-tarfile "$t" "'$python' '$work/sdk_tar.py' $s $s | cat >/dev/null"
done

python3 - "$results" <<'PY'
import sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
t = {(r[0], r[1]): float(r[2]) for r in rows}
rss = {(r[0], r[1]): int(r[3] or 0) for r in rows}
print("tree  tool            mean s    peak RSS MiB")
for r in rows:
    print(f"{r[0]:5} {r[1]:15} {float(r[2]):8.3f}  {int(r[3] or 0) / 1024:8.1f}")
print()
for tree in "abc":
    print(f"tree {tree}: hash swift/floor {t[tree,'swift-hash'] / t[tree,'floor-hash']:.2f}x (target <= 1.15), "
          f"sdk/swift {t[tree,'sdk-hash'] / t[tree,'swift-hash']:.1f}x; "
          f"archive swift/gnu-tar {t[tree,'swift-archive'] / t[tree,'gnu-tar']:.2f}x (target <= 1.3), "
          f"tarfile/swift {t[tree,'sdk-tarfile'] / t[tree,'swift-archive']:.1f}x")
peak = max(v for (tree, tool), v in rss.items() if tool.startswith("swift")) / 1024
print(f"swift peak RSS {peak:.1f} MiB (target < 64)")
PY
