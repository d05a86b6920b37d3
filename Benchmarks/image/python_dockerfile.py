#!/usr/bin/env python3
"""The Python SDK's side of the image benchmark: recipe in, Dockerfile out.

    python_dockerfile.py RECIPE     # prints Image.dockerfile() for the recipe's steps

Maps each step to the Python SDK call of the same name (the contract in
shared/docs/recipe-and-cli.md), for the step kinds the benchmark recipes use.
"""
import json
import os
import sys

from daytona import Image


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        steps = json.load(f)["steps"]
    os.chdir(os.path.dirname(os.path.abspath(path)))
    first = steps[0]
    image = Image.debian_slim(first["debian_slim"])
    for step in steps[1:]:
        method, argument = next(iter(step.items()))
        keywords = {k: v for k, v in step.items() if k != method}
        if method in ("pip_install", "run_commands"):
            items = argument if isinstance(argument, list) else [argument]
            image = getattr(image, method)(*items, **keywords)
        else:
            image = getattr(image, method)(argument, **keywords)
    sys.stdout.write(image.dockerfile())


if __name__ == "__main__":
    main()
