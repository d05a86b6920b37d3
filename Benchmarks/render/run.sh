#!/usr/bin/env bash
# Times `daytona-swift chart render` (release build) on two inputs:
#   line-1m     a 1,000,000-point line chart     targets: mean under 0.3 s, SVG under 100 KB
#   text-48k    a bar chart whose title, labels and names are 48,000 characters each
#                                                  target: mean under 0.2 s
# Exits non-zero when a target is missed.
#
# Usage: Benchmarks/render/run.sh [RUNS]     (uses hyperfine when installed, else a shell loop)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}
work="$root/.build/render-benchmark"
mkdir -p "$work"

[ -s "$work/line-1m.json" ] || python3 "$root/Benchmarks/render/generate_line.py" "$work/line-1m.json"
[ -s "$work/text-48k.json" ] || python3 "$root/Benchmarks/render/generate_text.py" "$work/text-48k.json"
swift build -c release --product daytona-swift --package-path "$root" >&2
bin="$root/.build/release/daytona-swift"

# mean_seconds NAME: the mean wall time of rendering $work/NAME.json to $work/NAME.svg.
mean_seconds() {
    local input="$work/$1.json" output="$work/$1.svg"
    "$bin" chart render "$input" -o "$output" >/dev/null
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --warmup 1 --runs "$runs" --export-json "$work/$1.hyperfine.json" \
            "'$bin' chart render '$input' -o '$output'" >&2
        python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$work/$1.hyperfine.json"
    else
        local start end
        start=$(date +%s.%N)
        for _ in $(seq "$runs"); do "$bin" chart render "$input" -o "$output" >/dev/null; done
        end=$(date +%s.%N)
        python3 -c "import sys; print((float(sys.argv[2]) - float(sys.argv[1])) / int(sys.argv[3]))" "$start" "$end" "$runs"
    fi
}

line=$(mean_seconds line-1m)
line_size=$(wc -c <"$work/line-1m.svg")
text=$(mean_seconds text-48k)
text_size=$(wc -c <"$work/text-48k.svg")

printf 'line-1m:  %s bytes in, mean %.3f s (target < 0.3 s), SVG %s bytes (target < 100000)\n' \
    "$(wc -c <"$work/line-1m.json")" "$line" "$line_size"
printf 'text-48k: %s bytes in, mean %.3f s (target < 0.2 s), SVG %s bytes\n' \
    "$(wc -c <"$work/text-48k.json")" "$text" "$text_size"
python3 -c "import sys; l, s, t = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]); sys.exit(0 if l < 0.3 and s < 100_000 and t < 0.2 else 1)" \
    "$line" "$line_size" "$text"
