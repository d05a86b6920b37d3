"""Self-check of daytona_test_server.py (pytest, stdlib http.client only).

    python3 -m pytest -q TestServer/test_server.py
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = "test-key"
JWT = "jwt-token-abc"
ORG = "org-1234"


class Server:
    def __init__(self, *extra: str, cafile: str | None = None, stderr=None):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "daytona_test_server.py"), "--port", "0", "--api-key", KEY,
             "--exit-on-stdin-eof", *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True)
        line = self.proc.stdout.readline().strip()
        scheme = "https" if cafile else "http"
        assert line.startswith(f"DAYTONA_TEST_SERVER_READY {scheme}://127.0.0.1:"), line
        self.base = line.split(" ", 1)[1]
        self.port = int(self.base.rsplit(":", 1)[1])
        self.cafile = cafile

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)

    def conn(self) -> http.client.HTTPConnection:
        if self.cafile:
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30,
                                               context=ssl.create_default_context(cafile=self.cafile))
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, path, body=None, headers=None, auth=KEY, raw=False, conn=None):
        h = dict(headers or {})
        if auth:
            h["Authorization"] = f"Bearer {auth}"
        chunked = False
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        elif body is None or isinstance(body, (bytes, bytearray)):
            data = body
        else:  # an iterator of byte chunks: sent with chunked transfer encoding
            data, chunked = body, True
        c = conn or self.conn()
        try:
            c.request(method, path, body=data, headers=h, encode_chunked=chunked)
            r = c.getresponse()
            payload = r.read()
            if raw:
                return r.status, r, payload
            try:
                parsed = json.loads(payload) if payload else None
            except ValueError:
                parsed = payload
            return r.status, parsed
        finally:
            if conn is None:
                c.close()

    def wait_state(self, sid, want, timeout=5.0, seen=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            st, sb = self.request("GET", f"/api/sandbox/{sid}")
            if st == 200:
                if seen is not None and (not seen or seen[-1] != sb["state"]):
                    seen.append(sb["state"])
                if sb["state"] == want:
                    return sb
            elif want is None and st == 404:
                return None
            time.sleep(0.01)
        raise AssertionError(f"sandbox {sid} did not reach {want}; seen {seen}")

    def create(self, **body):
        st, sb = self.request("POST", "/api/sandbox", body)
        assert st == 200, sb
        return sb


@pytest.fixture(scope="module")
def srv():
    s = Server("--jwt-token", JWT, "--organization-id", ORG, "--state-delay", "0.05", "--build-line-delay", "0.01")
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _reset(request):
    if "srv" in request.fixturenames:
        s = request.getfixturevalue("srv")
        assert s.request("POST", "/_test/reset", auth=None)[0] == 200


def assert_envelope(body, status, path):
    assert set(body) >= {"statusCode", "message", "error", "path", "timestamp"}, body
    assert body["statusCode"] == status and body["path"] == path
    assert isinstance(body["message"], str) and body["message"]
    assert body["timestamp"].endswith("Z")


def test_auth(srv):
    st, body = srv.request("GET", "/api/sandbox", auth=None)
    assert st == 401
    assert_envelope(body, 401, "/api/sandbox")
    assert body["error"] == "Unauthorized"
    assert srv.request("GET", "/api/sandbox", auth="nope")[0] == 401
    assert srv.request("POST", "/toolbox/x/process/execute", {"command": "true"}, auth="nope")[0] == 401
    assert srv.request("GET", "/api/sandbox")[0] == 200
    # JWT needs the organization header
    assert srv.request("GET", "/api/sandbox", auth=JWT)[0] == 401
    assert srv.request("GET", "/api/sandbox", auth=JWT, headers={"X-Daytona-Organization-ID": "other"})[0] == 401
    assert srv.request("GET", "/api/sandbox", auth=JWT, headers={"X-Daytona-Organization-ID": ORG})[0] == 200


def test_404_envelope(srv):
    st, body = srv.request("GET", "/api/sandbox/missing")
    assert st == 404
    assert_envelope(body, 404, "/api/sandbox/missing")
    assert body["message"] == "Sandbox with ID or name missing not found" and body["error"] == "Not Found"
    st, body = srv.request("GET", "/api/nope")
    assert st == 404 and body["message"] == "Cannot GET /api/nope"
    st, body = srv.request("POST", "/toolbox/missing/process/execute", {"command": "true"})
    assert st == 404
    assert srv.request("GET", "/api/snapshots/nope")[0] == 404


def test_409_and_validation(srv):
    srv.create(name="demo")
    st, body = srv.request("POST", "/api/sandbox", {"name": "demo"})
    assert st == 409 and body["message"] == "Sandbox with name demo already exists"
    st, body = srv.request("POST", "/api/sandbox", {"cpu": "two"})
    assert st == 400 and "cpu must be an integer" in body["message"]
    st, body = srv.request("POST", "/api/sandbox", {"snapshot": "unknown"})
    assert st == 404 and "Snapshot unknown not found" in body["message"]
    st, body = srv.request("POST", "/api/sandbox", {"snapshot": "base", "cpu": 4})
    assert st == 400 and "resources" in body["message"]


def test_state_machine(srv):
    sb = srv.create(name="sm", labels={"a": "b"}, env={"X": "1"}, autoStopInterval=0)
    assert sb["state"] == "creating" and sb["desiredState"] == "started"
    for k in ("id", "organizationId", "name", "snapshot", "user", "env", "labels", "public", "networkBlockAll",
              "target", "cpu", "gpu", "memory", "disk", "state", "errorReason", "backupState",
              "autoStopInterval", "autoArchiveInterval", "autoDeleteInterval", "volumes", "createdAt",
              "updatedAt", "toolboxProxyUrl"):
        assert k in sb, k
    assert sb["toolboxProxyUrl"] == srv.base + "/toolbox" and sb["user"] == "daytona"
    uuid.UUID(sb["id"])
    seen = []
    srv.wait_state(sb["id"], "started", seen=seen)
    assert seen[-1] == "started" and set(seen) <= {"creating", "starting", "started"}
    assert srv.request("POST", f"/api/sandbox/{sb['id']}/start")[1]["state"] == "started"  # harmless
    st, got = srv.request("GET", f"/api/sandbox/{sb['id']}/toolbox-proxy-url")
    assert st == 200 and got == {"url": srv.base + "/toolbox"}
    st, body = srv.request("POST", "/api/sandbox/sm/stop")
    assert st == 200 and body["state"] == "stopping"
    assert srv.request("POST", "/api/sandbox/sm/start")[0] == 409  # transition in progress
    srv.wait_state(sb["id"], "stopped")
    st, body = srv.request("POST", f"/toolbox/{sb['id']}/process/execute", {"command": "true"})
    assert st == 409
    assert srv.request("POST", "/api/sandbox/sm/start")[1]["state"] == "starting"
    srv.wait_state(sb["id"], "started")
    st, body = srv.request("DELETE", "/api/sandbox/sm")
    assert st == 200 and body["state"] == "destroying"
    srv.wait_state(sb["id"], None)
    assert srv.request("DELETE", "/api/sandbox/sm")[0] == 404
    # forced error state
    sb2 = srv.create(name="err")
    st, body = srv.request("POST", "/_test/sandboxes/err/state", {"state": "error", "errorReason": "disk on fire"},
                           auth=None)
    assert st == 200 and body["state"] == "error"
    time.sleep(0.15)  # pending transitions were cancelled
    got = srv.request("GET", f"/api/sandbox/{sb2['id']}")[1]
    assert got["state"] == "error" and got["errorReason"] == "disk on fire"
    assert srv.request("POST", "/api/sandbox/err/start")[0] == 400


def started(srv, **kw):
    sb = srv.create(**kw)
    srv.wait_state(sb["id"], "started")
    return sb


def test_exec(srv):
    sb = started(srv, name="ex", env={"SB_ENV": "sb"})
    sid = sb["id"]
    st, r = srv.request("POST", f"/toolbox/{sid}/process/execute", {"command": "echo hi; echo oops >&2; exit 3"})
    assert st == 200 and r == {"exitCode": 3, "result": "hi\noops\n"}
    srv.request("POST", f"/toolbox/{sid}/process/execute", {"command": "mkdir -p sub/dir"})
    st, r = srv.request("POST", f"/toolbox/{sid}/process/execute",
                        {"command": 'echo "$SB_ENV $E1"; pwd', "cwd": "sub/dir", "envs": {"E1": "v1"}})
    assert r["exitCode"] == 0
    out = r["result"].splitlines()
    assert out[0] == "sb v1" and out[1].endswith(f"/sandboxes/{sid}/home/sub/dir")
    t0 = time.monotonic()
    st, r = srv.request("POST", f"/toolbox/{sid}/process/execute", {"command": "sleep 10", "timeout": 1})
    assert st == 408 and r["code"] == "PROCESS_EXECUTION_TIMEOUT" and r["source"] == "DAYTONA_DAEMON"
    assert time.monotonic() - t0 < 5
    st, r = srv.request("POST", f"/toolbox/{sid}/process/execute", {"command": "true", "cwd": "no/such"})
    assert st == 400


def test_code_run_and_chart_queue(srv):
    sb = started(srv, name="cr")
    sid = sb["id"]
    st, r = srv.request("POST", f"/toolbox/{sid}/process/code-run",
                        {"code": "import sys, os; print(sys.argv[1:], os.environ['K'])", "language": "python",
                         "argv": ["a"], "envs": {"K": "v"}})
    assert st == 200 and r["exitCode"] == 0 and r["result"] == "['a'] v\n" and r["artifacts"]["charts"] == []
    chart = {"type": "bar", "title": "t", "elements": [{"label": "a", "group": "g", "value": 3}]}
    assert srv.request("POST", "/_test/code-run-charts", {"sandbox": "cr", "charts": [chart]}, auth=None)[0] == 200
    r = srv.request("POST", f"/toolbox/{sid}/process/code-run", {"code": "pass", "language": "python"})[1]
    assert r["artifacts"]["charts"] == [chart]
    r = srv.request("POST", f"/toolbox/{sid}/process/code-run", {"code": "pass", "language": "python"})[1]
    assert r["artifacts"]["charts"] == []  # consumed
    code = "import json, os; json.dump([{'type': 'pie'}], open(os.environ['DAYTONA_TEST_CHARTS_FILE'], 'w'))"
    r = srv.request("POST", f"/toolbox/{sid}/process/code-run", {"code": code, "language": "python"})[1]
    assert r["artifacts"]["charts"] == [{"type": "pie"}]
    r = srv.request("POST", f"/toolbox/{sid}/process/code-run",
                    {"code": "console.log(1 + 1); process.exit(4)", "language": "javascript"})[1]
    assert r["exitCode"] == 4 and r["result"] == "2\n"


def multipart(fields: list[tuple[str, str | None, bytes]], boundary="b0undary"):
    out = b""
    for name, filename, data in fields:
        cd = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--{boundary}\r\nContent-Disposition: {cd}\r\n\r\n".encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def parse_multipart(body: bytes, ctype: str):
    boundary = ctype.split("boundary=", 1)[1].encode()
    parts = []
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, data = chunk[2:].partition(b"\r\n\r\n")
        parts.append((head.decode(), data[:-2]))
    return parts


def test_file_round_trip(srv):
    sb = started(srv, name="fs")
    sid = sb["id"]
    blob = os.urandom(300_000) + b"\r\n--b0undarX\r\n--zz" + os.urandom(1000)  # near-delimiters
    body, ctype = multipart([("file", "x.bin", blob)])
    st, r = srv.request("POST", f"/toolbox/{sid}/files/upload-v2?path=" + urllib.parse.quote("d1/x.bin"), body,
                        headers={"Content-Type": ctype})
    assert st == 200, r
    st, resp, data = srv.request("GET", f"/toolbox/{sid}/files/download?path=d1/x.bin", raw=True)
    assert st == 200 and data == blob and resp.getheader("Content-Type") == "application/octet-stream"
    # bulk upload, sent chunked, file part before its path part; then bulk download
    body, ctype = multipart([("files[0].file", "a", b"AAA"), ("files[0].path", None, b"/tmp/a.txt"),
                             ("files[1].path", None, b"rel/b.txt"), ("files[1].file", "b", blob)], "zz9")
    chunks = iter([body[i:i + 7000] for i in range(0, len(body), 7000)])
    st, r = srv.request("POST", f"/toolbox/{sid}/files/bulk-upload", chunks, headers={"Content-Type": ctype})
    assert st == 200, r
    st, resp, data = srv.request("POST", f"/toolbox/{sid}/files/bulk-download",
                                 {"paths": ["/tmp/a.txt", "rel/b.txt", "nope.txt"]}, raw=True)
    assert st == 200
    parts = parse_multipart(data, resp.getheader("Content-Type"))
    assert 'name="file"; filename="/tmp/a.txt"' in parts[0][0] and parts[0][1] == b"AAA"
    assert 'filename="rel/b.txt"' in parts[1][0] and parts[1][1] == blob
    assert 'name="error"; filename="nope.txt"' in parts[2][0]
    assert json.loads(parts[2][1])["code"] == "FILE_NOT_FOUND"
    st, r = srv.request("GET", f"/toolbox/{sid}/files/download?path=missing")
    assert st == 404 and r["code"] == "FILE_NOT_FOUND"
    st, r = srv.request("GET", f"/toolbox/{sid}/files/download?path=../../../../../../etc/passwd")
    assert st == 400
    # the file is visible to commands, relative to the home folder
    r = srv.request("POST", f"/toolbox/{sid}/process/execute", {"command": "cat rel/b.txt | wc -c"})[1]
    assert r["result"].strip() == str(len(blob))


def test_faults(srv):
    rules = [{"method": "GET", "path": r"^/api/sandbox$", "times": 1, "status": 429,
              "headers": {"Retry-After": "1", "X-RateLimit-Remaining-sandbox": "0"}}]
    assert srv.request("POST", "/_test/faults", rules, auth=None)[0] == 200
    st, resp, data = srv.request("GET", "/api/sandbox", raw=True)
    assert st == 429 and resp.getheader("Retry-After") == "1"
    assert json.loads(data)["statusCode"] == 429
    assert srv.request("GET", "/api/sandbox")[0] == 200
    srv.request("POST", "/_test/faults", {"path": "^/api/sandbox$", "action": "drop"}, auth=None)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        srv.request("GET", "/api/sandbox")
    assert srv.request("GET", "/api/sandbox")[0] == 200
    srv.request("POST", "/_test/faults", {"path": "^/api/sandbox$", "action": "delay", "seconds": 0.3}, auth=None)
    t0 = time.monotonic()
    assert srv.request("GET", "/api/sandbox")[0] == 200
    assert time.monotonic() - t0 >= 0.3
    log = srv.request("GET", "/_test/requests", auth=None)[1]
    assert [e.get("fault") for e in log] == ["status 429", None, "drop", None, "delay"]
    assert srv.request("DELETE", "/_test/faults", auth=None)[0] == 200


def test_request_log(srv):
    srv.request("DELETE", "/_test/requests", auth=None)
    srv.request("POST", "/api/sandbox", {"name": "logme", "labels": {"k": "v"}},
                headers={"X-Daytona-Source": "swift-test"})
    srv.request("GET", "/api/sandbox", auth=None)
    log = srv.request("GET", "/_test/requests", auth=None)[1]
    assert [(e["index"], e["method"], e["path"]) for e in log] == [(0, "POST", "/api/sandbox"),
                                                                     (1, "GET", "/api/sandbox")]
    e = log[0]
    assert e["json"] == {"name": "logme", "labels": {"k": "v"}} and e["bodySize"] > 10
    assert e["headers"]["x-daytona-source"] == "swift-test" and e["headers"]["authorization"] == f"Bearer {KEY}"
    assert srv.request("GET", "/_test/requests?since=1", auth=None)[1][0]["index"] == 1


def two_requests_on_one_connection(server) -> str:
    """Clears the request log, sends two GETs over one kept-alive connection, returns its peer."""
    server.request("DELETE", "/_test/requests", auth=None)
    c = server.conn()
    for _ in range(2):
        assert server.request("GET", "/api/sandbox", conn=c)[0] == 200
    mine = f"127.0.0.1:{c.sock.getsockname()[1]}"
    c.close()
    return mine


def test_request_log_peer(srv):
    mine = two_requests_on_one_connection(srv)
    srv.request("GET", "/api/sandbox")
    srv.request("GET", "/api/sandbox")
    peers = [e["peer"] for e in srv.request("GET", "/_test/requests", auth=None)[1]]
    assert len(peers) == 4 and peers[0] == peers[1] == mine  # one kept-alive connection, one peer
    assert len({peers[1], peers[2], peers[3]}) == 3  # each new connection, a peer of its own
    assert all(p.startswith("127.0.0.1:") and int(p.rsplit(":", 1)[1]) > 0 for p in peers)


def test_pagination_and_labels(srv):
    for i in range(5):
        srv.create(name=f"p{i}", labels={"team": "a" if i % 2 == 0 else "b"})
    st, page = srv.request("GET", "/api/sandbox/paginated?page=1&limit=2")
    assert st == 200 and page["total"] == 5 and page["totalPages"] == 3 and len(page["items"]) == 2
    assert page["items"][0]["name"] == "p4"  # newest first
    page3 = srv.request("GET", "/api/sandbox/paginated?page=3&limit=2")[1]
    assert [s["name"] for s in page3["items"]] == ["p0"]
    labels = urllib.parse.quote(json.dumps({"team": "a"}))
    page = srv.request("GET", f"/api/sandbox/paginated?labels={labels}")[1]
    assert page["total"] == 3
    names, cursor = [], None
    while True:
        q = "limit=2" + (f"&cursor={cursor}" if cursor else "")
        res = srv.request("GET", f"/api/sandbox?{q}")[1]
        names += [s["name"] for s in res["items"]]
        cursor = res["nextCursor"]
        if not cursor:
            break
    assert sorted(names) == [f"p{i}" for i in range(5)]
    res = srv.request("GET", f"/api/sandbox?labels={labels}&sort=name&order=asc")[1]
    assert [s["name"] for s in res["items"]] == ["p0", "p2", "p4"] and "env" not in res["items"][0]
    assert srv.request("GET", "/api/sandbox?limit=500")[0] == 400
    snaps = srv.request("GET", "/api/snapshots?page=1&limit=1")[1]
    assert snaps["items"][0]["name"] == "base" and snaps["total"] == 1 and snaps["totalPages"] == 1


def follow_logs(srv, path):
    c = srv.conn()
    c.request("GET", path + "?follow=true", headers={"Authorization": f"Bearer {KEY}"})
    r = c.getresponse()
    assert r.status == 200 and r.getheader("Transfer-Encoding") == "chunked"
    text = r.read().decode()
    c.close()
    return text


def test_builds(srv):
    df = "FROM python:3.12-slim\nRUN pip install requests\n# daytona-test: build-fail\n"
    st, snap = srv.request("POST", "/api/snapshots", {"name": "bad", "buildInfo": {"dockerfileContent": df}})
    assert st == 200 and snap["state"] == "pending"
    url = srv.request("GET", f"/api/snapshots/{snap['id']}/build-logs-url")[1]["url"]
    text = follow_logs(srv, urllib.parse.urlsplit(url).path)
    assert "Step 1/2 : FROM python:3.12-slim" in text and "forced failure" in text.strip().splitlines()[-1]
    got = srv.request("GET", "/api/snapshots/bad")[1]
    assert got["state"] == "build_failed" and "forced failure" in got["errorReason"]
    st, snap = srv.request("POST", "/api/snapshots",
                           {"name": "good", "buildInfo": {"dockerfileContent": "FROM alpine:3.20\nRUN echo hi\n"}})
    text = follow_logs(srv, f"/api/snapshots/{snap['id']}/build-logs")
    assert "Successfully built" in text
    assert srv.request("GET", "/api/snapshots/good")[1]["state"] == "active"
    assert srv.request("POST", "/api/snapshots", {"name": "good", "imageName": "alpine:3.20"})[0] == 409
    assert srv.request("POST", "/api/snapshots", {"name": "x", "imageName": "alpine:latest"})[0] == 400
    # a sandbox built from a failing Dockerfile
    sb = srv.create(buildInfo={"dockerfileContent": "FROM alpine:3.20\nRUN exit 1\n"})
    assert sb["state"] == "pending_build"
    text = follow_logs(srv, f"/api/sandbox/{sb['id']}/build-logs")
    assert text.strip().endswith("returned a non-zero code: 1")
    got = srv.wait_state(sb["id"], "build_failed")
    assert "non-zero code" in got["errorReason"]
    sb = srv.create(buildInfo={"dockerfileContent": "FROM alpine:3.20\n"})
    srv.wait_state(sb["id"], "started")
    st, d = srv.request("DELETE", f"/api/snapshots/{snap['id']}")
    assert st == 200 and srv.request("GET", "/api/snapshots/good")[0] == 404
    st, r = srv.request("GET", "/api/object-storage/push-access")
    assert st == 500 and r["statusCode"] == 500


def test_keepalive_and_concurrency(srv):
    c = srv.conn()
    for _ in range(20):
        assert srv.request("GET", "/api/sandbox", conn=c)[0] == 200
    c.close()
    errors = []
    barrier = threading.Barrier(200)

    def worker():
        try:
            cc = srv.conn()
            cc.connect()
            barrier.wait(timeout=10)
            for _ in range(2):
                assert srv.request("GET", "/api/sandbox/paginated", conn=cc)[0] == 200
            cc.close()
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert not errors, errors[:3]


def test_instant_mode():
    s = Server("--instant")
    try:
        st, sb = s.request("POST", "/api/sandbox", {"name": "fast"})
        assert st == 200 and sb["state"] == "started"
        r = s.request("POST", f"/toolbox/{sb['id']}/process/execute", {"command": "sleep 100"})[1]
        assert r == {"exitCode": 0, "result": "sleep 100\n"}
        s.request("POST", "/_test/code-run-charts", {"sandbox": "*", "charts": [{"type": "line"}]}, auth=None)
        r = s.request("POST", f"/toolbox/{sb['id']}/process/code-run", {"code": "x", "language": "python"})[1]
        assert r == {"exitCode": 0, "result": "", "artifacts": {"charts": [{"type": "line"}]}}
        assert s.request("DELETE", "/api/sandbox/fast")[0] == 200
        assert s.request("GET", "/api/sandbox/fast")[0] == 404
    finally:
        s.close()


def make_certificate(folder) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 and localhost, as DaytonaTestServer makes one."""
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


def test_tls_mode(tmp_path):
    cert, key = make_certificate(tmp_path)
    errors = open(tmp_path / "stderr.txt", "w+")
    s = Server("--tls-cert", cert, "--tls-key", key, cafile=cert, stderr=errors)
    try:
        assert s.base == f"https://127.0.0.1:{s.port}"
        st, sb = s.request("POST", "/api/sandbox", {"name": "tls"})
        assert st == 200 and sb["toolboxProxyUrl"] == s.base + "/toolbox"
        sb = s.wait_state(sb["id"], "started")
        assert s.request("GET", f"/api/sandbox/{sb['id']}/toolbox-proxy-url")[1] == {"url": s.base + "/toolbox"}
        st, r = s.request("POST", f"/toolbox/{sb['id']}/process/execute", {"command": "echo over-tls"})
        assert st == 200 and r == {"exitCode": 0, "result": "over-tls\n"}
        # a client that stalls before its handshake does not block accepting others
        stalled = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        assert s.request("GET", "/api/sandbox")[0] == 200
        # a plain-TCP client sending garbage, one that closes at once, one that rejects the certificate
        with socket.create_connection(("127.0.0.1", s.port), timeout=5) as bad:
            bad.sendall(b"GET /api/sandbox HTTP/1.1\r\nHost: x\r\n\r\n\x00\xff garbage")
            try:
                bad.recv(100)
            except OSError:
                pass
        socket.create_connection(("127.0.0.1", s.port), timeout=5).close()
        with pytest.raises(ssl.SSLCertVerificationError):
            http.client.HTTPSConnection("127.0.0.1", s.port, timeout=5,
                                        context=ssl.create_default_context()).request("GET", "/api/sandbox")
        # a good client still works, keeps its connection alive, and is logged with its peer
        mine = two_requests_on_one_connection(s)
        assert [e["peer"] for e in s.request("GET", "/_test/requests", auth=None)[1]] == [mine, mine]
        stalled.close()
        assert s.proc.poll() is None
        errors.seek(0)
        assert errors.read() == ""  # failed handshakes are not server errors
    finally:
        s.close()
        errors.close()


def test_tls_flags_go_together(tmp_path):
    cert, key = make_certificate(tmp_path)
    for extra in (["--tls-cert", cert], ["--tls-key", key]):
        r = subprocess.run([sys.executable, os.path.join(HERE, "daytona_test_server.py"), "--api-key", KEY, *extra],
                           capture_output=True, text=True, timeout=10)
        assert r.returncode == 2 and "--tls-cert and --tls-key must be given together" in r.stderr


def test_exits_on_stdin_eof():
    s = Server()
    s.proc.stdin.close()
    assert s.proc.wait(timeout=5) == 0
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", s.port), timeout=1).close()


def test_verify_contexts_with_moto():
    moto_server = pytest.importorskip("moto.server")
    boto3 = pytest.importorskip("boto3")
    ms = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    ms.start()
    try:
        endpoint = f"http://127.0.0.1:{ms._server.server_port}"
        s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="ak", aws_secret_access_key="sk",
                          region_name="us-east-1")
        s3.create_bucket(Bucket="ctx")
        s3.put_object(Bucket="ctx", Key=f"{ORG}/goodhash/context.tar", Body=b"tar")
        s = Server("--organization-id", ORG, "--s3-endpoint", endpoint, "--s3-access-key", "ak", "--s3-secret", "sk",
                   "--s3-bucket", "ctx", "--s3-region", "us-east-1", "--verify-contexts", "--state-delay", "0.01")
        try:
            st, acc = s.request("GET", "/api/object-storage/push-access")
            assert st == 200 and acc == {"accessKey": "ak", "secret": "sk", "sessionToken": "", "storageUrl": endpoint,
                                         "organizationId": ORG, "bucket": "ctx", "region": "us-east-1"}
            df = "FROM alpine:3.20\nCOPY [\"ctx\", \"/ctx\"]\n"
            for name, hashes, want in (("ok", ["goodhash"], "active"), ("missing", ["goodhash", "nohash"], "build_failed")):
                st, snap = s.request("POST", "/api/snapshots",
                                     {"name": name, "buildInfo": {"dockerfileContent": df, "contextHashes": hashes}})
                assert st == 200, snap
                follow_logs(s, f"/api/snapshots/{snap['id']}/build-logs")
                got = s.request("GET", f"/api/snapshots/{name}")[1]
                assert got["state"] == want, got
            assert "nohash" in got["errorReason"]
        finally:
            s.close()
    finally:
        ms.stop()
