#!/opt/venv-daytona/bin/python
"""The upload benchmark's Python side (run_uploads.sh drives it; the Swift side is
`ClientBenchmark snapshot-context`), with the Python SDK 0.226.1:

    python_uploads.py file|dir PATH NAME

One public call: daytona.snapshot.create(CreateSnapshotParams(name=NAME, image=
Image.base("alpine").add_local_file(PATH, "/data/big.bin")   (file)
                    .add_local_dir(PATH, "/data/ctx")        (dir)
)). Printed (one JSON line): wall of the whole create call, its user/sys CPU, and the parts of
the SDK's ObjectStorage.upload, timed by wrapping its methods: hash (_compute_hash_for_path_md5),
head (_file_exists_in_s3), upload (_upload_as_tar: tar thread + obstore's multipart put), and
context (ObjectStorage.upload as a whole: hash + HEAD + upload); already_uploaded is True when
the HEAD found the object, so nothing was sent.

The SDK's uploader, obstore's S3Store, refuses an http:// endpoint unless its client options
say allow_http, which the SDK does not expose. This program adds {"allow_http": True} to the
client options at run time (S3Store is wrapped in daytona._sync.object_storage's namespace,
nothing is written to the venv); nothing else about the SDK's calls changes.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def usage() -> tuple[float, float, int]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime, r.ru_maxrss


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[0] not in ("file", "dir"):
        raise SystemExit(__doc__)
    kind, path, name = argv[0], argv[1], argv[2]

    from daytona import CreateSnapshotParams, Daytona, DaytonaConfig, Image
    import daytona._sync.object_storage as object_storage

    original_store = object_storage.S3Store

    def store_allowing_http(*args, client_options=None, **kwargs):
        options = dict(client_options or {})
        options["allow_http"] = True
        return original_store(*args, client_options=options, **kwargs)

    object_storage.S3Store = store_allowing_http

    timings: dict[str, float] = {}
    seen: dict[str, object] = {}

    def timed(method_name: str, label: str):
        method = getattr(object_storage.ObjectStorage, method_name)

        def wrapper(self, *args, **kwargs):
            start = time.monotonic()
            try:
                result = method(self, *args, **kwargs)
            finally:
                timings[label] = timings.get(label, 0.0) + time.monotonic() - start
            if label == "head":
                seen["already_uploaded"] = bool(result)
                seen["key"] = args[0]
            if label == "hash":
                seen["hash"] = result
            return result

        setattr(object_storage.ObjectStorage, method_name, wrapper)

    timed("_compute_hash_for_path_md5", "hash")
    timed("_file_exists_in_s3", "head")
    timed("_upload_as_tar", "upload")
    timed("upload", "context")

    daytona = Daytona(DaytonaConfig(api_key=os.environ["DAYTONA_API_KEY"], api_url=os.environ["DAYTONA_API_URL"]))
    image = (Image.base("alpine").add_local_file(path, "/data/big.bin") if kind == "file"
             else Image.base("alpine").add_local_dir(path, "/data/ctx"))
    before, start = usage(), time.monotonic()
    snapshot = daytona.snapshot.create(CreateSnapshotParams(name=name, image=image))
    wall = time.monotonic() - start
    after = usage()
    state = getattr(snapshot.state, "value", snapshot.state)
    if state != "active":
        raise SystemExit(f"snapshot {name} is {state}")
    print(json.dumps({
        "tool": "python", "job": "snapshot-context", "kind": kind, "wall": round(wall, 6),
        "user": round(after[0] - before[0], 6), "sys": round(after[1] - before[1], 6), "maxrss_kib": after[2],
        "hash_s": round(timings.get("hash", 0.0), 6), "head_s": round(timings.get("head", 0.0), 6),
        "upload_s": round(timings.get("upload", 0.0), 6) if "upload" in timings else None,
        "context_s": round(timings.get("context", 0.0), 6),
        "already_uploaded": seen.get("already_uploaded"), "hash": seen.get("hash"), "key": seen.get("key"),
    }, sort_keys=True), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
