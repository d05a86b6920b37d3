#!/usr/bin/env python3
"""Writes Tests/DaytonaTests/Fixtures/contexts/python-hashes.json with the Python SDK.

Usage: PYTHON_WITH_DAYTONA_SDK make_python_fixtures.py OUT.json

Builds small trees on disk, records the order in which this file system listed every folder,
and records the MD5 that ObjectStorage._compute_hash_for_path_md5 gives for each context (or
that it failed). The Swift tests replay the listing orders through an in-memory file system, so
the recorded values stay valid on any machine.
"""
import base64
import json
import os
import sys
import tempfile

from daytona._sync.object_storage import ObjectStorage

TREES = {
    "mixed": [
        {"path": "app/main.py", "type": "file", "text": "print('hi')\n"},
        {"path": "app/pkg/__init__.py", "type": "file", "text": ""},
        {"path": "app/pkg/mod.py", "type": "file", "text": "x = 1\n"},
        {"path": "app/pkg/sub/data.json", "type": "file", "text": "{\"a\": 1}\n"},
        {"path": "app/empty", "type": "dir"},
        {"path": "app/deep/er/est", "type": "dir"},
        {"path": "app/link-to-file", "type": "symlink", "target": "main.py"},
        {"path": "app/link-to-dir", "type": "symlink", "target": "pkg"},
        {"path": "app/notes \u00e9.txt", "type": "file", "text": "caf\u00e9"},
        {"path": "app/notes e\u0301.txt", "type": "file", "text": "cafe\u0301"},
        {"path": "app/emoji \U0001F389.bin", "type": "file", "base64": base64.b64encode(bytes(range(256))).decode()},
        {"path": "app/only-link/inner", "type": "symlink", "target": "../pkg"},
        {"path": "app/space name/tab\tname", "type": "file", "text": "t\n"},
        {"path": "dangling", "type": "symlink", "target": "nowhere"},
        {"path": "big.bin", "type": "file", "base64": base64.b64encode(bytes((i * 7) % 251 for i in range(70000))).decode()},
    ],
    "broken": [
        {"path": "bad/ok.txt", "type": "file", "text": "ok\n"},
        {"path": "bad/gone", "type": "symlink", "target": "missing.txt"},
    ],
}

CONTEXTS = {
    "mixed": [
        ("app", "app"),
        ("app", "@ROOTREL@/app"),
        ("app/main.py", "app/main.py"),
        ("app/link-to-file", "x/y"),
        ("app/link-to-dir", "ld"),
        ("app/empty", "e"),
        ("app/deep", "deep"),
        ("./app/pkg/../pkg", "pkg"),
        ("app/pkg/", None),
        ("missing", "missing"),
        ("dangling", "dangling"),
        ("big.bin", "big.bin"),
        ("app/only-link", "ol"),
    ],
    "broken": [("bad", "bad"), ("bad/ok.txt", "bad/ok.txt")],
}


def build(root, entries):
    for entry in entries:
        path = os.path.join(root, entry["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if entry["type"] == "dir":
            os.makedirs(path, exist_ok=True)
        elif entry["type"] == "symlink":
            os.symlink(entry["target"], path)
        elif "base64" in entry:
            open(path, "wb").write(base64.b64decode(entry["base64"]))
        else:
            open(path, "wb").write(entry["text"].encode())


def main():
    storage = ObjectStorage.__new__(ObjectStorage)
    target = os.path.abspath(sys.argv[1])
    out = []
    for name, entries in TREES.items():
        root = tempfile.mkdtemp(prefix="fixture-")
        build(root, entries)
        listings = {}
        for folder, dirs, files in os.walk(root):
            rel = os.path.relpath(folder, root)
            listings["" if rel == "." else rel] = os.listdir(folder)
        os.chdir(root)
        contexts = []
        for source, archive in CONTEXTS[name]:
            archive_path = archive.replace("@ROOTREL@", "fixture") if archive else None
            try:
                md5 = storage._compute_hash_for_path_md5(source, archive_path)
            except OSError:
                md5 = None
            contexts.append({"source_path": source, "archive_path": archive_path, "md5": md5})
        out.append({"name": name, "entries": entries, "listings": listings, "contexts": contexts})
    json.dump(out, open(target, "w"), indent=1, ensure_ascii=False)
    print(sys.argv[1])


if __name__ == "__main__":
    main()
