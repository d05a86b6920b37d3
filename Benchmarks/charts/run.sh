#!/usr/bin/env bash
# Times `daytona-swift chart normalize` (release build) against the seed-era Python path
# (json.loads, parse_chart, to_dict, json.dumps with daytona==0.166.0) on four large charts,
# and reports wall time and peak memory (max RSS from /usr/bin/time -v) of each.
#
# Usage: Benchmarks/charts/run.sh            (from anywhere; run it by hand, not in CI)
# Environment:
#   CHART_BENCH_DIR     where inputs and outputs go (default /tmp/daytona-chart-bench)
#   CHART_BENCH_PYTHON  a python with daytona==0.166.0 (default /tmp/venv-chart/bin/python,
#                       else a venv the script creates in CHART_BENCH_DIR)
#   CHART_BENCH_RUNS    runs per tool and input; the fastest counts (default 3)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${CHART_BENCH_DIR:-/tmp/daytona-chart-bench}"
runs="${CHART_BENCH_RUNS:-3}"
mkdir -p "$out"

if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time (apt-get install time)" >&2
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

python="${CHART_BENCH_PYTHON:-/tmp/venv-chart/bin/python}"
if ! "$python" -c 'import daytona.common.charts' 2>/dev/null; then
    echo "creating $out/venv with daytona==0.166.0" >&2
    python3 -m venv "$out/venv"
    "$out/venv/bin/pip" install --quiet 'daytona==0.166.0'
    python="$out/venv/bin/python"
fi

echo "building daytona-swift (release)" >&2
(cd "$root" && swift build -c release --product daytona-swift >&2)
tool="$root/.build/release/daytona-swift"

python3 "$here/generate.py" "$out/inputs"

# measure TOOL-NAME INPUT -> "wall_s cpu_s max_rss_kb", each the best of $runs runs.
# CPU time (user + system) is reported too because wall time swings when other work shares the machine.
measure() {
    local name="$1" input="$2" best_s="" best_cpu="" best_kb=""
    for _ in $(seq "$runs"); do
        if [[ "$name" == swift ]]; then
            /usr/bin/time -v -o "$out/time.txt" "$tool" chart normalize "$input" >"$out/swift.out"
        else
            /usr/bin/time -v -o "$out/time.txt" "$python" "$here/python_normalize.py" "$input" >"$out/python.out" 2>/dev/null
        fi
        local s cpu kb
        s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); t = 0; for (i = 1; i <= n; i++) t = t * 60 + p[i]; print t}' "$out/time.txt")
        cpu=$(awk -F': ' '/User time|System time/ {t += $2} END {print t}' "$out/time.txt")
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
        if [[ -z "$best_s" ]] || awk "BEGIN {exit !($s < $best_s)}"; then best_s="$s"; fi
        if [[ -z "$best_cpu" ]] || awk "BEGIN {exit !($cpu < $best_cpu)}"; then best_cpu="$cpu"; fi
        if [[ -z "$best_kb" ]] || (( kb < best_kb )); then best_kb="$kb"; fi
    done
    echo "$best_s $best_cpu $best_kb"
}

printf '%-18s %8s %8s %7s %8s %8s %7s %9s %9s %5s %s\n' \
    input py_wall sw_wall speedup py_cpu sw_cpu speedup py_MB sw_MB mem out
total_py=0 total_sw=0 total_pyc=0 total_swc=0
for name in scatter-1m line-dates-1m bar-100k composite-16x50k; do
    input="$out/inputs/$name.json"
    read -r py_s py_c py_kb < <(measure python "$input")
    read -r sw_s sw_c sw_kb < <(measure swift "$input")
    # Outputs must agree by value; composites differ on purpose (C1: sub-charts keep their fields).
    if [[ "$name" == composite-* ]]; then
        same="C1"
    elif python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
        "$out/python.out" "$out/swift.out"; then
        same="same"
    else
        same="DIFFERENT"
    fi
    total_py=$(awk "BEGIN {print $total_py + $py_s}")
    total_sw=$(awk "BEGIN {print $total_sw + $sw_s}")
    total_pyc=$(awk "BEGIN {print $total_pyc + $py_c}")
    total_swc=$(awk "BEGIN {print $total_swc + $sw_c}")
    awk -v n="$name" -v ps="$py_s" -v ss="$sw_s" -v pc="$py_c" -v sc="$sw_c" -v pk="$py_kb" -v sk="$sw_kb" -v same="$same" 'BEGIN {
        printf "%-18s %8.2f %8.2f %6.1fx %8.2f %8.2f %6.1fx %9.1f %9.1f %4.0f%% %s\n",
            n, ps, ss, ps / ss, pc, sc, pc / sc, pk / 1024, sk / 1024, 100 * sk / pk, same
    }'
done
awk -v p="$total_py" -v s="$total_sw" -v pc="$total_pyc" -v sc="$total_swc" 'BEGIN {
    printf "%-18s %8.2f %8.2f %6.1fx %8.2f %8.2f %6.1fx\n", "all four", p, s, p / s, pc, sc, pc / sc
}'
