#!/usr/bin/env bash
# Does the JSON reader's Eisel–Lemire float path pay? Times `daytona-swift chart normalize`
# (release build) on number-heavy charts with three builds of the same sources:
#
#   eisel-lemire  the reader as it is: Clinger's exact fast path, then Eisel–Lemire, then strtod
#   strtod        -DDAYTONA_JSON_BENCH_NO_EISEL_LEMIRE: Clinger's fast path, then strtod
#   strtod-only   -DDAYTONA_JSON_BENCH_STRTOD_ONLY: every float goes to strtod
#
# Usage: Benchmarks/json/run.sh [--runs N]     (run by hand, not in CI)
# Environment: JSON_BENCH_DIR, where inputs and outputs go (default /tmp/daytona-json-bench).
#
# The variants run interleaved (one run of each in turn, --runs times, default 11), so load from
# other processes spreads evenly over them. Each run is timed with date +%s%N (wall) and
# /usr/bin/time (user + system CPU); the report gives medians and minimums. The outputs of the
# three builds must be byte-identical. Each variant builds in its own scratch path under .build/,
# so only the first run pays for three release builds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${JSON_BENCH_DIR:-/tmp/daytona-json-bench}"
runs=11
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) runs="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
mkdir -p "$out"

if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time (apt-get install time)" >&2
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

variants=(eisel-lemire strtod strtod-only)
declare -A flags=(
    [eisel-lemire]=""
    [strtod]="-Xswiftc -DDAYTONA_JSON_BENCH_NO_EISEL_LEMIRE"
    [strtod-only]="-Xswiftc -DDAYTONA_JSON_BENCH_STRTOD_ONLY"
)
declare -A tool
for variant in "${variants[@]}"; do
    echo "== release build: $variant" >&2
    scratch="$root/.build/bench-json-$variant"
    # shellcheck disable=SC2086  # the flags are words
    (cd "$root" && swift build -c release --product daytona-swift --scratch-path "$scratch" ${flags[$variant]} >&2)
    tool[$variant]="$scratch/release/daytona-swift"
done

echo "== inputs in $out/inputs" >&2
python3 "$here/generate.py" "$out/inputs"
inputs=(scatter-1m line-dates-1m line-short-1m)

for input in "${inputs[@]}"; do
    for variant in "${variants[@]}"; do
        "${tool[$variant]}" chart normalize "$out/inputs/$input.json" >"$out/$input.$variant.out"  # warms the cache
    done
    for variant in "${variants[@]}"; do
        if ! cmp -s "$out/$input.eisel-lemire.out" "$out/$input.$variant.out"; then
            echo "$input: the $variant build prints different output" >&2
            exit 1
        fi
    done
done

samples="$out/samples.tsv"
: >"$samples"
for input in "${inputs[@]}"; do
    for run in $(seq "$runs"); do
        for variant in "${variants[@]}"; do
            start=$(date +%s%N)
            /usr/bin/time -f '%U %S' -o "$out/time.txt" \
                "${tool[$variant]}" chart normalize "$out/inputs/$input.json" >/dev/null
            end=$(date +%s%N)
            cpu=$(awk '{print $1 + $2}' "$out/time.txt")
            printf '%s\t%s\t%s\t%s\n' "$input" "$variant" "$(((end - start) / 1000))" "$cpu" >>"$samples"
        done
        echo "$input: run $run of $runs done" >&2
    done
done

python3 - "$samples" "$runs" <<'PY'
import statistics, sys
wall, cpu = {}, {}
for line in open(sys.argv[1]).read().splitlines():
    name, variant, micros, seconds = line.split("\t")
    wall.setdefault((name, variant), []).append(int(micros) / 1e6)
    cpu.setdefault((name, variant), []).append(float(seconds))
print(f"medians (and minimums) of {sys.argv[2]} interleaved runs, seconds")
print(f"{'input':15} {'variant':13} {'wall':>6} {'(min)':>7} {'cpu':>6} {'(min)':>7}  wall vs eisel-lemire")
for (name, variant), values in wall.items():
    w, c = statistics.median(values), statistics.median(cpu[name, variant])
    base = statistics.median(wall[name, "eisel-lemire"])
    print(f"{name:15} {variant:13} {w:6.3f} ({min(values):5.3f}) {c:6.3f} ({min(cpu[name, variant]):5.3f})  "
          f"{100 * (w / base - 1):+5.1f} %")
PY
