#!/usr/bin/env python3
"""Writes the image benchmark recipes into a folder (stdlib only).

    make_recipes.py DEST

steps-10000.yaml   10,000 steps of every kind that needs no local file
pip-10000.yaml     one pip_install of 10,000 packages
steps-50000.yaml   50,000 steps (Python's string appends make this quadratic)
small-5.yaml       a typical 5-step recipe
"""
import json
import os
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


def main():
    dest = sys.argv[1]
    os.makedirs(dest, exist_ok=True)
    write(dest, "steps-10000.yaml", steps(10_000))
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
