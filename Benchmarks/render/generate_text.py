#!/usr/bin/env python3
"""Writes the text benchmark input: a bar chart whose title, axis labels, group names and category
labels are each 48,000 characters, as hostile sandbox code could make them.

Stdlib only. Usage: generate_text.py OUT.json [CHARACTERS]
"""
import json
import sys


def text(seed, count):
    words = [f"{seed}{i % 97}" for i in range(count)]
    return " ".join(words)[:count]


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 48_000
    chart = {
        "type": "bar",
        "title": text("Title", count),
        "x_label": text("x", count),
        "y_label": "$" + text(r"\alpha^", count - 2) + "$",
        "elements": [
            {"label": text(f"category{c}-", count), "group": text(f"group{g}-", count), "value": c + g}
            for c in range(4)
            for g in range(2)
        ],
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(chart, handle)


if __name__ == "__main__":
    main()
