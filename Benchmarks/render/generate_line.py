#!/usr/bin/env python3
"""Writes the render benchmark input: one line chart with a single 1,000,000-point random-walk series.

Stdlib only. The layout matches what the sandbox daemon sends (json.dumps of the chart dict).

Usage: generate_line.py OUT.json [POINTS]
"""
import json
import random
import sys


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(42)
    value = 0.0
    points = []
    for i in range(count):
        value += rng.gauss(0, 1)
        points.append([float(i), round(value, 6)])
    chart = {
        "type": "line",
        "title": f"{count:,} points",
        "x_label": "step",
        "y_label": "value",
        "x_ticks": [],
        "x_tick_labels": [],
        "x_scale": "linear",
        "y_ticks": [],
        "y_tick_labels": [],
        "y_scale": "linear",
        "elements": [{"label": "random walk", "points": points}],
        "png": None,
    }
    with open(out, "w") as f:
        json.dump(chart, f)


if __name__ == "__main__":
    main()
