#!/usr/bin/env python3
"""Writes the image benchmark recipes into a folder (stdlib only).

    make_recipes.py DEST

steps-10000.yaml   10,000 steps of every kind that needs no local file (JSON text)
steps-10000-block.yaml  the same recipe written as block YAML, the way people write recipes
pip-10000.yaml     one pip_install of 10,000 packages
steps-50000.yaml   50,000 steps (Python's string appends make this quadratic)
small-5.yaml       a typical 5-step recipe
"""
import json
import os
import re
import sys


def steps(count):
    kinds = [
        lambda i: {"run_commands": [f"echo step {i}", ["bash", "-c", f"echo 'again {i}'"]]},
        lambda i: {"env": {f"VAR_{i}": f"value {i}", f"OTHER_{i}": "x"}},
        lambda i: {"workdir": f"/srv/app {i}"},
        lambda i: {"pip_install": [f"pkg-{i}", f"Other_{i}>=1.{i}"], "index_url": "https://example.org/simple"},
        lambda i: {"entrypoint": ["/bin/sh", "-c", f"echo {i}"]},
        lambda i: {"cmd": [f"serve-{i}"]},
        lambda i: {"dockerfile_commands": [f"RUN echo raw {i}", f"LABEL n{i}=v"]},
    ]
    return [{"debian_slim": "3.12"}] + [kinds[i % len(kinds)](i) for i in range(count - 1)]


def write(dest, name, recipe_steps):
    # JSON is YAML, and both tools read it the same way.
    with open(os.path.join(dest, name), "w", encoding="utf-8") as f:
        json.dump({"steps": recipe_steps}, f, indent=1)


PLAIN = re.compile(r"[A-Za-z/][A-Za-z0-9_./-]*( [A-Za-z0-9_./-]+)*")
NOT_STRINGS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def scalar(text):
    """A string as a plain scalar where YAML reads it back as that string, else double-quoted."""
    if PLAIN.fullmatch(text) and text.lower() not in NOT_STRINGS:
        return text
    return json.dumps(text)


def flow(value):
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return scalar(value)


def write_block(dest, name, recipe_steps):
    lines = ["steps:"]
    for step in recipe_steps:
        for index, (key, value) in enumerate(step.items()):
            lead = "  - " if index == 0 else "    "
            if isinstance(value, dict) and index == 0:
                lines.append(f"{lead}{key}:")
                lines += [f"        {scalar(k)}: {flow(v)}" for k, v in value.items()]
            else:
                lines.append(f"{lead}{key}: {flow(value)}")
    with open(os.path.join(dest, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    dest = sys.argv[1]
    os.makedirs(dest, exist_ok=True)
    write(dest, "steps-10000.yaml", steps(10_000))
    write_block(dest, "steps-10000-block.yaml", steps(10_000))
    write(dest, "steps-50000.yaml", steps(50_000))
    packages = [f"package-{i:05d}[extra]>=1.{i % 97}" for i in range(10_000)]
    write(dest, "pip-10000.yaml", [{"debian_slim": "3.12"}, {"pip_install": packages, "pre": True}])
    write(dest, "small-5.yaml", [
        {"debian_slim": "3.12"},
        {"pip_install": ["requests", "pandas>=2"]},
        {"env": {"PROJECT_ROOT": "/home/daytona"}},
        {"workdir": "/home/daytona"},
        {"cmd": ["/bin/bash"]},
    ])


if __name__ == "__main__":
    main()
