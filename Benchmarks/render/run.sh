#!/usr/bin/env bash
# Times `daytona-swift chart render` on a 1,000,000-point line chart (release build).
# Targets: mean wall time under 0.5 s, SVG under 1 MB. Exits non-zero when a target is missed.
#
# Usage: Benchmarks/render/run.sh [RUNS]     (uses hyperfine when installed, else a shell loop)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}
work="$root/.build/render-benchmark"
input="$work/line-1m.json"
output="$work/line-1m.svg"
mkdir -p "$work"

if [ ! -s "$input" ]; then
    python3 "$root/Benchmarks/render/generate_line.py" "$input"
fi
swift build -c release --product daytona-swift --package-path "$root" >&2
bin="$root/.build/release/daytona-swift"
command=("$bin" chart render "$input" -o "$output")

"${command[@]}" >/dev/null
size=$(wc -c <"$output")

if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs "$runs" --export-json "$work/hyperfine.json" \
        "'$bin' chart render '$input' -o '$output'" >&2
    mean=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$work/hyperfine.json")
else
    start=$(date +%s.%N)
    for _ in $(seq "$runs"); do "${command[@]}" >/dev/null; done
    end=$(date +%s.%N)
    mean=$(python3 -c "import sys; print((float(sys.argv[2]) - float(sys.argv[1])) / int(sys.argv[3]))" "$start" "$end" "$runs")
fi

printf 'input: %s (%s bytes)\n' "$input" "$(wc -c <"$input")"
printf 'mean render time: %.3f s (target < 0.5 s)\n' "$mean"
printf 'SVG size: %s bytes (target < 1000000)\n' "$size"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 0.5 and int(sys.argv[2]) < 1_000_000 else 1)" "$mean" "$size"
