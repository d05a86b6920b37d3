#!/usr/bin/env python3
"""Writes the rendering test figures: matplotlib figures through the seed-era extractor, and hand-made
metadata in the current daemon's form (no tick fields).

The extractor is the one the Python SDK 0.166.0 runs in the sandbox (its `PYTHON_CODE_WRAPPER`); it is
loaded from the installed package, so the metadata is exactly what users get. The PNG is dropped:
the renderer draws from the vectors.

    python3 -m venv /opt/venv-charts && /opt/venv-charts/bin/pip install daytona==0.166.0 matplotlib
    /opt/venv-charts/bin/python Tests/DaytonaChartsTests/Fixtures/figures/make_figures.py

Tests read the JSON files only; they do not need matplotlib.
"""

import base64
import contextlib
import datetime
import io
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from daytona.code_toolbox import sandbox_python_code_toolbox as toolbox  # noqa: E402
from PIL import Image  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MARKER = "dtn_artifact_k39fd2:"


def load_extractor():
    source = base64.b64decode(toolbox.PYTHON_CODE_WRAPPER.encode()).decode()
    namespace = {"__name__": "daytona_extractor"}
    exec(compile(source, "extractor", "exec"), namespace)  # noqa: S102 - the SDK's own code
    namespace.update(np=np, mpl=matplotlib, pil_img=Image)
    return namespace["extract_and_print_figure_metadata"]


EXTRACT = load_extractor()


def metadata(fig):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        EXTRACT(fig)
    plt.close(fig)
    line = next(line for line in out.getvalue().splitlines() if line.startswith(MARKER))
    value = json.loads(line[len(MARKER):])["value"]

    def strip(chart):
        chart.pop("png", None)
        for child in chart.get("elements") or []:
            if isinstance(child, dict) and "type" in child:
                strip(child)
        return chart

    return strip(value)


FIGURES = {}


def figure(name):
    def register(make):
        FIGURES[name] = make
        return make

    return register


def line_figure(xs, ys, title="", xlabel="", ylabel="", label=None):
    fig, ax = plt.subplots()
    ax.plot(xs, ys, label=label)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


@figure("offset-million")
def _():
    x = np.arange(9)
    return line_figure(x, 1_000_000 + x * 0.01, "Near a million", "step", "value")


@figure("multiplier-nano")
def _():
    x = np.arange(8)
    return line_figure(x, 0.9e-9 + x * 0.025e-9, "Near 1e-9", "step", "seconds")


@figure("offset-negative")
def _():
    x = np.linspace(0, 1, 11)
    return line_figure(x, -2_000_000 - x * 0.5, "Below minus two million", "", "")


@figure("huge-values")
def _():
    x = np.arange(6)
    return line_figure(x, np.array([1, 3, 2, 5, 4, 6]) * 1e12, "Huge values")


@figure("tiny-values")
def _():
    x = np.arange(6)
    return line_figure(x, np.array([1, -3, 2, -5, 4, 6]) * 1e-7, "Tiny values")


@figure("offset-x-scatter")
def _():
    fig, ax = plt.subplots()
    x = 1_700_000_000 + np.arange(10) * 3.0
    ax.scatter(x, np.arange(10) ** 2)
    ax.set_title("Timestamps as numbers")
    return fig


@figure("barh-labels")
def _():
    fig, ax = plt.subplots()
    ax.barh(["alpha", "beta", "gamma"], [5, 3, 8])
    ax.set_xlabel("amount (kg)")
    ax.set_ylabel("name")
    ax.set_title("Horizontal bars")
    return fig


@figure("bar-labels")
def _():
    fig, ax = plt.subplots()
    ax.bar(["alpha", "beta", "gamma"], [5, 3, 8])
    ax.set_xlabel("name")
    ax.set_ylabel("amount (kg)")
    return fig


@figure("log-decades")
def _():
    fig, ax = plt.subplots()
    x = np.arange(7)
    ax.semilogy(x, [0.5, 20, 300, 4000, 50000, 600000, 2000000])
    ax.set_title("Log axis")
    return fig


@figure("long-title")
def _():
    x = np.arange(5)
    return line_figure(
        x,
        x**2,
        "Quarterly revenue by region and product line, adjusted for inflation and currency effects (2019–2024)",
        "A rather long label for the horizontal axis that goes on and on and on and on and on",
        "Another long label for the vertical axis that goes on",
    )


@figure("mathtext")
def _():
    fig, ax = plt.subplots()
    t = np.linspace(0, 2 * np.pi, 50)
    ax.plot(t, np.sin(t) ** 2, label=r"$\sin^2\theta$")
    ax.plot(t, np.cos(t) / 2, label=r"$\frac{1}{2}\cos\theta$")
    ax.plot(t, t / 10, label=r"$\alpha_i \cdot \mathrm{rate}$")
    ax.set_title(r"Waves: $\Delta\phi = \pi/2$, $x_{n+1} = x_n^2$")
    ax.set_xlabel(r"$\theta$ (rad)")
    ax.set_ylabel(r"$\mu$ [$\mathrm{m\,s^{-1}}$]")
    ax.legend()
    return fig


@figure("fifty-series")
def _():
    fig, ax = plt.subplots()
    x = np.arange(20)
    for i in range(50):
        ax.plot(x, np.sin(x / 3 + i / 5) + i / 10, label=f"series {i + 1}")
    ax.legend(title="Runs")
    ax.set_title("Fifty series")
    return fig


@figure("legend-over-data")
def _():
    fig, ax = plt.subplots()
    x = np.linspace(0, 10, 200)
    ax.plot(x, np.sin(x) * 5 + 5, label="first wave")
    ax.plot(x, np.cos(x) * 5 + 5, label="second wave")
    ax.plot(x, 10 - x, label="falling line")
    ax.plot(x, x, label="rising line")
    ax.legend()
    return fig


@figure("categories-long")
def _():
    fig, ax = plt.subplots()
    names = [f"Department of {word} affairs" for word in (
        "agricultural", "budgetary", "cultural", "diplomatic", "economic", "financial", "governmental",
        "historical", "industrial", "judicial", "knowledge", "legislative", "maritime", "national",
        "operational", "parliamentary", "quality", "regional", "social", "technical")]
    ax.bar(names, np.arange(20) + 1)
    ax.set_title("Twenty long categories")
    return fig


@figure("dates-crowded")
def _():
    fig, ax = plt.subplots()
    # Day numbers, as the extractor only turns dates into text when the point itself is one.
    days = matplotlib.dates.date2num([datetime.datetime(2024, 1, 1) + datetime.timedelta(days=i) for i in range(40)])
    ax.plot(days, np.arange(40) % 7)
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m-%d"))
    ax.set_xticks(days[::2])
    ax.set_title("Forty days")
    return fig


@figure("pie-browsers")
def _():
    fig, ax = plt.subplots()
    ax.pie([65, 18, 9, 5, 3], labels=["Chrome", "Safari", "Edge", "Firefox", "Other"], autopct="%1.1f%%")
    ax.set_title("Browser share")
    return fig


@figure("pie-autopct-only")
def _():
    fig, ax = plt.subplots()
    ax.pie([1, 2, 3, 4], autopct="%.0f%%")
    return fig


@figure("composite-mixed")
def _():
    fig, axes = plt.subplots(2, 2)
    axes[0][0].plot(np.arange(5), 1_000_000 + np.arange(5) * 0.02)
    axes[0][0].set_title(r"offset $\sigma$")
    axes[0][1].barh(["one", "two"], [3, 4])
    axes[0][1].set_xlabel("count")
    axes[1][0].semilogy(np.arange(4), [3, 30, 300, 3000])
    axes[1][1].plot(np.arange(4), np.arange(4) * 1e-9, label="tiny")
    axes[1][1].legend()
    fig.suptitle("Mixed panels")
    return fig


@figure("box-horizontal-labels")
def _():
    fig, ax = plt.subplots()
    rng = np.random.default_rng(3)
    ax.boxplot(
        [rng.normal(0, 1, 50), rng.normal(2, 1, 50)],
        orientation="horizontal",
        tick_labels=["first", "second"],
        patch_artist=True,
    )
    ax.set_xlabel("measure")
    ax.set_ylabel("group")
    return fig


# The current daemon's form: no tick fields; the renderer computes every tick itself.
HAND_MADE = {
    "daemon-quarter-steps": {
        "type": "line",
        "title": "Computed ticks",
        "elements": [{"label": "s", "points": [[-2.5, 1.25], [0, 1.5], [7.5, 2.75], [8, 1.0]]}],
    },
    "daemon-million": {
        "type": "line",
        "elements": [{"label": "s", "points": [[0, 1000000.0], [1, 1000000.03], [2, 1000000.08]]}],
    },
    "daemon-nano": {
        "type": "scatter",
        "elements": [{"label": "s", "points": [[1e-9, 0.9e-9], [2e-9, 1.075e-9], [3e-9, 1e-9]]}],
    },
    # A legend title as a producer that knows it would send it (the seed-era extractor drops it).
    "daemon-legend-title": {
        "type": "line",
        "legend_title": "Runs (n = 3)",
        "elements": [
            {"label": name, "points": [[0, i], [1, i + 1], [2, i + 0.5]]} for i, name in enumerate(["a", "b", "c"])
        ],
    },
    "daemon-hbar": {
        "type": "bar",
        "x_label": "team",
        "y_label": "points",
        "y_scale": "categorical",
        "elements": [{"label": "red", "value": 12.5}, {"label": "blue", "value": 7.25}],
    },
}


# Hostile charts: what sandbox code could send on purpose.
HOSTILE = {
    "hostile-many-categories": {
        "type": "bar",
        "title": "Five hundred bars",
        "elements": [{"label": f"category with a long name {i}", "value": (i * 37) % 101 - 50} for i in range(500)],
    },
    "hostile-mathtext": {
        "type": "line",
        "title": r"$\frac{1}{$ and $}}{{$ and $\sqrt$ and $x^$ and $$ and $\$ $",
        "x_label": r"$" + "{" * 200 + "x" + "}" * 200 + "$",
        "y_label": r"$\alpha\beta\gamma^{\delta_{\epsilon^{\zeta}}}\notacommand$ and \$5",
        "elements": [
            {"label": r"$\mathrm{}$", "points": [[0, 1], [1, 2]]},
            {"label": r"$a_{b_{c_{d}}}^{e^{f}}$ ends with a backslash \\", "points": [[0, 2], [1, 1]]},
        ],
    },
    "hostile-unicode": {
        "type": "bar",
        "title": "Ventes 2024 — 売上 📈 مبيعات עברית e\u0301\u0301\u0301 \u200b\u200b zero-width",
        "x_label": "\U0001F600" * 200,
        "y_label": "\u0645\u0631\u062d\u0628\u0627" * 50,
        "elements": [
            {"label": "漢字" * 30, "value": 3},
            {"label": "\u202etxet desrever", "value": 5},
            {"label": "tab\tand\nnewline", "value": -2},
        ],
    },
    "hostile-values": {
        "type": "scatter",
        "title": "Extremes",
        "elements": [
            {"label": "big", "points": [[-1.7976931348623157e308, 5e-324], [1.7976931348623157e308, -5e-324], [0, -0.0]]},
            {"label": "tiny", "points": [[1e-300, 1e-300], [2e-300, 3e-300]]},
        ],
    },
    "hostile-legend": {
        "type": "line",
        "elements": [
            {"label": f"series {i} " + "W" * 300, "points": [[0, i], [1, i * 2 % 7]]} for i in range(200)
        ],
    },
    "hostile-ticks": {
        "type": "line",
        "x_ticks": [0, 1, 2, 3, 1e300, -1e300],
        "x_tick_labels": ["0", "1", "2", "3", "huge", "−huge"],
        "y_ticks": [0.1, 0.2, 0.3],
        "y_tick_labels": ["$\\mathdefault{1}$", "2", "3" * 5000],
        "x_scale": "linear",
        "y_scale": "linear",
        "elements": [{"label": "s", "points": [[0, 0.1], [3, 0.3]]}],
    },
}


def main():
    for name, make in FIGURES.items():
        chart = metadata(make())
        with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as handle:
            json.dump(chart, handle, ensure_ascii=False, allow_nan=True)
            handle.write("\n")
    for name, chart in {**HAND_MADE, **HOSTILE}.items():
        with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as handle:
            json.dump(chart, handle, ensure_ascii=False)
            handle.write("\n")
    print(f"wrote {len(FIGURES) + len(HAND_MADE) + len(HOSTILE)} figures to {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()
