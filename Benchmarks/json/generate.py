#!/usr/bin/env python3
"""Writes the number-heavy chart inputs of the JSON number-parsing benchmark (json.dumps, as the daemon).

Usage: generate.py OUTDIR

  scatter-1m      the charts benchmark's 1,000,000-point scatter: 2,000,000 floats printed with
                  Python's shortest repr (mostly 16 and 17 significant digits)
  line-dates-1m   the charts benchmark's 1,000,000-point line: ISO date strings and 1,000,000 long floats
  line-short-1m   1,000,000 points of short decimals (x = 0.0, 1.0, ...; y rounded to 2 places),
                  the control case: every number fits the exact fast path, so strtod is rarely reached
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "charts"))
import generate as charts  # noqa: E402  (the charts benchmark's generators, so the inputs are the same)


def line_short(n):
    points = [[float(i), round(value, 2)] for i, value in charts.series(n, 4)]
    return {
        "type": "line", "title": "1M line, short decimals", "x_label": "i", "y_label": "value",
        "x_ticks": [0.0, float(n)], "x_tick_labels": ["0", str(n)], "x_scale": "linear",
        "y_ticks": [], "y_tick_labels": [], "y_scale": "linear",
        "elements": [{"label": "sensor", "points": points}],
    }


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    inputs = {
        "scatter-1m": lambda: charts.scatter(1_000_000),
        "line-dates-1m": lambda: charts.line_dates(1_000_000),
        "line-short-1m": lambda: line_short(1_000_000),
    }
    for name, make in inputs.items():
        path = os.path.join(out, name + ".json")
        if os.path.exists(path):
            continue
        with open(path, "w") as f:
            json.dump(make(), f)
        print(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
