#!/usr/bin/env python3
"""Writes sigv4-vectors.json: botocore's own SigV4 signatures for the S3 requests that
DaytonaObjectStorage sends, so the Swift signer can be compared with it byte for byte.

Each request is made through a real boto3 S3 client (so botocore builds the URL, encodes the
key and the query, and adds the headers it signs) with fixed credentials and a fixed clock. A
`before-send` hook stops the request before it leaves the process; the canonical request and
the string to sign are recorded from botocore's S3SigV4Auth while it signs.

Run from anywhere:  python3 Tests/DaytonaObjectStorageTests/Fixtures/make_sigv4_vectors.py
"""

import base64
import datetime
import json
import os
import sys
from unittest import mock

import boto3
import botocore
import botocore.auth
from botocore.config import Config

TIMESTAMP = datetime.datetime(2025, 3, 14, 15, 9, 26)
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+session/token=="

# Keys that exercise the encoder: spaces, '+', unicode (NFC and a combining sequence), the
# reserved characters S3 users meet, '~' (kept), '/' (kept), and a doubled slash.
UNUSUAL_KEY = "builds/org 42/ctx a+b=c&d (1) ü€😀 e\u0301~_-.!*'$,;:@[]#?%.tar"
SLASHY_KEY = "a//b/./c/../d e"


class Captured(Exception):
    pass


class Recorder:
    def __init__(self):
        self.last = {}
        original_cr = botocore.auth.S3SigV4Auth.canonical_request
        original_sts = botocore.auth.S3SigV4Auth.string_to_sign
        recorder = self

        def canonical_request(auth, request):
            value = original_cr(auth, request)
            recorder.last["canonical_request"] = value
            return value

        def string_to_sign(auth, request, canonical):
            value = original_sts(auth, request, canonical)
            recorder.last["string_to_sign"] = value
            return value

        botocore.auth.S3SigV4Auth.canonical_request = canonical_request
        botocore.auth.S3SigV4Auth.string_to_sign = string_to_sign

    def before_send(self, request, **_):
        self.last["method"] = request.method
        self.last["url"] = request.url
        self.last["headers"] = {
            name: (value.decode() if isinstance(value, bytes) else value)
            for name, value in request.headers.items()
        }
        body = request.body or b""
        self.last["body"] = body.read() if hasattr(body, "read") else (body.encode() if isinstance(body, str) else body)
        raise Captured()


RECORDER = Recorder()


def client(endpoint, region, addressing, token, payload_signing=True):
    session = boto3.session.Session(
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=token,
    )
    s3 = {"addressing_style": addressing}
    if not payload_signing:
        s3["payload_signing_enabled"] = False
    result = session.client(
        "s3",
        region_name=region,
        endpoint_url=endpoint,
        config=Config(
            signature_version="s3v4",
            s3=s3,
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            retries={"max_attempts": 1, "mode": "standard"},
        ),
    )
    result.meta.events.register("before-send.s3", RECORDER.before_send)
    return result


def vector(name, operation, params, *, endpoint, region, addressing, token, key, query,
           headers=None, payload="sha256"):
    s3 = client(endpoint, region, addressing, token, payload_signing=(payload == "sha256"))
    RECORDER.last = {}
    with mock.patch("botocore.auth.get_current_datetime", return_value=TIMESTAMP):
        try:
            getattr(s3, operation)(**params)
        except Captured:
            pass
    captured = RECORDER.last
    signed = captured["headers"]["Authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    return {
        "name": name,
        "operation": operation,
        "input": {
            "method": captured["method"],
            "endpoint": endpoint,
            "region": region,
            "addressing": addressing,
            "bucket": params["Bucket"],
            "key": key,
            "query": query,
            "headers": headers or {},
            # The body as botocore sent it (for CompleteMultipartUpload, its own XML).
            "bodyBase64": base64.b64encode(captured["body"]).decode(),
            "payload": payload,
            "accessKeyID": ACCESS_KEY,
            "secretAccessKey": SECRET_KEY,
            "sessionToken": token,
            "timestamp": TIMESTAMP.strftime("%Y%m%dT%H%M%SZ"),
        },
        "expected": {
            "url": captured["url"],
            "signedHeaders": {
                name: value for name, value in captured["headers"].items() if name.lower() in signed
            },
            "canonicalRequest": captured["canonical_request"],
            "stringToSign": captured["string_to_sign"],
            "authorization": captured["headers"]["Authorization"],
        },
    }


def main():
    local = "http://127.0.0.1:9000"
    aws = "https://s3.eu-central-1.amazonaws.com"
    minio = "http://minio.daytona.internal:9000"
    upload_id = "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA+/=="
    part = bytes(range(256)) * 64
    vectors = [
        vector("head, path-style, plain key", "head_object", {"Bucket": "daytona-builds", "Key": "context.tar"},
               endpoint=local, region="us-east-1", addressing="path", token=None,
               key="context.tar", query=[]),
        vector("head, virtual-hosted, unusual key, session token", "head_object",
               {"Bucket": "daytona-builds", "Key": UNUSUAL_KEY},
               endpoint=aws, region="eu-central-1", addressing="virtual", token=SESSION_TOKEN,
               key=UNUSUAL_KEY, query=[]),
        vector("head, path-style, slashes kept as written", "head_object", {"Bucket": "b-1", "Key": SLASHY_KEY},
               endpoint=minio, region="us-west-2", addressing="path", token=None,
               key=SLASHY_KEY, query=[]),
        vector("put, path-style, body hash, session token", "put_object",
               {"Bucket": "daytona-builds", "Key": UNUSUAL_KEY, "Body": b"hello, object storage\n"},
               endpoint=local, region="us-east-1", addressing="path", token=SESSION_TOKEN,
               key=UNUSUAL_KEY, query=[]),
        vector("put, virtual-hosted, content type, empty body", "put_object",
               {"Bucket": "daytona-builds", "Key": "org/empty file", "Body": b"", "ContentType": "application/x-tar"},
               endpoint=minio, region="eu-west-1", addressing="virtual", token=None,
               key="org/empty file", query=[], headers={"Content-Type": "application/x-tar"}),
        vector("put, unsigned payload over https", "put_object",
               {"Bucket": "daytona-builds", "Key": "stream/ctx.tar", "Body": b"streamed bytes"},
               endpoint=aws, region="eu-central-1", addressing="path", token=SESSION_TOKEN,
               key="stream/ctx.tar", query=[], payload="unsigned"),
        vector("multipart create", "create_multipart_upload", {"Bucket": "daytona-builds", "Key": UNUSUAL_KEY},
               endpoint=local, region="us-east-1", addressing="path", token=SESSION_TOKEN,
               key=UNUSUAL_KEY, query=[["uploads", ""]]),
        vector("multipart create, virtual-hosted", "create_multipart_upload",
               {"Bucket": "daytona-builds", "Key": "org/ctx.tar"},
               endpoint=aws, region="eu-central-1", addressing="virtual", token=None,
               key="org/ctx.tar", query=[["uploads", ""]]),
        vector("multipart upload part", "upload_part",
               {"Bucket": "daytona-builds", "Key": UNUSUAL_KEY, "UploadId": upload_id, "PartNumber": 12, "Body": part},
               endpoint=local, region="us-east-1", addressing="path", token=SESSION_TOKEN,
               key=UNUSUAL_KEY, query=[["partNumber", "12"], ["uploadId", upload_id]]),
        vector("multipart upload part, virtual-hosted", "upload_part",
               {"Bucket": "daytona-builds", "Key": "org/ctx.tar", "UploadId": upload_id, "PartNumber": 1,
                "Body": b"part one"},
               endpoint=minio, region="eu-west-1", addressing="virtual", token=None,
               key="org/ctx.tar", query=[["partNumber", "1"], ["uploadId", upload_id]]),
        vector("multipart complete", "complete_multipart_upload",
               {"Bucket": "daytona-builds", "Key": UNUSUAL_KEY, "UploadId": upload_id,
                "MultipartUpload": {"Parts": [{"ETag": '"etag-1"', "PartNumber": 1},
                                              {"ETag": '"etag-2"', "PartNumber": 2}]}},
               endpoint=local, region="us-east-1", addressing="path", token=SESSION_TOKEN,
               key=UNUSUAL_KEY, query=[["uploadId", upload_id]]),
        vector("multipart abort", "abort_multipart_upload",
               {"Bucket": "daytona-builds", "Key": UNUSUAL_KEY, "UploadId": upload_id},
               endpoint=local, region="us-east-1", addressing="path", token=SESSION_TOKEN,
               key=UNUSUAL_KEY, query=[["uploadId", upload_id]]),
        vector("multipart abort, virtual-hosted", "abort_multipart_upload",
               {"Bucket": "daytona-builds", "Key": "org/ctx.tar", "UploadId": upload_id},
               endpoint=aws, region="eu-central-1", addressing="virtual", token=None,
               key="org/ctx.tar", query=[["uploadId", upload_id]]),
        vector("list multipart uploads, several query parameters", "list_multipart_uploads",
               {"Bucket": "daytona-builds", "Prefix": "org 42/ü+", "MaxUploads": 10, "Delimiter": "/"},
               endpoint=local, region="us-east-1", addressing="path", token=None,
               key="", query=[["prefix", "org 42/ü+"], ["max-uploads", "10"], ["delimiter", "/"], ["uploads", ""]]),
    ]
    document = {
        "generator": "make_sigv4_vectors.py",
        "botocore": botocore.__version__,
        "vectors": vectors,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigv4-vectors.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=2, ensure_ascii=False)
        file.write("\n")
    print(f"wrote {len(vectors)} vectors to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
