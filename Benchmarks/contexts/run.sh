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
# Wall time: the tools run interleaved, --runs times each (default 5), timed with date +%s%N;
# the report gives median and minimum and their ratios. Peak memory: /usr/bin/time -v's
# "Maximum resident set size" (largest process of the pipeline). Needs a C compiler and
# libssl-dev, GNU tar, python3 with the daytona SDK as $PYTHON (default
# /tmp/venv-img/bin/python), and /usr/bin/time (apt-get install time libssl-dev).
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

samples="$work/samples.tsv"
memory="$work/memory.tsv"
: >"$samples"
: >"$memory"

# The tools, run interleaved (one run of each in turn) so that load from other processes
# spreads evenly over them; each run is timed with date +%s%N around `bash -c`.
tools=(swift-hash floor-hash sdk-hash swift-archive gnu-tar sdk-tarfile)
command_for() {
    local tool="$1" t="$2" s="${source[$2]}"
    case "$tool" in
    swift-hash) echo "'$swift_bin' image contexts $t.recipe.yaml --hash python" ;;
    floor-hash) echo "'$work/md5floor' $s $s" ;;
    sdk-hash) echo "'$python' '$work/sdk_hash.py' $s $s" ;;
    swift-archive) echo "'$swift_bin' image archive $t.recipe.yaml --stdout | cat >/dev/null" ;;
    gnu-tar) echo "tar -cf - $s | cat >/dev/null" ;;
    sdk-tarfile) echo "'$python' '$work/sdk_tar.py' $s $s | cat >/dev/null" ;;
    esac
}

for t in a b c; do
    for tool in "${tools[@]}"; do bash -c "$(command_for "$tool" "$t")" >/dev/null 2>&1; done  # warm the cache
    for run in $(seq "$runs"); do
        for tool in "${tools[@]}"; do
            command="$(command_for "$tool" "$t")"
            start=$(date +%s%N)
            bash -c "$command" >/dev/null 2>&1
            end=$(date +%s%N)
            printf '%s\t%s\t%s\n' "$t" "$tool" "$(((end - start) / 1000))" >>"$samples"
        done
        echo "tree $t: run $run of $runs done" >&2
    done
    if [ -x /usr/bin/time ]; then
        for tool in "${tools[@]}"; do
            # Every process of the pipeline reports; the largest is the one that counts.
            rss=$(/usr/bin/time -v bash -c "$(command_for "$tool" "$t")" 2>&1 >/dev/null |
                awk -F': ' '/Maximum resident/ {print $2}' | sort -n | tail -1)
            printf '%s\t%s\t%s\n' "$t" "$tool" "$rss" >>"$memory"
        done
    fi
done

python3 - "$samples" "$memory" <<'PY'
import statistics, sys
samples, rss = {}, {}
for line in open(sys.argv[1]).read().splitlines():
    tree, tool, micros = line.split("\t")
    samples.setdefault((tree, tool), []).append(int(micros) / 1e6)
for line in open(sys.argv[2]).read().splitlines():
    tree, tool, kib = line.split("\t")
    rss[tree, tool] = int(kib or 0) / 1024
med = {k: statistics.median(v) for k, v in samples.items()}
low = {k: min(v) for k, v in samples.items()}
print("tree  tool            median s   min s   peak RSS MiB")
for (tree, tool), values in samples.items():
    print(f"{tree:5} {tool:15} {med[tree, tool]:8.3f} {low[tree, tool]:8.3f}   {rss.get((tree, tool), 0):8.1f}")
print()
def ratio(tree, a, b):
    return f"{med[tree, a] / med[tree, b]:.2f}x (min {low[tree, a] / low[tree, b]:.2f}x)"
for tree in "abc":
    print(f"tree {tree}: hash swift/floor {ratio(tree, 'swift-hash', 'floor-hash')} [target <= 1.15]; "
          f"sdk/swift {ratio(tree, 'sdk-hash', 'swift-hash')}")
    print(f"        archive swift/gnu-tar {ratio(tree, 'swift-archive', 'gnu-tar')} [target <= 1.3]; "
          f"tarfile/swift {ratio(tree, 'sdk-tarfile', 'swift-archive')}")
swift_peak = max((v for (tree, tool), v in rss.items() if tool.startswith("swift")), default=0)
print(f"swift peak RSS {swift_peak:.1f} MiB [target < 64]")
PY
