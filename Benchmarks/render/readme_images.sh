#!/usr/bin/env bash
# Regenerates the README's rendering pictures (docs/images/render-*.svg) from the test fixtures.
#
# Usage: Benchmarks/render/readme_images.sh [DAYTONA_SWIFT]   (default: .build/debug/daytona-swift)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-"$root/.build/debug/daytona-swift"}
inputs="$root/Tests/DaytonaChartsTests/Fixtures/charts/inputs"
figures="$root/Tests/DaytonaChartsTests/Fixtures/figures"
out="$root/docs/images"

render() { "$bin" chart render "$1" -o "$out/$2.svg" --width "$3" --height "$4" >/dev/null; }

render "$inputs/line-multi.json" render-line 640 400
render "$inputs/bar-grouped.json" render-bar 640 400
render "$inputs/composite-2x2.json" render-composite 800 500
render "$figures/offset-million.json" render-offset 640 400
render "$figures/mathtext.json" render-mathtext 640 400
render "$figures/fifty-series.json" render-legend 640 400
render "$figures/categories-long.json" render-categories 640 400
render "$figures/pie-browsers.json" render-pie 640 400
render "$figures/long-title.json" render-long-title 640 400
echo "wrote $(ls "$out"/render-*.svg | wc -l) pictures to $out" >&2
