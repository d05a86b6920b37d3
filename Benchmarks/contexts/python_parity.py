#!/usr/bin/env python3
"""Compares `daytona-swift image contexts --hash python` with the Python SDK, on this machine.

Usage: PYTHON_WITH_DAYTONA_SDK python_parity.py BINARY

Builds the conformance fixture tree in a fresh temporary folder and, for every case the tool
accepts, computes each context's hash with the Python SDK's own
ObjectStorage._compute_hash_for_path_md5 (working directory = the recipe's folder, as the
contract says), including the folder walks whose values the vectors cannot record (they depend
on the order this file system lists folders). Prints mismatches and a summary; exit 1 on any.
"""
import json
import os
import subprocess
import sys
import tempfile

from daytona._sync.object_storage import ObjectStorage

HERE = os.path.dirname(os.path.abspath(__file__))
CONFORMANCE = os.environ.get("DAYTONA_CONFORMANCE", os.path.join(HERE, "../../../shared/conformance"))
if not os.path.isdir(CONFORMANCE):
    CONFORMANCE = "/work/shared/conformance"


def main():
    binary = os.path.abspath(sys.argv[1])
    cases = json.load(open(os.path.join(CONFORMANCE, "image/cases.json")))
    storage = ObjectStorage.__new__(ObjectStorage)
    root = tempfile.mkdtemp(prefix="parity-")
    subprocess.run([sys.executable, os.path.join(CONFORMANCE, "mktree.py"), root], check=True,
                   stdout=subprocess.DEVNULL)
    env = dict(os.environ, HOME=os.path.join(root, "home"))
    checked = mismatched = 0
    for case in cases:
        if case["expect"] not in ("ok", "hash_error"):
            continue
        recipe = os.path.join(root, case["recipe_path"])
        run = subprocess.run([binary, "image", "contexts", recipe, "--hash", "python"], cwd=root, env=env,
                             capture_output=True)
        contexts = json.loads(subprocess.run([binary, "image", "contexts", recipe], cwd=root, env=env,
                                             capture_output=True, check=True).stdout)
        folder = os.path.dirname(recipe)
        os.chdir(folder)
        try:
            want = [storage._compute_hash_for_path_md5(c["source_path"], c["archive_path"]) for c in contexts]
        except OSError:
            want = None
        finally:
            os.chdir(root)
        if want is None:
            ok = run.returncode != 0 and run.stdout == b""
        else:
            ok = run.returncode == 0 and [c["hash"] for c in json.loads(run.stdout)] == want
        checked += 1
        if not ok:
            mismatched += 1
            print("MISMATCH", case["name"], run.stderr.decode()[:200])
    print(f"python parity: {checked - mismatched}/{checked} cases match the Python SDK on this machine")
    sys.exit(1 if mismatched else 0)


if __name__ == "__main__":
    main()
