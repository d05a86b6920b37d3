#!/usr/bin/env bash
# Image benchmark: whole process, recipe in, Dockerfile out, daytona-swift (release) side by
# side with the Python SDK 0.226.1. Prints hyperfine's table and the ratios.
#
#   Benchmarks/image/run.sh [--with-quadratic]
#
# --with-quadratic also times the Python SDK on the 50,000-step recipe (over a minute).
# Needs: hyperfine (apt-get install hyperfine), python3 with venv; makes its own venv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=${BENCH_DIR:-/tmp/daytona-image-bench}
venv=${DAYTONA_PYTHON_VENV:-$work/venv}
mkdir -p "$work"

command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q daytona==0.226.1
fi
(cd "$top" && swift build -c release --product daytona-swift >&2)
swift_bin="$top/.build/release/daytona-swift"
python3 "$here/make_recipes.py" "$work/recipes"

# steps-10000-block: the same 10,000 steps as block YAML for daytona-swift; the Python side
# reads the JSON form (the SDK has no recipe reader; its json.load is the fast path it has).
for recipe in small-5 pip-10000 steps-10000 steps-10000-block steps-50000; do
    file="$work/recipes/$recipe.yaml"
    python_file="$file"
    [ "$recipe" = steps-10000-block ] && python_file="$work/recipes/steps-10000.yaml"
    "$swift_bin" image dockerfile "$file" >"$work/$recipe.swift.txt"
    if [ "$recipe" != steps-50000 ] || [ "${1:-}" = --with-quadratic ]; then
        "$venv/bin/python" "$here/python_dockerfile.py" "$python_file" >"$work/$recipe.python.txt"
        cmp -s "$work/$recipe.swift.txt" "$work/$recipe.python.txt" || { echo "$recipe: outputs differ" >&2; exit 1; }
        hyperfine -N -w 2 -r "${RUNS:-10}" --export-json "$work/$recipe.json" \
            -n swift "$swift_bin image dockerfile $file" \
            -n python "$venv/bin/python $here/python_dockerfile.py $python_file" >&2
    else
        hyperfine -N -w 2 -r "${RUNS:-10}" --export-json "$work/$recipe.json" \
            -n swift "$swift_bin image dockerfile $file" >&2
    fi
done

python3 - "$work" <<'PY'
import json, sys, os
work = sys.argv[1]
print(f"{'recipe':18s} {'swift (ms)':>11s} {'python (ms)':>12s} {'ratio':>7s}")
for recipe in ("small-5", "pip-10000", "steps-10000", "steps-10000-block", "steps-50000"):
    results = {r["command"]: r for r in json.load(open(os.path.join(work, recipe + ".json")))["results"]}
    s = results["swift"]["mean"] * 1000
    p = results.get("python", {}).get("mean")
    if p is None:
        print(f"{recipe:18s} {s:11.1f} {'-':>12s} {'-':>7s}")
    else:
        print(f"{recipe:18s} {s:11.1f} {p * 1000:12.1f} {p * 1000 / s:6.1f}x")
PY
