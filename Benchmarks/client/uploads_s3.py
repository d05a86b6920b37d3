#!/usr/bin/env python3
"""boto3 helpers for run_uploads.sh, with the credentials of moto_fixture.py's IAM user (signed
requests; moto checks them). SETUP is the fixture's JSON line (a file).

    uploads_s3.py SETUP reset              delete every object and abort every multipart upload
    uploads_s3.py SETUP list               JSON: [{"key", "size"}, ...]
    uploads_s3.py SETUP check KEY file|dir PATH ARCHIVE_PATH
        streams the object through tarfile ("r|") and checks that its members are exactly the
        context: for a file, one member ARCHIVE_PATH with the file's bytes; for a folder, the
        folder ARCHIVE_PATH, its sub-folders, and every file under PATH at ARCHIVE_PATH/REL with
        the same bytes (SHA-256). Prints a JSON summary; exits 1 on any difference.
"""

import hashlib
import json
import os
import sys
import tarfile

import boto3
from botocore.config import Config


def s3(setup):
    return boto3.client(
        "s3", endpoint_url=setup["endpoint"], region_name=setup["region"],
        aws_access_key_id=setup["user"]["accessKeyID"], aws_secret_access_key=setup["user"]["secretAccessKey"],
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
    )


def reset(client, bucket):
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
        if keys:
            client.delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True})
    for upload in client.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
        client.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
    left = client.list_objects_v2(Bucket=bucket).get("KeyCount", 0)
    if left:
        raise SystemExit(f"{left} objects left after reset")


def listing(client, bucket):
    out = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        out += [{"key": o["Key"], "size": o["Size"]} for o in page.get("Contents", [])]
    return out


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


class Counting:
    """A read-only stream that counts the bytes read through it."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def read(self, n=-1):
        data = self.raw.read(n)
        self.count += len(data)
        return data


def check(client, bucket, key, kind, path, archive_path):
    head = client.head_object(Bucket=bucket, Key=key)
    size = head["ContentLength"]
    expected = {}  # member name -> ("file", sha256) or ("dir", None)
    if kind == "file":
        expected[archive_path] = ("file", sha256_file(path))
    else:
        expected[archive_path] = ("dir", None)
        for root, dirs, files in os.walk(path):
            rel = os.path.relpath(root, path)
            base = archive_path if rel == "." else f"{archive_path}/{rel}"
            for d in dirs:
                expected[f"{base}/{d}"] = ("dir", None)
            for f in files:
                expected[f"{base}/{f}"] = ("file", sha256_file(os.path.join(root, f)))
    body = Counting(client.get_object(Bucket=bucket, Key=key)["Body"])
    found, problems = {}, []
    with tarfile.open(fileobj=body, mode="r|") as tar:
        for member in tar:
            name = member.name.rstrip("/")
            if member.isdir():
                found[name] = ("dir", None)
            elif member.isfile():
                h = hashlib.sha256()
                stream = tar.extractfile(member)
                while chunk := stream.read(1 << 20):
                    h.update(chunk)
                found[name] = ("file", h.hexdigest())
            else:
                problems.append(f"unexpected member type {member.type!r}: {name}")
        while body.read(1 << 20):  # the rest (end-of-archive blocks, padding)
            pass
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    differing = sorted(n for n in set(expected) & set(found) if expected[n] != found[n])
    problems += [f"missing {n}" for n in missing[:5]] + [f"extra {n}" for n in extra[:5]]
    problems += [f"differs {n}" for n in differing[:5]]
    if body.count != size:
        problems.append(f"read {body.count} bytes, the object has {size}")
    summary = {
        "key": key, "object_size": size, "members": len(found),
        "files": sum(1 for v in found.values() if v[0] == "file"),
        "folders": sum(1 for v in found.values() if v[0] == "dir"),
        "expected_members": len(expected), "missing": len(missing), "extra": len(extra),
        "differing": len(differing), "ok": not problems, "problems": problems,
    }
    print(json.dumps(summary))
    if problems:
        sys.exit(1)


def main(argv):
    setup = json.load(open(argv[0]))
    client, bucket = s3(setup), setup["bucket"]
    command = argv[1]
    if command == "reset":
        reset(client, bucket)
    elif command == "list":
        print(json.dumps(listing(client, bucket)))
    elif command == "check":
        check(client, bucket, *argv[2:6])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
