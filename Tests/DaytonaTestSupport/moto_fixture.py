#!/usr/bin/env python3
"""moto's S3 server for DaytonaObjectStorageTests, with SigV4 signature checking on.

    python3 moto_fixture.py

Starts moto's server on 127.0.0.1 and a free port, then, while moto still takes every request
unauthenticated, creates with boto3: the bucket, an object that exists, an IAM user with an
access key and an S3 policy, and a role assumed through STS (temporary credentials with a
session token). Then it POSTs 0 to /moto-api/reset-auth (INITIAL_NO_AUTH_ACTION_COUNT = 0),
so that from then on every request must be signed by a key IAM knows, with the right secret
(and, for assumed-role keys, the right session token), or moto answers 403.

Beside moto it serves, each on a free port of 127.0.0.1:
- a CONNECT proxy that tunnels every connection to moto, whatever host the client names, so a
  client can address the bucket virtual-hosted style (`daytona-push.storage.test`) without DNS;
- a checking service that reads the bucket with boto3 (the user's key), for the tests to
  compare with what the Swift client wrote: `GET /object?key=K` answers {"size": N,
  "sha256": HEX} or {"missing": true}; `GET /uploads?prefix=P` the multipart uploads in
  progress, [{"key": K, "uploadId": U}, ...].

Prints one JSON line with the endpoints and the credentials, then serves until its standard
input closes (the test process exits).
"""

import hashlib
import http.server
import json
import select
import socket
import socketserver
import sys
import threading
import urllib.request
from urllib.parse import parse_qs, urlsplit, urlunsplit

import boto3
from botocore.config import Config

REGION = "eu-central-1"
BUCKET = "daytona-push"
EXISTING_KEY = "existing/hello world.txt"
EXISTING_BODY = b"already here\n"
ALLOW_S3 = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
)
TRUST_ACCOUNT = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}
        ],
    }
)


def client(service, endpoint, key="setup", secret="setup", token=None):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
    )


def set_up(endpoint):
    s3 = client("s3", endpoint)
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_object(Bucket=BUCKET, Key=EXISTING_KEY, Body=EXISTING_BODY)

    iam = client("iam", endpoint)
    iam.create_user(UserName="daytona-uploader")
    iam.put_user_policy(UserName="daytona-uploader", PolicyName="s3", PolicyDocument=ALLOW_S3)
    user_key = iam.create_access_key(UserName="daytona-uploader")["AccessKey"]

    iam.create_role(RoleName="daytona-push-access", AssumeRolePolicyDocument=TRUST_ACCOUNT)
    iam.put_role_policy(RoleName="daytona-push-access", PolicyName="s3", PolicyDocument=ALLOW_S3)
    assumed = client("sts", endpoint).assume_role(
        RoleArn="arn:aws:iam::123456789012:role/daytona-push-access", RoleSessionName="daytona-tests"
    )["Credentials"]

    # From now on moto checks every request's signature against IAM's keys.
    request = urllib.request.Request(
        f"{endpoint}/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"}
    )
    with urllib.request.urlopen(request) as response:
        response.read()

    return {
        "endpoint": endpoint,
        "region": REGION,
        "bucket": BUCKET,
        "existingKey": EXISTING_KEY,
        "existingSize": len(EXISTING_BODY),
        "user": {"accessKeyID": user_key["AccessKeyId"], "secretAccessKey": user_key["SecretAccessKey"]},
        "assumedRole": {
            "accessKeyID": assumed["AccessKeyId"],
            "secretAccessKey": assumed["SecretAccessKey"],
            "sessionToken": assumed["SessionToken"],
        },
    }


def check_signatures_against_the_request_target():
    """Makes moto canonicalize the URI that the client sent, as S3 does.

    moto 5 recomputes the signature from werkzeug's rebuilt request URL, in which the path has
    been decoded and re-quoted (`+`, `!`, `*`, `'`, ... stay bare, UTF-8 comes back unescaped),
    so even boto3's requests for keys such as `a+b` or `ü` fail with SignatureDoesNotMatch.
    Here moto checks the signature against the request target as it arrived on the wire
    (werkzeug's RAW_URI); everything else about the check is moto's own.
    """
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.core.responses import BaseResponse

    original_setup = BaseResponse.setup_class
    original_authenticate = ActionAuthenticatorMixin._authenticate_and_authorize_action

    def setup_class(self, request, full_url, headers, *arguments, **options):
        original_setup(self, request, full_url, headers, *arguments, **options)
        self._request_target = getattr(request, "environ", {}).get("RAW_URI")

    def authenticate(self, iam_request_cls, resource="*"):
        target = getattr(self, "_request_target", None)
        if not target:
            return original_authenticate(self, iam_request_cls, resource)
        rebuilt, sent = urlsplit(self.uri), urlsplit(target)
        self.uri = urlunsplit((rebuilt.scheme, rebuilt.netloc, sent.path, sent.query, ""))
        try:
            return original_authenticate(self, iam_request_cls, resource)
        finally:
            self.uri = urlunsplit(rebuilt)

    BaseResponse.setup_class = setup_class
    ActionAuthenticatorMixin._authenticate_and_authorize_action = authenticate


def start_tunnel(host, port):
    """A CONNECT proxy on a free port that connects every tunnel to host:port; returns its port."""

    class Tunnel(socketserver.BaseRequestHandler):
        def handle(self):
            client = self.request
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(65536)
                if not data:
                    return
                head += data
            request_line, _, rest = head.partition(b"\r\n\r\n")
            if not request_line.startswith(b"CONNECT "):
                client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            upstream = socket.create_connection((host, port))
            client.sendall(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            if rest:
                upstream.sendall(rest)
            peers = {client: upstream, upstream: client}
            try:
                while True:
                    readable, _, _ = select.select(list(peers), [], [])
                    for sock in readable:
                        data = sock.recv(65536)
                        if not data:
                            return
                        peers[sock].sendall(data)
            except OSError:
                return
            finally:
                upstream.close()

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Tunnel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def start_checks(endpoint, keys):
    """The checking service on a free port (see the module's description); returns its port."""
    s3 = client("s3", endpoint, keys["accessKeyID"], keys["secretAccessKey"])

    def describe_object(key):
        try:
            body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        except s3.exceptions.NoSuchKey:
            return {"missing": True}
        return {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}

    def list_uploads(prefix):
        uploads = s3.list_multipart_uploads(Bucket=BUCKET, Prefix=prefix).get("Uploads", [])
        return [{"key": upload["Key"], "uploadId": upload["UploadId"]} for upload in uploads]

    class Checks(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            query = parse_qs(url.query, keep_blank_values=True)
            try:
                if url.path == "/object":
                    answer = describe_object(query["key"][0])
                elif url.path == "/uploads":
                    answer = list_uploads(query["prefix"][0])
                else:
                    self.send_error(404)
                    return
                status, body = 200, json.dumps(answer).encode()
            except Exception as error:  # noqa: BLE001 - the test reports it
                status, body = 500, repr(error).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *arguments):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Checks)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main():
    from moto.server import ThreadedMotoServer

    check_signatures_against_the_request_target()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        info = set_up(f"http://{host}:{port}")
        info["tunnelPort"] = start_tunnel(host, port)
        info["checkPort"] = start_checks(info["endpoint"], info["user"])
        print(json.dumps(info), flush=True)
    except Exception as error:  # noqa: BLE001 - reported to the test, which fails with it
        print(json.dumps({"error": repr(error)}), flush=True)
    sys.stdin.read()  # until the test process closes the pipe
    server.stop()


if __name__ == "__main__":
    main()
