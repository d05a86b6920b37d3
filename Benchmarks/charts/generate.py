#!/usr/bin/env python3
"""Writes the chart benchmark inputs the way the seed-era daemon sends them (json.dumps, NaN tokens).

Usage: generate.py OUTDIR
"""
import datetime
import json
import math
import os
import random
import sys


def series(count, seed):
    rng = random.Random(seed)
    value = 0.0
    for i in range(count):
        value += rng.gauss(0, 1)
        yield i, value


def scatter(n):
    rng = random.Random(1)
    points = [[rng.uniform(-100, 100), rng.gauss(0, 25)] for _ in range(n)]
    return {
        "type": "scatter", "title": "1M scatter", "png": None,
        "x_label": "x", "y_label": "y",
        "x_ticks": [-100.0, -50.0, 0.0, 50.0, 100.0], "x_tick_labels": ["-100", "-50", "0", "50", "100"],
        "x_scale": "linear",
        "y_ticks": [-100.0, 0.0, 100.0], "y_tick_labels": ["-100", "0", "100"], "y_scale": "linear",
        "elements": [{"label": "samples", "points": points}],
    }


def line_dates(n):
    start = datetime.datetime(2020, 1, 1)
    points = []
    for i, value in series(n, 2):
        stamp = (start + datetime.timedelta(minutes=i)).isoformat()
        points.append([stamp, value if i % 9973 else math.nan])
    return {
        "type": "line", "title": "1M line, ISO dates", "x_label": "time", "y_label": "value",
        "x_ticks": [points[0][0], points[-1][0]], "x_tick_labels": ["start", "end"], "x_scale": "datetime",
        "y_ticks": [], "y_tick_labels": [], "y_scale": "linear",
        "elements": [{"label": "sensor", "points": points}],
    }


def bars(n):
    rng = random.Random(3)
    return {
        "type": "bar", "title": "100k bars", "x_label": "item", "y_label": "count",
        "elements": [
            {"label": f"item-{i}", "group": f"g{i % 7}", "value": rng.choice([rng.randint(0, 1000), rng.random() * 1000])}
            for i in range(n)
        ],
    }


def composite(subplots, n):
    charts = []
    for k in range(subplots):
        points = [[float(i), value] for i, value in series(n, 10 + k)]
        charts.append({
            "type": "line" if k % 2 else "scatter", "title": f"subplot {k}", "x_label": "i", "y_label": "v",
            "x_ticks": [0.0, float(n)], "x_tick_labels": ["0", str(n)], "x_scale": "linear",
            "y_ticks": [], "y_tick_labels": [], "y_scale": "linear",
            "elements": [{"label": f"s{k}", "points": points}],
        })
    return {"type": "composite_chart", "title": f"{subplots} x {n}", "elements": charts}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    inputs = {
        "scatter-1m": lambda: scatter(1_000_000),
        "line-dates-1m": lambda: line_dates(1_000_000),
        "bar-100k": lambda: bars(100_000),
        "composite-16x50k": lambda: composite(16, 50_000),
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
