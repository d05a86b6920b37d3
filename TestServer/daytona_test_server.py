#!/usr/bin/env python3
"""A test-only stand-in for the Daytona API (control plane + toolbox proxy).

Standard library only (boto3 is imported lazily, and only for --verify-contexts).
The wire format follows Daytona's OpenAPI documents (api.json for the control plane
under /api, toolbox.json for the toolbox under /toolbox/{sandboxId}/...) and what the
Python SDK 0.226.1 actually sends. /_test/... is an unauthenticated control API for
tests (reset, request log, fault injection, forced states, chart queue).

Run `python3 daytona_test_server.py --help` for the flags; README.md beside this file
summarises them.
"""

from __future__ import annotations

import argparse
import base64
import datetime as _dt
import heapq
import http
import http.server
import json
import math
import os
import posixpath
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import uuid

SERVER_VERSION = "DaytonaTestServer/1.0"
DAEMON_VERSION = "0.226.1-test"
DEFAULT_EXEC_TIMEOUT = 360  # seconds, when the request gives none (or 0)
MAX_JSON_BODY = 64 * 1024 * 1024
IO_CHUNK = 1024 * 1024
TLS_HANDSHAKE_TIMEOUT = 10  # seconds a connection may take to finish the TLS handshake
DEFAULT_ORG_ID = "6f1c9a2e-0d4b-4f7e-9a55-3c2b7d1e8f90"
BUILD_FAIL_MARKER = "# daytona-test: build-fail"

SANDBOX_STATES = {
    "creating", "restoring", "destroyed", "destroying", "started", "stopped", "starting",
    "stopping", "error", "build_failed", "pending_build", "building_snapshot", "unknown",
    "pulling_snapshot", "archived", "archiving", "resizing", "snapshotting", "forking",
    "pausing", "paused", "resuming",
}
SNAPSHOT_STATES = {"building", "pending", "pulling", "snapshotting", "active", "inactive",
                   "error", "build_failed", "removing"}
TRANSITIONAL = {"creating", "starting", "stopping", "destroying", "pending_build",
                "building_snapshot", "pulling_snapshot", "restoring", "archiving",
                "resizing", "snapshotting", "forking", "pausing", "resuming"}

# Fields of api.json's SandboxListItem (what GET /api/sandbox returns per item).
LIST_ITEM_FIELDS = [
    "id", "organizationId", "name", "target", "runnerId", "sandboxClass", "state",
    "desiredState", "snapshot", "user", "errorReason", "recoverable", "public",
    "networkBlockAll", "networkAllowList", "domainAllowList", "cpu", "gpu", "spot",
    "spotEvictedAt", "queueTimedOutAt", "gpuType", "memory", "disk", "labels", "backupState",
    "autoStopInterval", "autoPauseInterval", "autoArchiveInterval", "autoDeleteInterval",
    "autoDestroyAt", "queueTimeout", "createdAt", "updatedAt", "lastActivityAt",
    "daemonVersion", "warmPoolId", "toolboxProxyUrl",
]


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def log(msg: str) -> None:
    sys.stderr.write(f"[daytona-test-server] {msg}\n")
    sys.stderr.flush()


class ApiError(Exception):
    """An error answered with the JSON error envelope."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 daemon: bool = False, headers: dict | None = None, extra: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.daemon = daemon
        self.headers = headers or {}
        self.extra = extra or {}


class DropConnection(Exception):
    pass


def status_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def envelope(status: int, message, path: str, method: str | None = None, code: str | None = None,
             daemon: bool = False, extra: dict | None = None) -> dict:
    body = {
        "statusCode": status,
        "message": message,
        "error": status_phrase(status),
        "path": path,
        "timestamp": now_iso(),
    }
    if daemon:
        body["method"] = method
        body["code"] = code or default_daemon_code(status)
        body["source"] = "DAYTONA_DAEMON"
    elif code:
        body["code"] = code
    if extra:
        body.update(extra)
    return body


def default_daemon_code(status: int) -> str:
    return {
        400: "BAD_REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND",
        408: "REQUEST_TIMEOUT", 409: "CONFLICT", 410: "GONE", 422: "UNPROCESSABLE_ENTITY",
    }.get(status, "INTERNAL_SERVER_ERROR")


# ---------------------------------------------------------------------------
# HTTP body helpers


class BodyReader:
    """Reads a request body framed by Content-Length or chunked transfer encoding."""

    def __init__(self, rfile, headers):
        self.rfile = rfile
        te = (headers.get("Transfer-Encoding") or "").lower()
        self.chunked = "chunked" in te
        self.total = 0
        self.eof = False
        self.chunk_left = 0
        if self.chunked:
            self.remaining = None
        else:
            cl = headers.get("Content-Length")
            try:
                self.remaining = int(cl) if cl else 0
                if self.remaining < 0:
                    raise ValueError
            except ValueError:
                raise ApiError(400, "Invalid Content-Length header")
            if self.remaining == 0:
                self.eof = True

    def _readline(self) -> bytes:
        line = self.rfile.readline(65537)
        if not line:
            raise ConnectionResetError("client closed the connection inside a chunked body")
        return line

    def read(self, n: int = IO_CHUNK) -> bytes:
        if self.eof:
            return b""
        if not self.chunked:
            want = min(n, self.remaining)
            data = self.rfile.read(want)
            if not data:
                raise ConnectionResetError("client closed the connection inside the body")
            self.remaining -= len(data)
            self.total += len(data)
            if self.remaining == 0:
                self.eof = True
            return data
        if self.chunk_left == 0:
            line = self._readline().split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                raise ApiError(400, "Malformed chunked request body")
            if size == 0:
                while self._readline() not in (b"\r\n", b"\n"):
                    pass  # trailers
                self.eof = True
                return b""
            self.chunk_left = size
        data = self.rfile.read(min(n, self.chunk_left))
        if not data:
            raise ConnectionResetError("client closed the connection inside a chunk")
        self.chunk_left -= len(data)
        self.total += len(data)
        if self.chunk_left == 0:
            self._readline()  # CRLF after the chunk data
        return data

    def read_all(self, limit: int = MAX_JSON_BODY) -> bytes:
        parts = []
        size = 0
        while True:
            data = self.read()
            if not data:
                break
            size += len(data)
            if size > limit:
                raise ApiError(413, "Request body too large")
            parts.append(data)
        return b"".join(parts)

    def drain(self, limit: int = 64 * 1024 * 1024) -> bool:
        """Discards what is left of the body; False if more than limit remained."""
        drained = 0
        while not self.eof:
            data = self.read()
            if not data:
                break
            drained += len(data)
            if drained > limit:
                return False
        return True


class ChunkedWriter:
    def __init__(self, wfile):
        self.wfile = wfile

    def write(self, data: bytes) -> None:
        if not data:
            return
        if len(data) <= 64 * 1024:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        else:
            self.wfile.write(b"%x\r\n" % len(data))
            self.wfile.write(data)
            self.wfile.write(b"\r\n")

    def close(self) -> None:
        self.wfile.write(b"0\r\n\r\n")


def parse_header_params(value: str) -> tuple[str, dict[str, str]]:
    """Parses `type; a=b; c="d"` into ("type", {"a": "b", "c": "d"})."""
    parts = []
    cur = []
    in_quote = False
    esc = False
    for ch in value:
        if esc:
            cur.append(ch)
            esc = False
        elif ch == "\\" and in_quote:
            cur.append(ch)
            esc = True
        elif ch == '"':
            in_quote = not in_quote
            cur.append(ch)
        elif ch == ";" and not in_quote:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    main = parts[0].strip().lower()
    params = {}
    for p in parts[1:]:
        if "=" not in p:
            continue
        k, v = p.split("=", 1)
        k = k.strip().lower()
        v = v.strip()
        if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
            v = re.sub(r"\\(.)", r"\1", v[1:-1])
        params[k] = v
    return main, params


class MultipartStream:
    """Streaming multipart/form-data parser: yields parts whose data is written by a sink."""

    def __init__(self, reader: BodyReader, boundary: str):
        self.reader = reader
        self.boundary = boundary.encode("latin-1")
        self.buf = bytearray()
        self.done = False

    def _fill(self) -> bool:
        data = self.reader.read(IO_CHUNK)
        if not data:
            return False
        self.buf += data
        return True

    def _skip_preamble(self) -> None:
        marker = b"--" + self.boundary
        while True:
            i = self.buf.find(marker)
            if i >= 0:
                self.buf = self.buf[i + len(marker):]
                return
            if len(self.buf) > len(marker):
                self.buf = self.buf[-len(marker):]
            if not self._fill():
                raise ApiError(400, "Malformed multipart body: no boundary found")

    def _after_boundary(self) -> bool:
        """After a delimiter: True when a part follows, False at the closing delimiter."""
        while len(self.buf) < 2:
            if not self._fill():
                raise ApiError(400, "Malformed multipart body: truncated")
        if self.buf.startswith(b"--"):
            self.done = True
            return False
        # skip optional whitespace then CRLF
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                self.buf = self.buf[i + 2:]
                return True
            if not self._fill():
                raise ApiError(400, "Malformed multipart body: truncated")

    def parts(self):
        """Yields (headers: dict, write_data: callable(sink)) for each part."""
        self._skip_preamble()
        delim = b"\r\n--" + self.boundary
        while self._after_boundary():
            while True:
                i = self.buf.find(b"\r\n\r\n")
                if i >= 0:
                    raw = self.buf[:i].decode("utf-8", "replace")
                    self.buf = self.buf[i + 4:]
                    break
                if len(self.buf) > 64 * 1024:
                    raise ApiError(400, "Malformed multipart body: part headers too large")
                if not self._fill():
                    raise ApiError(400, "Malformed multipart body: truncated headers")
            headers = {}
            for line in raw.split("\r\n"):
                if ":" in line:
                    k, v = line.split(":", 1)
                    headers[k.strip().lower()] = v.strip()

            def pump(sink, delim=delim):
                # One bytearray, read from the front: a part's data is copied into it once and
                # reaches the sink as a view. Before, every fill made a new bytes object and
                # every sink call a slice, two more copies of each MiB, and this server was what
                # bounded a client's upload throughput.
                while True:
                    j = self.buf.find(delim)
                    if j >= 0:
                        if j:
                            with memoryview(self.buf)[:j] as data:
                                sink(data)
                        del self.buf[:j + len(delim)]
                        return
                    keep = len(delim) - 1
                    if len(self.buf) > keep:
                        n = len(self.buf) - keep
                        with memoryview(self.buf)[:n] as data:
                            sink(data)
                        del self.buf[:n]
                    if not self._fill():
                        raise ApiError(400, "Malformed multipart body: truncated part")

            yield headers, pump


def _quote_param(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def content_disposition(name: str | None, filename: str, kind: str = "form-data") -> str:
    """`form-data; name="file"; filename="<path>"` (the path exactly as requested); paths that are
    not plain printable ASCII also get an RFC 5987 `filename*` (which the SDK prefers)."""
    head = kind + (f'; name="{name}"' if name else "")
    if re.fullmatch(r"[\x20-\x7e]*", filename):
        return f'{head}; filename="{_quote_param(filename)}"'
    fallback = re.sub(r"[^\x20-\x7e]", "_", filename)
    return (f'{head}; filename="{_quote_param(fallback)}"; '
            f"filename*=utf-8''{urllib.parse.quote(filename, safe='')}")


# ---------------------------------------------------------------------------
# Domain state


class BuildLog:
    def __init__(self):
        self.lines: list[str] = []
        self.done = False
        self.cond = threading.Condition()

    def append(self, line: str) -> None:
        with self.cond:
            self.lines.append(line)
            self.cond.notify_all()

    def finish(self) -> None:
        with self.cond:
            self.done = True
            self.cond.notify_all()

    def text(self) -> str:
        with self.cond:
            return "".join(line + "\n" for line in self.lines)

    def follow(self, stop: threading.Event):
        i = 0
        while True:
            with self.cond:
                while i >= len(self.lines) and not self.done and not stop.is_set():
                    self.cond.wait(0.5)
                batch = self.lines[i:]
                i = len(self.lines)
                finished = self.done or stop.is_set()
            if batch:
                yield "".join(line + "\n" for line in batch)
            if finished and i >= len(self.lines):
                return


class Scheduler:
    """Runs callbacks after delays on one background thread."""

    def __init__(self):
        self.heap: list = []
        self.cond = threading.Condition()
        self.seq = 0
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name="scheduler", daemon=True)
        self.thread.start()

    def call_later(self, delay: float, fn) -> None:
        with self.cond:
            self.seq += 1
            heapq.heappush(self.heap, (time.monotonic() + delay, self.seq, fn))
            self.cond.notify()

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.cond.notify()

    def _run(self) -> None:
        while True:
            with self.cond:
                while not self.stopped and (not self.heap or self.heap[0][0] > time.monotonic()):
                    timeout = None if not self.heap else max(0.0, self.heap[0][0] - time.monotonic())
                    self.cond.wait(timeout)
                if self.stopped:
                    return
                _, _, fn = heapq.heappop(self.heap)
            try:
                fn()
            except Exception:  # pragma: no cover - defensive
                traceback.print_exc()


class Sandbox:
    def __init__(self, data: dict, root: str):
        self.data = data
        self.gen = 0
        self.build_log: BuildLog | None = None
        self.dir = os.path.join(root, "sandboxes", data["id"])
        self.home = os.path.join(self.dir, "home")
        self.rootfs = os.path.join(self.dir, "root")
        self.tmp = os.path.join(self.dir, ".daytona-test")
        self.seq = 0

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def state(self) -> str:
        return self.data["state"]


class Snapshot:
    def __init__(self, data: dict):
        self.data = data
        self.gen = 0
        self.build_log: BuildLog | None = None
        self.seq = 0


class Config:
    def __init__(self, args):
        self.api_key = args.api_key
        self.jwt_token = args.jwt_token
        self.organization_id = args.organization_id or DEFAULT_ORG_ID
        self.state_delay = 0.0 if args.instant else max(0.0, args.state_delay)
        self.build_line_delay = 0.0 if args.instant else max(0.0, args.build_line_delay
                                                              if args.build_line_delay is not None
                                                              else self.state_delay / 4)
        self.instant = args.instant
        self.verbose = args.verbose
        self.s3_endpoint = args.s3_endpoint
        self.s3_access_key = args.s3_access_key or ""
        self.s3_secret = args.s3_secret or ""
        self.s3_session_token = args.s3_session_token or ""
        self.s3_bucket = args.s3_bucket or "daytona"
        self.s3_region = args.s3_region or "us-east-1"
        self.verify_contexts = args.verify_contexts
        self.default_target = args.default_target
        self.shell = args.shell
        self.base_url = ""  # set once bound


class State:
    def __init__(self, cfg: Config, root: str):
        self.cfg = cfg
        self.root = root
        self.lock = threading.RLock()
        self.sandboxes: dict[str, Sandbox] = {}
        self.snapshots: dict[str, Snapshot] = {}
        self.faults: list[dict] = []
        self.requests: list[dict] = []
        self.chart_queue: list[tuple[str, list]] = []
        self.seq = 0
        self.scheduler = Scheduler()
        self.procs: set = set()
        self.stop_event = threading.Event()
        os.makedirs(os.path.join(root, "sandboxes"), exist_ok=True)
        self._add_base_snapshot()

    # -- helpers -----------------------------------------------------------

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def _add_base_snapshot(self) -> None:
        ts = now_iso()
        snap = Snapshot({
            "id": str(uuid.uuid4()),
            "organizationId": self.cfg.organization_id,
            "general": True,
            "name": "base",
            "imageName": "daytonaio/sandbox:0.5.0",
            "state": "active",
            "size": 1.2,
            "entrypoint": ["sleep", "infinity"],
            "cpu": 1,
            "gpu": 0,
            "mem": 1,
            "disk": 3,
            "errorReason": None,
            "createdAt": ts,
            "updatedAt": ts,
            "lastUsedAt": None,
            "regionIds": [self.cfg.default_target],
            "ref": "registry.daytona.test/daytonaio/sandbox:0.5.0",
            "sourceSandboxId": None,
            "sandboxClass": "container",
        })
        snap.seq = self.next_seq()
        self.snapshots[snap.data["id"]] = snap

    def toolbox_url(self) -> str:
        return self.cfg.base_url + "/toolbox"

    def find_sandbox(self, id_or_name: str) -> Sandbox | None:
        sb = self.sandboxes.get(id_or_name)
        if sb:
            return sb
        for sb in self.sandboxes.values():
            if sb.data["name"] == id_or_name:
                return sb
        return None

    def get_sandbox(self, id_or_name: str) -> Sandbox:
        sb = self.find_sandbox(id_or_name)
        if not sb:
            raise ApiError(404, f"Sandbox with ID or name {id_or_name} not found")
        return sb

    def find_snapshot(self, id_or_name: str) -> Snapshot | None:
        s = self.snapshots.get(id_or_name)
        if s:
            return s
        for s in self.snapshots.values():
            if s.data["name"] == id_or_name:
                return s
        return None

    def set_sb_state(self, sb: Sandbox, state: str, **fields) -> None:
        sb.data["state"] = state
        ts = now_iso()
        sb.data["updatedAt"] = ts
        sb.data["lastActivityAt"] = ts
        sb.data.update(fields)

    def chain(self, obj, steps: list, delay: float | None = None) -> None:
        """Applies steps (callables) one after another, `delay` apart; cancelled when obj.gen changes."""
        delay = self.cfg.state_delay if delay is None else delay
        gen = obj.gen

        def run(i):
            with self.lock:
                if obj.gen != gen:
                    return
                steps[i]()
            if i + 1 < len(steps):
                if delay <= 0:
                    run(i + 1)
                else:
                    self.scheduler.call_later(delay, lambda: run(i + 1))

        if not steps:
            return
        if delay <= 0:
            run(0)
        else:
            self.scheduler.call_later(delay, lambda: run(0))

    def reset(self) -> None:
        with self.lock:
            for sb in list(self.sandboxes.values()):
                sb.gen += 1
                if sb.build_log:
                    sb.build_log.finish()
                shutil.rmtree(sb.dir, ignore_errors=True)
            self.sandboxes.clear()
            for snap in self.snapshots.values():
                snap.gen += 1
                if snap.build_log:
                    snap.build_log.finish()
            self.snapshots.clear()
            self._add_base_snapshot()
            self.faults.clear()
            self.requests.clear()
            self.chart_queue.clear()

    # -- request log / faults ---------------------------------------------

    def log_request(self, entry: dict) -> dict:
        with self.lock:
            entry["index"] = len(self.requests)
            self.requests.append(entry)
        return entry

    def take_fault(self, method: str, path: str) -> dict | None:
        with self.lock:
            for rule in self.faults:
                m = rule.get("method")
                if m and m.upper() != method:
                    continue
                pat = rule.get("_re")
                if pat is not None and not pat.search(path):
                    continue
                times = rule.get("times", 1)
                if times is not None and times >= 0:
                    if rule["_used"] >= times:
                        continue
                rule["_used"] += 1
                return rule
        return None


# ---------------------------------------------------------------------------
# Validation helpers


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def validate_str_map(body: dict, key: str, errors: list) -> None:
    v = body.get(key)
    if v is None:
        return
    if not isinstance(v, dict) or not all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()):
        errors.append(f"{key} must be an object with string values")


def validate_int(body: dict, key: str, errors: list, minimum: int | None = None) -> None:
    v = body.get(key)
    if v is None:
        return
    if not _is_int(v):
        errors.append(f"{key} must be an integer number")
    elif minimum is not None and v < minimum:
        errors.append(f"{key} must not be less than {minimum}")


def validate_str(body: dict, key: str, errors: list, nonempty: bool = False) -> None:
    v = body.get(key)
    if v is None:
        return
    if not isinstance(v, str):
        errors.append(f"{key} must be a string")
    elif nonempty and not v.strip():
        errors.append(f"{key} should not be empty")


def validate_bool(body: dict, key: str, errors: list) -> None:
    v = body.get(key)
    if v is not None and not isinstance(v, bool):
        errors.append(f"{key} must be a boolean value")


def raise_validation(errors: list) -> None:
    if errors:
        raise ApiError(400, "; ".join(errors))


def validate_build_info(bi, errors: list) -> None:
    if bi is None:
        return
    if not isinstance(bi, dict):
        errors.append("buildInfo must be an object")
        return
    if not isinstance(bi.get("dockerfileContent"), str) or not bi["dockerfileContent"].strip():
        errors.append("buildInfo.dockerfileContent must be a non-empty string")
    ch = bi.get("contextHashes")
    if ch is not None and (not isinstance(ch, list) or not all(isinstance(h, str) for h in ch)):
        errors.append("buildInfo.contextHashes must be an array of strings")


def image_tag_error(image: str) -> str | None:
    last = image.rsplit("/", 1)[-1]
    if "@" in last:
        return None
    if ":" not in last:
        return f"Image {image} must include a tag (e.g. {image}:1.0); untagged images are not allowed"
    if last.endswith(":latest"):
        return 'Images with tag ":latest" are not allowed'
    return None


def dockerfile_instructions(text: str) -> list[str]:
    out = []
    cur = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not cur and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            cur += line[:-1].strip() + " "
            continue
        cur += line
        if cur.strip():
            out.append(cur.strip())
        cur = ""
    if cur.strip():
        out.append(cur.strip())
    return out


def fake_hash(n: int = 12) -> str:
    return secrets.token_hex(n // 2 + 1)[:n]


# ---------------------------------------------------------------------------
# Build simulation


def build_plan(dockerfile: str) -> tuple[list[list[str]], str | None]:
    """Returns (groups of log lines, failure reason or None); groups are emitted over time."""
    instructions = dockerfile_instructions(dockerfile)
    fail_marker = any(line.strip() == BUILD_FAIL_MARKER for line in dockerfile.splitlines())
    groups: list[list[str]] = [["#0 building with \"default\" instance using docker driver",
                                f"Sending build context to Docker daemon  {len(dockerfile.encode()) + 2048}B"]]
    n = len(instructions)
    image_id = fake_hash()
    for i, ins in enumerate(instructions, 1):
        keyword = ins.split(None, 1)[0].upper()
        arg = ins[len(keyword):].strip()
        lines = [f"Step {i}/{n} : {ins}"]
        if keyword == "FROM":
            lines += [f"{arg.split()[0] if arg else 'scratch'}: Pulling from library",
                      f"Digest: sha256:{secrets.token_hex(32)}",
                      f"Status: Downloaded newer image for {arg.split()[0] if arg else 'scratch'}"]
        elif keyword == "RUN":
            container = fake_hash()
            lines.append(f" ---> Running in {container}")
            if re.fullmatch(r"exit\s+[1-9][0-9]*", arg) or arg.startswith("exit 1"):
                code = arg.split()[1] if len(arg.split()) > 1 else "1"
                reason = f"The command '/bin/sh -c {arg}' returned a non-zero code: {code}"
                groups.append(lines)
                groups.append([reason])
                return groups, reason
            lines.append(f" ---> Removed intermediate container {container}")
        else:
            lines.append(f" ---> Running in {fake_hash()}")
        image_id = fake_hash()
        lines.append(f" ---> {image_id}")
        groups.append(lines)
    if fail_marker:
        reason = f"Build failed: forced failure requested by '{BUILD_FAIL_MARKER}'"
        groups.append([reason])
        return groups, reason
    groups.append([f"Successfully built {image_id}"])
    return groups, None


def verify_contexts(cfg: Config, hashes: list[str]) -> str | None:
    """With --verify-contexts: the first context hash missing from object storage, as a reason."""
    if not cfg.verify_contexts or not hashes:
        return None
    if not cfg.s3_endpoint:
        return "Object storage is not configured; cannot verify build contexts"
    try:
        import boto3  # lazily: only this optional check needs it
        from botocore.config import Config as BotoConfig
    except Exception as e:  # pragma: no cover
        return f"Cannot verify build contexts: boto3 unavailable ({e})"
    try:
        client = boto3.client(
            "s3", endpoint_url=cfg.s3_endpoint, aws_access_key_id=cfg.s3_access_key,
            aws_secret_access_key=cfg.s3_secret, aws_session_token=cfg.s3_session_token or None,
            region_name=cfg.s3_region,
            config=BotoConfig(s3={"addressing_style": "path"}, retries={"max_attempts": 2},
                              connect_timeout=5, read_timeout=10))
    except Exception as e:
        return f"Cannot verify build contexts: {e}"
    for h in hashes:
        key = f"{cfg.organization_id}/{h}/context.tar"
        try:
            client.head_object(Bucket=cfg.s3_bucket, Key=key)
        except Exception as e:
            status = getattr(e, "response", {}).get("Error", {}).get("Code", "")
            if str(status) in ("404", "NoSuchKey", "NotFound", "NoSuchBucket"):
                return f"Build context {h} not found in object storage (expected s3://{cfg.s3_bucket}/{key})"
            return f"Failed to verify build context {h} (s3://{cfg.s3_bucket}/{key}): {e}"
    return None


# ---------------------------------------------------------------------------
# The service


class Service:
    def __init__(self, state: State):
        self.st = state
        self.cfg = state.cfg

    # -- sandboxes ------------------------------------------------------

    def sandbox_view(self, sb: Sandbox) -> dict:
        d = dict(sb.data)
        d["toolboxProxyUrl"] = self.st.toolbox_url()
        return json.loads(json.dumps(d))

    def sandbox_list_item(self, sb: Sandbox) -> dict:
        full = self.sandbox_view(sb)
        return {k: full[k] for k in LIST_ITEM_FIELDS if k in full}

    def create_sandbox(self, body) -> dict:
        if body is None:
            body = {}  # an empty body creates a default sandbox
        if not isinstance(body, dict):
            raise ApiError(400, "Request body must be a JSON object")
        errors: list[str] = []
        for k in ("name", "snapshot", "user", "target", "class", "networkAllowList",
                  "domainAllowList", "linkedSandbox"):
            validate_str(body, k, errors, nonempty=(k == "name"))
        validate_str_map(body, "env", errors)
        validate_str_map(body, "labels", errors)
        for k in ("public", "networkBlockAll", "kvm", "spot"):
            validate_bool(body, k, errors)
        for k in ("cpu", "memory", "disk"):
            validate_int(body, k, errors, 1)
        validate_int(body, "gpu", errors, 0)
        for k in ("autoStopInterval", "autoPauseInterval", "autoArchiveInterval", "ttlMinutes"):
            validate_int(body, k, errors, 0)
        validate_int(body, "autoDeleteInterval", errors)
        validate_int(body, "queueTimeout", errors, 1)
        vols = body.get("volumes")
        if vols is not None and (not isinstance(vols, list) or not all(
                isinstance(v, dict) and isinstance(v.get("volumeId"), str)
                and isinstance(v.get("mountPath"), str) for v in vols)):
            errors.append("volumes must be an array of {volumeId, mountPath}")
        bi = body.get("buildInfo")
        validate_build_info(bi, errors)
        name = body.get("name")
        if isinstance(name, str) and name and not re.fullmatch(r"[A-Za-z0-9._-]{1,63}", name):
            errors.append("name must contain only letters, digits, dots, underscores and dashes (max 63)")
        raise_validation(errors)
        if bi is not None and body.get("snapshot"):
            raise ApiError(400, "Cannot specify both a snapshot and buildInfo")

        with self.st.lock:
            if name and self.st.find_sandbox(name):
                raise ApiError(409, f"Sandbox with name {name} already exists")
            snap = None
            if bi is None:
                snap_name = body.get("snapshot") or "base"
                snap = self.st.find_snapshot(snap_name)
                if not snap:
                    raise ApiError(404, f"Snapshot {snap_name} not found. Did you add it through the Daytona Dashboard?")
                if snap.data["state"] != "active":
                    raise ApiError(400, f"Snapshot {snap_name} is {snap.data['state']}")
                if any(body.get(k) for k in ("cpu", "gpu", "memory", "disk")):
                    raise ApiError(400, "Cannot specify Sandbox resources when using a snapshot")
            sid = str(uuid.uuid4())
            ts = now_iso()
            target = body.get("target") or self.cfg.default_target
            data = {
                "id": sid,
                "organizationId": self.cfg.organization_id,
                "name": name or sid,
                "snapshot": snap.data["name"] if snap else None,
                "user": body.get("user") or "daytona",
                "env": body.get("env") or {},
                "labels": body.get("labels") or {},
                "public": bool(body.get("public", False)),
                "networkBlockAll": bool(body.get("networkBlockAll", False)),
                "kvm": bool(body.get("kvm", False)),
                "target": target,
                "cpu": body.get("cpu") or (snap.data["cpu"] if snap else 1),
                "gpu": body.get("gpu") or 0,
                "spot": bool(body.get("spot", False)),
                "memory": body.get("memory") or (snap.data["mem"] if snap else 1),
                "disk": body.get("disk") or (snap.data["disk"] if snap else 3),
                "state": "creating" if snap else "pending_build",
                "desiredState": "started",
                "errorReason": None,
                "recoverable": False,
                "backupState": "None",
                "autoStopInterval": 15 if body.get("autoStopInterval") is None else body["autoStopInterval"],
                "autoPauseInterval": 0 if body.get("autoPauseInterval") is None else body["autoPauseInterval"],
                "autoArchiveInterval": body.get("autoArchiveInterval") or 10080,
                "autoDeleteInterval": -1 if body.get("autoDeleteInterval") is None else body["autoDeleteInterval"],
                "volumes": body.get("volumes") or [],
                "createdAt": ts,
                "updatedAt": ts,
                "lastActivityAt": ts,
                "sandboxClass": body.get("class") or "container",
                "daemonVersion": DAEMON_VERSION,
                "runnerId": "runner-test-1",
                "toolboxProxyUrl": "",
            }
            for k in ("networkAllowList", "domainAllowList"):
                if body.get(k) is not None:
                    data[k] = body[k]
            if body.get("queueTimeout") is not None:
                data["queueTimeout"] = body["queueTimeout"]
            if body.get("ttlMinutes"):
                data["autoDestroyAt"] = (_dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(
                    minutes=body["ttlMinutes"])).isoformat(timespec="milliseconds").replace("+00:00", "Z")
            if bi is not None:
                ref = "registry.daytona.test/daytona/" + fake_hash(32) + ":daytona"
                data["buildInfo"] = {
                    "dockerfileContent": bi["dockerfileContent"],
                    "contextHashes": list(bi.get("contextHashes") or []),
                    "createdAt": ts,
                    "updatedAt": ts,
                    "snapshotRef": ref,
                }
            sb = Sandbox(data, self.st.root)
            sb.seq = self.st.next_seq()
            os.makedirs(sb.home, exist_ok=True)
            os.makedirs(sb.tmp, exist_ok=True)
            self.st.sandboxes[sid] = sb
            if snap:
                snap.data["lastUsedAt"] = ts
                self.st.chain(sb, [
                    lambda: self.st.set_sb_state(sb, "starting"),
                    lambda: self.st.set_sb_state(sb, "started"),
                ])
            else:
                sb.build_log = BuildLog()
                self._start_build(sb, bi, is_sandbox=True)
            return self.sandbox_view(sb)

    def _start_build(self, obj, bi: dict, is_sandbox: bool) -> None:
        """Runs a simulated Docker build for a sandbox (pending_build -> building_snapshot -> ...)
        or a snapshot (pending -> building -> active)."""
        gen = obj.gen
        st = self.st
        cfg = self.cfg
        blog = obj.build_log

        def alive() -> bool:
            return obj.gen == gen and not st.stop_event.is_set()

        def set_state(state, **fields):
            with st.lock:
                if not alive():
                    return False
                if is_sandbox:
                    st.set_sb_state(obj, state, **fields)
                else:
                    obj.data["state"] = state
                    obj.data["updatedAt"] = now_iso()
                    obj.data.update(fields)
                return True

        def worker():
            try:
                if cfg.state_delay > 0:
                    time.sleep(cfg.state_delay)
                if not set_state("building_snapshot" if is_sandbox else "building"):
                    return
                reason = verify_contexts(cfg, list(bi.get("contextHashes") or []))
                if reason:
                    groups, fail = [["#0 building with \"default\" instance using docker driver"], [reason]], reason
                else:
                    groups, fail = build_plan(bi["dockerfileContent"])
                for g in groups:
                    if not alive():
                        return
                    for line in g:
                        blog.append(line)
                        if cfg.build_line_delay > 0:
                            time.sleep(cfg.build_line_delay)
                if fail:
                    with st.lock:
                        if alive():
                            set_state("build_failed", errorReason=fail)
                            blog.finish()
                    return
                if is_sandbox:
                    blog.append(f"Successfully tagged {obj.data['buildInfo']['snapshotRef']}")
                    with st.lock:
                        if not alive():
                            return
                        blog.finish()
                    if cfg.state_delay > 0:
                        time.sleep(cfg.state_delay)
                    if not set_state("starting"):
                        return
                    if cfg.state_delay > 0:
                        time.sleep(cfg.state_delay)
                    set_state("started")
                else:
                    blog.append(f"Successfully tagged {obj.data['ref']}")
                    with st.lock:
                        if alive():
                            set_state("active", size=round(0.3 + len(groups) * 0.05, 2))
                        blog.finish()
            except Exception:  # pragma: no cover
                traceback.print_exc()
                blog.finish()

        if cfg.state_delay <= 0 and cfg.build_line_delay <= 0:
            worker()
        else:
            threading.Thread(target=worker, name="build", daemon=True).start()

    def list_filter(self, query: dict, paginated: bool) -> list[Sandbox]:
        labels_raw = q1(query, "labels")
        labels = None
        if labels_raw:
            try:
                labels = json.loads(labels_raw)
            except ValueError:
                raise ApiError(400, "labels must be a valid JSON-encoded object")
            if not isinstance(labels, dict):
                raise ApiError(400, "labels must be a valid JSON-encoded object")
        id_f = (q1(query, "id") or "").lower()
        name_f = (q1(query, "name") or "").lower()
        states = set(query.get("states", []))
        for s in states:
            if s not in SANDBOX_STATES:
                raise ApiError(400, f"each value in states must be one of the following values: {', '.join(sorted(SANDBOX_STATES))}")
        snapshots = set(query.get("snapshots", []))
        regions = set(query.get("regionIds", []) + query.get("regions", []))
        classes = set(query.get("sandboxClasses", []))
        is_public = qbool(query, "isPublic")
        include_errored = qbool(query, "includeErroredDeleted") or False

        def num(name):
            v = q1(query, name)
            if v is None:
                return None
            try:
                return float(v)
            except ValueError:
                raise ApiError(400, f"{name} must be a number")

        mins = {"cpu": num("minCpu"), "memory": num("minMemoryGiB"), "disk": num("minDiskGiB")}
        maxs = {"cpu": num("maxCpu"), "memory": num("maxMemoryGiB"), "disk": num("maxDiskGiB")}
        out = []
        for sb in self.st.sandboxes.values():
            d = sb.data
            if labels and any(d["labels"].get(k) != str(v) for k, v in labels.items()):
                continue
            if id_f and not (d["id"].lower().startswith(id_f) or (paginated and id_f in d["id"].lower())):
                continue
            if name_f and not (d["name"].lower().startswith(name_f) or (paginated and name_f in d["name"].lower())):
                continue
            if states and d["state"] not in states:
                continue
            if snapshots and d.get("snapshot") not in snapshots:
                continue
            if regions and d["target"] not in regions:
                continue
            if classes and d.get("sandboxClass") not in classes:
                continue
            if is_public is not None and d["public"] != is_public:
                continue
            if not include_errored and d["state"] in ("error", "build_failed") and d["desiredState"] == "destroyed":
                continue
            if any(mins[k] is not None and d[k] < mins[k] for k in mins):
                continue
            if any(maxs[k] is not None and d[k] > maxs[k] for k in maxs):
                continue
            out.append(sb)
        sort = q1(query, "sort") or "createdAt"
        order = (q1(query, "order") or "desc").lower()
        if order not in ("asc", "desc"):
            raise ApiError(400, "order must be one of the following values: asc, desc")
        keymap = {"name": lambda s: s.data["name"].lower(), "cpu": lambda s: s.data["cpu"],
                  "memoryGib": lambda s: s.data["memory"], "diskGib": lambda s: s.data["disk"],
                  "lastActivityAt": lambda s: s.data["lastActivityAt"],
                  "createdAt": lambda s: s.seq, "updatedAt": lambda s: s.data["updatedAt"],
                  "state": lambda s: s.data["state"], "id": lambda s: s.data["id"],
                  "snapshot": lambda s: s.data.get("snapshot") or "", "region": lambda s: s.data["target"]}
        if sort not in keymap:
            raise ApiError(400, f"sort must be one of the following values: {', '.join(keymap)}")
        out.sort(key=lambda s: (keymap[sort](s), s.seq), reverse=(order == "desc"))
        return out

    def list_sandboxes(self, query: dict) -> dict:
        limit = qint(query, "limit", 100, 1, 200)
        cursor = q1(query, "cursor")
        offset = 0
        if cursor:
            try:
                offset = int(base64.urlsafe_b64decode(cursor.encode() + b"==").decode().split(":", 1)[1])
            except Exception:
                raise ApiError(400, "Invalid cursor")
        with self.st.lock:
            items = self.list_filter(query, paginated=False)
            page = items[offset:offset + limit]
            next_cursor = None
            if offset + limit < len(items):
                next_cursor = base64.urlsafe_b64encode(f"o:{offset + limit}".encode()).decode().rstrip("=")
            return {"items": [self.sandbox_list_item(s) for s in page], "nextCursor": next_cursor}

    def list_sandboxes_paginated(self, query: dict) -> dict:
        limit = qint(query, "limit", 100, 1, 200)
        page = qint(query, "page", 1, 1, None)
        with self.st.lock:
            items = self.list_filter(query, paginated=True)
            total = len(items)
            chunk = items[(page - 1) * limit: page * limit]
            return {"items": [self.sandbox_view(s) for s in chunk], "total": total, "page": page,
                    "totalPages": math.ceil(total / limit)}

    def start_sandbox(self, id_or_name: str) -> dict:
        with self.st.lock:
            sb = self.st.get_sandbox(id_or_name)
            s = sb.state
            if s in ("started", "starting"):
                return self.sandbox_view(sb)
            if s in ("stopped", "archived"):
                sb.gen += 1
                self.st.set_sb_state(sb, "starting", desiredState="started", errorReason=None)
                self.st.chain(sb, [lambda: self.st.set_sb_state(sb, "started")])
                return self.sandbox_view(sb)
            if s in TRANSITIONAL:
                raise ApiError(409, f"Sandbox {sb.id} state change in progress (current state: {s})")
            raise ApiError(400, f"Sandbox {sb.id} is in {s} state and cannot be started"
                           + (f": {sb.data['errorReason']}" if sb.data.get("errorReason") else ""))

    def stop_sandbox(self, id_or_name: str) -> dict:
        with self.st.lock:
            sb = self.st.get_sandbox(id_or_name)
            s = sb.state
            if s in ("stopped", "stopping"):
                return self.sandbox_view(sb)
            if s == "started":
                sb.gen += 1
                self.st.set_sb_state(sb, "stopping", desiredState="stopped")

                def stopped():
                    self.st.set_sb_state(sb, "stopped")
                    if sb.data.get("autoDeleteInterval") == 0:  # ephemeral: deleted upon stopping
                        self._destroy(sb)

                self.st.chain(sb, [stopped])
                return self.sandbox_view(sb)
            if s in TRANSITIONAL:
                raise ApiError(409, f"Sandbox {sb.id} state change in progress (current state: {s})")
            raise ApiError(400, f"Sandbox {sb.id} is in {s} state and cannot be stopped")

    def _destroy(self, sb: Sandbox) -> None:
        sb.gen += 1
        self.st.set_sb_state(sb, "destroying", desiredState="destroyed")
        if sb.build_log:
            sb.build_log.finish()

        def gone():
            self.st.sandboxes.pop(sb.id, None)
            threading.Thread(target=shutil.rmtree, args=(sb.dir,), kwargs={"ignore_errors": True},
                             daemon=True).start()

        self.st.chain(sb, [gone])

    def delete_sandbox(self, id_or_name: str) -> dict:
        with self.st.lock:
            sb = self.st.get_sandbox(id_or_name)
            if sb.state != "destroying":
                self._destroy(sb)
            return self.sandbox_view(sb) if sb.id in self.st.sandboxes else dict(
                self.sandbox_view(sb), state="destroyed")

    def replace_labels(self, id_or_name: str, body) -> dict:
        if not isinstance(body, dict) or not isinstance(body.get("labels"), dict) or not all(
                isinstance(v, str) for v in body["labels"].values()):
            raise ApiError(400, "labels must be an object with string values")
        with self.st.lock:
            sb = self.st.get_sandbox(id_or_name)
            sb.data["labels"] = dict(body["labels"])
            sb.data["updatedAt"] = now_iso()
            return {"labels": sb.data["labels"]}

    # -- snapshots --------------------------------------------------------

    def snapshot_view(self, snap: Snapshot) -> dict:
        return json.loads(json.dumps(snap.data))

    def create_snapshot(self, body) -> dict:
        if not isinstance(body, dict):
            raise ApiError(400, "Request body must be a JSON object")
        errors: list[str] = []
        if not isinstance(body.get("name"), str) or not body["name"].strip():
            errors.append("name must be a string")
            errors.append("name should not be empty")
        validate_str(body, "imageName", errors)
        validate_str(body, "regionId", errors)
        ep = body.get("entrypoint")
        if ep is not None and (not isinstance(ep, list) or not all(isinstance(x, str) for x in ep)):
            errors.append("entrypoint must be an array of strings")
        for k in ("cpu", "memory", "disk"):
            validate_int(body, k, errors, 1)
        validate_int(body, "gpu", errors, 0)
        bi = body.get("buildInfo")
        validate_build_info(bi, errors)
        raise_validation(errors)
        name = body["name"].strip()
        image = body.get("imageName")
        if not image and bi is None:
            raise ApiError(400, "Must specify either imageName or buildInfo")
        if image and bi is not None:
            raise ApiError(400, "Cannot specify both imageName and buildInfo")
        if image:
            err = image_tag_error(image)
            if err:
                raise ApiError(400, err)
        with self.st.lock:
            if self.st.find_snapshot(name):
                raise ApiError(409, f"Snapshot with name {name} already exists")
            ts = now_iso()
            sid = str(uuid.uuid4())
            data = {
                "id": sid,
                "organizationId": self.cfg.organization_id,
                "general": False,
                "name": name,
                "imageName": image,
                "state": "pending",
                "size": None,
                "entrypoint": ep,
                "cpu": body.get("cpu") or 1,
                "gpu": body.get("gpu") or 0,
                "mem": body.get("memory") or 1,
                "disk": body.get("disk") or 3,
                "errorReason": None,
                "createdAt": ts,
                "updatedAt": ts,
                "lastUsedAt": None,
                "regionIds": [body.get("regionId") or self.cfg.default_target],
                "initialRunnerId": "runner-test-1",
                "ref": "registry.daytona.test/daytona/" + fake_hash(32) + ":daytona",
                "sourceSandboxId": None,
                "sandboxClass": body.get("sandboxClass") or "container",
            }
            if bi is not None:
                data["buildInfo"] = {
                    "dockerfileContent": bi["dockerfileContent"],
                    "contextHashes": list(bi.get("contextHashes") or []),
                    "createdAt": ts, "updatedAt": ts, "snapshotRef": data["ref"],
                }
            snap = Snapshot(data)
            snap.seq = self.st.next_seq()
            snap.build_log = BuildLog()
            self.st.snapshots[sid] = snap
            if bi is not None:
                self._start_build(snap, bi, is_sandbox=False)
            else:
                blog = snap.build_log

                def pulling():
                    snap.data.update(state="pulling", updatedAt=now_iso())
                    blog.append(f"{image}: Pulling from {image.split(':')[0]}")
                    blog.append(f"Digest: sha256:{secrets.token_hex(32)}")
                    blog.append(f"Status: Downloaded newer image for {image}")

                def active():
                    snap.data.update(state="active", updatedAt=now_iso(), size=0.8)
                    blog.append(f"Snapshot {name} is active")
                    blog.finish()

                self.st.chain(snap, [pulling, active])
            return self.snapshot_view(snap)

    def list_snapshots(self, query: dict) -> dict:
        limit = qint(query, "limit", 100, 1, 200)
        page = qint(query, "page", 1, 1, None)
        name_f = (q1(query, "name") or "").lower()
        src = q1(query, "sourceSandboxId")
        sort = q1(query, "sort") or "lastUsedAt"
        order = (q1(query, "order") or "desc").lower()
        keymap = {"name": lambda s: s.data["name"].lower(), "state": lambda s: s.data["state"],
                  "lastUsedAt": lambda s: s.data["lastUsedAt"] or s.data["createdAt"],
                  "createdAt": lambda s: s.seq}
        if sort not in keymap:
            raise ApiError(400, "sort must be one of the following values: name, state, lastUsedAt, createdAt")
        if order not in ("asc", "desc"):
            raise ApiError(400, "order must be one of the following values: asc, desc")
        with self.st.lock:
            items = [s for s in self.st.snapshots.values()
                     if (not name_f or name_f in s.data["name"].lower())
                     and (not src or s.data.get("sourceSandboxId") == src)]
            items.sort(key=lambda s: (keymap[sort](s), s.seq), reverse=(order == "desc"))
            total = len(items)
            chunk = items[(page - 1) * limit: page * limit]
            return {"items": [self.snapshot_view(s) for s in chunk], "total": total, "page": page,
                    "totalPages": math.ceil(total / limit)}

    def get_snapshot(self, id_or_name: str) -> Snapshot:
        snap = self.st.find_snapshot(id_or_name)
        if not snap:
            raise ApiError(404, f"Snapshot {id_or_name} not found")
        return snap

    def delete_snapshot(self, sid: str) -> None:
        with self.st.lock:
            snap = self.st.snapshots.get(sid)
            if not snap:
                raise ApiError(404, f"Snapshot {sid} not found")
            snap.gen += 1
            if snap.build_log:
                snap.build_log.finish()
            del self.st.snapshots[sid]

    def push_access(self) -> dict:
        if not self.cfg.s3_endpoint:
            raise ApiError(500, "Object storage is not configured for this organization")
        return {
            "accessKey": self.cfg.s3_access_key,
            "secret": self.cfg.s3_secret,
            "sessionToken": self.cfg.s3_session_token,
            "storageUrl": self.cfg.s3_endpoint,
            "organizationId": self.cfg.organization_id,
            "bucket": self.cfg.s3_bucket,
            "region": self.cfg.s3_region,
        }


# ---------------------------------------------------------------------------
# Query helpers


def q1(query: dict, name: str):
    v = query.get(name)
    return v[-1] if v else None


def qbool(query: dict, name: str):
    v = q1(query, name)
    if v is None or v == "":
        return None
    if v.lower() in ("true", "1"):
        return True
    if v.lower() in ("false", "0"):
        return False
    raise ApiError(400, f"{name} must be a boolean value")


def qint(query: dict, name: str, default: int, minimum: int | None, maximum: int | None) -> int:
    v = q1(query, name)
    if v is None or v == "":
        return default
    try:
        n = float(v)
        if n != int(n):
            raise ValueError
        n = int(n)
    except ValueError:
        raise ApiError(400, f"{name} must be a number conforming to the specified constraints")
    if minimum is not None and n < minimum:
        raise ApiError(400, f"{name} must not be less than {minimum}")
    if maximum is not None and n > maximum:
        raise ApiError(400, f"{name} must not be greater than {maximum}")
    return n


# ---------------------------------------------------------------------------
# Toolbox


class Toolbox:
    def __init__(self, state: State):
        self.st = state
        self.cfg = state.cfg

    def resolve(self, sb: Sandbox, p, what: str = "path") -> str:
        if not isinstance(p, str) or p == "":
            raise ApiError(400, f"{what} is required", daemon=True, code="BAD_REQUEST")
        if "\x00" in p:
            raise ApiError(400, f"invalid {what}: {p!r}", daemon=True, code="INVALID_FILE_PATH")
        user = sb.data.get("user") or "daytona"
        user_home = "/root" if user == "root" else f"/home/{user}"
        if p == "~" or p.startswith("~/"):
            target = os.path.normpath(sb.home + p[1:])
        elif p.startswith("/"):
            norm = posixpath.normpath(p)
            if norm.startswith("//"):
                norm = "/" + norm.lstrip("/")
            if norm == sb.dir or norm.startswith(sb.dir + "/"):
                target = norm
            elif norm == user_home or norm.startswith(user_home + "/"):
                target = sb.home + norm[len(user_home):]
            else:
                target = os.path.normpath(sb.rootfs + norm)
        else:
            target = os.path.normpath(os.path.join(sb.home, p))
        real_base = os.path.realpath(sb.dir)
        real = os.path.realpath(target)
        if not (real == real_base or real.startswith(real_base + os.sep)):
            raise ApiError(400, f"invalid {what}: {p} is outside the sandbox", daemon=True,
                           code="INVALID_FILE_PATH")
        return target

    def env_for(self, sb: Sandbox, extra) -> dict:
        user = sb.data.get("user") or "daytona"
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": sb.home,
            "USER": user,
            "LOGNAME": user,
            "LANG": "C.UTF-8",
            "SHELL": self.cfg.shell,
            "DAYTONA_SANDBOX_ID": sb.id,
            "DAYTONA_SANDBOX_USER": user,
            "DAYTONA_SANDBOX_SNAPSHOT": sb.data.get("snapshot") or "",
        }
        env.update(sb.data.get("env") or {})
        if extra:
            env.update(extra)
        return env

    def run(self, argv: list[str], cwd: str, env: dict, timeout: float) -> tuple[int, str]:
        try:
            proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        except OSError as e:
            raise ApiError(400, f"failed to start command: {e}", daemon=True, code="BAD_REQUEST")
        with self.st.lock:
            self.st.procs.add(proc)
        try:
            try:
                out, _ = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                kill_group(proc)
                try:
                    proc.communicate(timeout=2)
                except subprocess.TimeoutExpired:
                    pass
                raise ApiError(408, "command execution timeout", daemon=True, code="PROCESS_EXECUTION_TIMEOUT")
        finally:
            with self.st.lock:
                self.st.procs.discard(proc)
        code = proc.returncode
        if code is None or code < 0:
            code = -1  # killed by a signal: the daemon (Go's ExitCode) reports -1
        return code, out.decode("utf-8", "replace")

    def timeout_of(self, body) -> float:
        t = body.get("timeout")
        if t is None or t == 0:
            return DEFAULT_EXEC_TIMEOUT
        if not isinstance(t, (int, float)) or isinstance(t, bool) or t < 0:
            raise ApiError(400, "timeout must be a non-negative integer", daemon=True, code="INVALID_REQUEST_BODY")
        return float(t)

    def check_env(self, body, key: str) -> dict:
        envs = body.get(key)
        if envs is None:
            return {}
        if not isinstance(envs, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in envs.items()):
            raise ApiError(400, f"{key} must be an object with string values", daemon=True, code="INVALID_REQUEST_BODY")
        return envs

    def execute(self, sb: Sandbox, body) -> dict:
        if not isinstance(body, dict) or not isinstance(body.get("command"), str):
            raise ApiError(400, "command is required", daemon=True, code="INVALID_REQUEST_BODY")
        command = body["command"]
        envs = self.check_env(body, "envs") or self.check_env(body, "env")
        timeout = self.timeout_of(body)
        if self.cfg.instant:
            return {"exitCode": 0, "result": command + "\n"}
        cwd = sb.home
        if body.get("cwd"):
            cwd = self.resolve(sb, body["cwd"], "cwd")
            if not os.path.isdir(cwd):
                raise ApiError(400, f"chdir {body['cwd']}: no such file or directory", daemon=True,
                               code="BAD_REQUEST")
        code, out = self.run([self.cfg.shell, "-c", command], cwd, self.env_for(sb, envs), timeout)
        return {"exitCode": code, "result": out}

    def take_charts(self, sb: Sandbox) -> list:
        with self.st.lock:
            for i, (key, charts) in enumerate(self.st.chart_queue):
                if key in ("*", sb.id, sb.data["name"]):
                    del self.st.chart_queue[i]
                    return list(charts)
        return []

    def code_run(self, sb: Sandbox, body) -> dict:
        if not isinstance(body, dict) or not isinstance(body.get("code"), str):
            raise ApiError(400, "code is required", daemon=True, code="INVALID_REQUEST_BODY")
        language = (body.get("language") or "python").lower()
        if language not in ("python", "javascript", "typescript"):
            raise ApiError(400, f"unsupported language: {language}", daemon=True, code="BAD_REQUEST")
        argv = body.get("argv") or []
        if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
            raise ApiError(400, "argv must be an array of strings", daemon=True, code="INVALID_REQUEST_BODY")
        envs = self.check_env(body, "envs")
        timeout = self.timeout_of(body)
        charts = self.take_charts(sb)
        if self.cfg.instant:
            return {"exitCode": 0, "result": "", "artifacts": {"charts": charts}}
        os.makedirs(sb.tmp, exist_ok=True)
        token = uuid.uuid4().hex
        ext = {"python": ".py", "javascript": ".js", "typescript": ".ts"}[language]
        src = os.path.join(sb.tmp, f"code-run-{token}{ext}")
        charts_file = os.path.join(sb.tmp, f"charts-{token}.json")
        with open(src, "w", encoding="utf-8") as f:
            f.write(body["code"])
        if language == "python":
            interp = shutil.which("python3") or sys.executable
            cmd = [interp, src]
        else:
            node = shutil.which("node")
            if not node:
                raise ApiError(500, "node is not installed on the test server", daemon=True)
            cmd = [node, src]  # typescript: best effort, run as JavaScript
        env = self.env_for(sb, envs)
        env["DAYTONA_TEST_CHARTS_FILE"] = charts_file
        try:
            code, out = self.run(cmd + argv, sb.home, env, timeout)
            if os.path.exists(charts_file):
                try:
                    with open(charts_file, encoding="utf-8") as f:
                        extra = json.load(f)
                    if isinstance(extra, list):
                        charts.extend(extra)
                except ValueError:
                    pass
        finally:
            for p in (src, charts_file):
                try:
                    os.unlink(p)
                except OSError:
                    pass
        return {"exitCode": code, "result": out, "artifacts": {"charts": charts}}

    def file_info(self, path: str, shown: str) -> dict:
        stt = os.stat(path)
        mode = stt.st_mode
        perm = oct(mode & 0o777)[2:]
        import stat as _stat
        ts = _dt.datetime.fromtimestamp(stt.st_mtime, _dt.timezone.utc)
        return {
            "name": os.path.basename(shown.rstrip("/")) or shown,
            "path": shown,
            "isDir": os.path.isdir(path),
            "size": stt.st_size,
            "mode": _stat.filemode(mode),
            "permissions": perm.zfill(4),
            "owner": "daytona",
            "group": "daytona",
            "modTime": ts.strftime("%Y-%m-%d %H:%M:%S.%f +0000 UTC"),
            "modifiedAt": ts.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }


def kill_group(proc) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            proc.kill()
        except OSError:
            pass


# ---------------------------------------------------------------------------
# HTTP handler


API_ROUTES = []
TOOLBOX_ROUTES = []


def route(table, method, pattern):
    rx = re.compile("^" + pattern + "$")

    def deco(fn):
        table.append((method, rx, fn))
        return fn

    return deco


STREAMING_BODY_ROUTES = re.compile(r"^/toolbox/[^/]+/files/(bulk-upload|upload|upload-v2)$")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # A response's head and body go out in two send() calls; with Nagle's algorithm on, the body
    # waits for the client's delayed ACK of the head (~40 ms per request on a kept-alive
    # connection), which made every client look slow. Real servers set TCP_NODELAY too.
    disable_nagle_algorithm = True
    server_version = SERVER_VERSION
    sys_version = ""
    timeout = 300  # idle keep-alive connections are closed after this

    # set on the class by make_server
    st: State = None  # type: ignore
    svc: Service = None  # type: ignore
    tb: Toolbox = None  # type: ignore

    def log_message(self, fmt, *args):  # noqa: N802
        if self.st.cfg.verbose:
            log("%s %s" % (self.address_string(), fmt % args))

    def peer(self) -> str:
        """The connection's remote address as `host:port` (`[host]:port` for IPv6)."""
        host, port = self.client_address[:2]
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    def do_GET(self):  # noqa: N802
        self.dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    # -- response helpers -------------------------------------------------

    def send_bytes(self, status: int, data: bytes, ctype: str = "application/json; charset=utf-8",
                   headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_json(self, status: int, obj, headers: dict | None = None) -> None:
        self.send_bytes(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), headers=headers)

    def send_error_json(self, err: ApiError) -> None:
        body = envelope(err.status, err.message, self.path_only, self.command, err.code, err.daemon, err.extra)
        self.send_json(err.status, body, headers=err.headers)

    def start_chunked(self, status: int, ctype: str, headers: dict | None = None) -> ChunkedWriter:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Accel-Buffering", "no")
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        return ChunkedWriter(self.wfile)

    # -- dispatch -----------------------------------------------------------

    def dispatch(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        self.path_only = parsed.path or "/"  # raw (still percent-encoded): routing, log, envelopes
        self.query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        self.entry = None
        self.body = None
        try:
            self.reader = BodyReader(self.rfile, self.headers)
        except ApiError as e:
            self.close_connection = True
            self.send_error_json(e)
            return
        try:
            p = self.path_only
            if p == "/_test" or p.startswith("/_test/"):
                self.handle_test()
            elif p == "/api" or p.startswith("/api/"):
                self.handle_logged(API_ROUTES, p)
            elif p == "/toolbox" or p.startswith("/toolbox/"):
                self.handle_logged(TOOLBOX_ROUTES, p)
            else:
                self.read_body_maybe()
                raise ApiError(404, f"Cannot {self.command} {p}")
        except DropConnection:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        except ApiError as e:
            if not self.reader.eof:
                if not self.reader.drain():
                    self.close_connection = True
            self.send_error_json(e)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout):
            self.close_connection = True
            return
        except Exception as e:  # pragma: no cover - defensive
            traceback.print_exc()
            self.close_connection = True
            try:
                self.send_error_json(ApiError(500, f"Internal server error: {e}"))
            except OSError:
                pass
            return
        if not self.reader.eof:
            if not self.reader.drain():
                self.close_connection = True
        if self.entry is not None:
            self.entry["bodySize"] = self.reader.total

    def read_body_maybe(self) -> None:
        if self.body is None:
            self.body = self.reader.read_all()

    def parsed_json(self):
        raw = self.body or b""
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def json_body(self):
        raw = self.body or b""
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise ApiError(400, "Request body is not valid JSON")

    def handle_logged(self, table, p: str) -> None:
        streaming = bool(STREAMING_BODY_ROUTES.match(p))
        if not streaming:
            self.read_body_maybe()
        headers = {}
        for k, v in self.headers.items():
            lk = k.lower()
            headers[lk] = headers[lk] + ", " + v if lk in headers else v
        entry = {
            "index": -1,
            "time": now_iso(),
            "method": self.command,
            "path": p,
            "query": {k: (v[0] if len(v) == 1 else v) for k, v in self.query.items()},
            "rawQuery": urllib.parse.urlsplit(self.path).query,
            "headers": headers,
            "json": None if streaming else self.parsed_json(),
            "bodySize": self.reader.total,
            "peer": self.peer(),
        }
        self.entry = self.st.log_request(entry)
        rule = self.st.take_fault(self.command, p)
        if rule is not None:
            action = rule.get("action")
            entry["fault"] = action or f"status {rule.get('status', 500)}"
            if action == "drop":
                raise DropConnection()
            if action == "delay":
                time.sleep(float(rule.get("seconds", 1.0)))
            else:
                status = int(rule.get("status", 500))
                hdrs = dict(rule.get("headers") or {})
                body = rule.get("body")
                if not self.reader.eof and not self.reader.drain():
                    self.close_connection = True
                if body is None:
                    msg = "ThrottlerException: Too Many Requests" if status == 429 else status_phrase(status)
                    body = envelope(status, msg, p)
                if isinstance(body, str):
                    self.send_bytes(status, body.encode(), "text/plain; charset=utf-8", hdrs)
                else:
                    self.send_json(status, body, hdrs)
                return
        self.check_auth()
        for method, rx, fn in table:
            m = rx.match(p)
            if m and method == self.command:
                fn(self, *[urllib.parse.unquote(g) for g in m.groups()])  # groups decoded once
                return
        raise ApiError(404, f"Cannot {self.command} {p}")

    def check_auth(self) -> None:
        cfg = self.st.cfg
        auth = self.headers.get("Authorization") or ""
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else None
        if token and token == cfg.api_key:
            return
        if token and cfg.jwt_token and token == cfg.jwt_token:
            if self.headers.get("X-Daytona-Organization-ID") == cfg.organization_id:
                return
        raise ApiError(401, "Unauthorized")

    # -- /_test -----------------------------------------------------------

    def handle_test(self) -> None:
        self.read_body_maybe()
        p = self.path_only.rstrip("/")
        m = self.command
        st = self.st
        if p == "/_test/health" and m == "GET":
            return self.send_json(200, {"status": "ok"})
        if p == "/_test/reset" and m == "POST":
            st.reset()
            return self.send_json(200, {"status": "ok"})
        if p == "/_test/requests":
            if m == "GET":
                since = qint(self.query, "since", 0, 0, None)
                with st.lock:
                    data = json.loads(json.dumps(st.requests[since:]))
                return self.send_json(200, data)
            if m == "DELETE":
                with st.lock:
                    st.requests.clear()
                return self.send_json(200, {"status": "ok"})
        if p == "/_test/faults":
            if m == "POST":
                rules = self.json_body()
                if isinstance(rules, dict):
                    rules = [rules]
                if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
                    raise ApiError(400, "body must be a fault rule or a list of rules")
                new = []
                for r in rules:
                    r = dict(r)
                    try:
                        r["_re"] = re.compile(r["path"]) if r.get("path") else None
                    except re.error as e:
                        raise ApiError(400, f"invalid path regex {r.get('path')!r}: {e}")
                    if r.get("action") not in (None, "drop", "delay"):
                        raise ApiError(400, "action must be drop or delay")
                    if "times" not in r:
                        r["times"] = 1
                    r["_used"] = 0
                    new.append(r)
                with st.lock:
                    st.faults.extend(new)
                return self.send_json(200, {"status": "ok", "count": len(st.faults)})
            if m == "GET":
                with st.lock:
                    data = [{k: v for k, v in r.items() if k != "_re"} for r in st.faults]
                return self.send_json(200, data)
            if m == "DELETE":
                with st.lock:
                    st.faults.clear()
                return self.send_json(200, {"status": "ok"})
        if p == "/_test/code-run-charts":
            if m == "POST":
                body = self.json_body()
                if not isinstance(body, dict) or not isinstance(body.get("charts"), list):
                    raise ApiError(400, 'body must be {"sandbox": "<id|name|*>", "charts": [...]}')
                with st.lock:
                    st.chart_queue.append((str(body.get("sandbox") or "*"), body["charts"]))
                return self.send_json(200, {"status": "ok"})
            if m == "DELETE":
                with st.lock:
                    st.chart_queue.clear()
                return self.send_json(200, {"status": "ok"})
        if p == "/_test/sandboxes" and m == "GET":
            with st.lock:
                return self.send_json(200, [self.svc.sandbox_view(s) for s in st.sandboxes.values()])
        mm = re.match(r"^/_test/sandboxes/([^/]+)/state$", p)
        if mm and m == "POST":
            body = self.json_body() or {}
            state = body.get("state")
            if state not in SANDBOX_STATES:
                raise ApiError(400, f"state must be one of {sorted(SANDBOX_STATES)}")
            with st.lock:
                sb = st.get_sandbox(urllib.parse.unquote(mm.group(1)))
                sb.gen += 1
                fields = {}
                if "errorReason" in body:
                    fields["errorReason"] = body["errorReason"]
                if "desiredState" in body:
                    fields["desiredState"] = body["desiredState"]
                if "recoverable" in body:
                    fields["recoverable"] = bool(body["recoverable"])
                st.set_sb_state(sb, state, **fields)
                if sb.build_log and state not in ("pending_build", "building_snapshot"):
                    sb.build_log.finish()
                return self.send_json(200, self.svc.sandbox_view(sb))
        raise ApiError(404, f"Cannot {m} {self.path_only}")

    # -- control plane routes ------------------------------------------------

    @route(API_ROUTES, "POST", r"/api/sandbox")
    def r_create_sandbox(self):
        self.send_json(200, self.svc.create_sandbox(self.json_body()))

    @route(API_ROUTES, "GET", r"/api/sandbox")
    def r_list_sandboxes(self):
        self.send_json(200, self.svc.list_sandboxes(self.query))

    @route(API_ROUTES, "GET", r"/api/sandbox/paginated")
    def r_list_paginated(self):
        self.send_json(200, self.svc.list_sandboxes_paginated(self.query))

    @route(API_ROUTES, "GET", r"/api/sandbox/([^/]+)")
    def r_get_sandbox(self, sid):
        with self.st.lock:
            self.send_json(200, self.svc.sandbox_view(self.st.get_sandbox(sid)))

    @route(API_ROUTES, "DELETE", r"/api/sandbox/([^/]+)")
    def r_delete_sandbox(self, sid):
        self.send_json(200, self.svc.delete_sandbox(sid))

    @route(API_ROUTES, "POST", r"/api/sandbox/([^/]+)/start")
    def r_start(self, sid):
        self.send_json(200, self.svc.start_sandbox(sid))

    @route(API_ROUTES, "POST", r"/api/sandbox/([^/]+)/stop")
    def r_stop(self, sid):
        self.send_json(200, self.svc.stop_sandbox(sid))

    @route(API_ROUTES, "PUT", r"/api/sandbox/([^/]+)/labels")
    def r_labels(self, sid):
        self.send_json(200, self.svc.replace_labels(sid, self.json_body()))

    @route(API_ROUTES, "GET", r"/api/sandbox/([^/]+)/toolbox-proxy-url")
    def r_toolbox_url(self, sid):
        with self.st.lock:
            self.st.get_sandbox(sid)
        self.send_json(200, {"url": self.st.toolbox_url()})

    @route(API_ROUTES, "GET", r"/api/sandbox/([^/]+)/build-logs-url")
    def r_sb_build_logs_url(self, sid):
        with self.st.lock:
            sb = self.st.get_sandbox(sid)
            if not sb.build_log:
                raise ApiError(400, f"Sandbox {sb.id} was not created from an image build and has no build logs")
        self.send_json(200, {"url": f"{self.st.cfg.base_url}/api/sandbox/{sb.id}/build-logs"})

    @route(API_ROUTES, "GET", r"/api/sandbox/([^/]+)/build-logs")
    def r_sb_build_logs(self, sid):
        with self.st.lock:
            sb = self.st.get_sandbox(sid)
            if not sb.build_log:
                raise ApiError(400, f"Sandbox {sb.id} was not created from an image build and has no build logs")
        self.stream_log(sb.build_log)

    @route(API_ROUTES, "POST", r"/api/snapshots")
    def r_create_snapshot(self):
        self.send_json(200, self.svc.create_snapshot(self.json_body()))

    @route(API_ROUTES, "GET", r"/api/snapshots")
    def r_list_snapshots(self):
        self.send_json(200, self.svc.list_snapshots(self.query))

    @route(API_ROUTES, "GET", r"/api/snapshots/([^/]+)")
    def r_get_snapshot(self, sid):
        with self.st.lock:
            self.send_json(200, self.svc.snapshot_view(self.svc.get_snapshot(sid)))

    @route(API_ROUTES, "DELETE", r"/api/snapshots/([^/]+)")
    def r_delete_snapshot(self, sid):
        self.svc.delete_snapshot(sid)
        self.send_bytes(200, b"", "text/plain; charset=utf-8")

    @route(API_ROUTES, "GET", r"/api/snapshots/([^/]+)/build-logs-url")
    def r_snap_logs_url(self, sid):
        with self.st.lock:
            snap = self.st.snapshots.get(sid)
            if not snap:
                raise ApiError(404, f"Snapshot {sid} not found")
        self.send_json(200, {"url": f"{self.st.cfg.base_url}/api/snapshots/{snap.data['id']}/build-logs"})

    @route(API_ROUTES, "GET", r"/api/snapshots/([^/]+)/build-logs")
    def r_snap_logs(self, sid):
        with self.st.lock:
            snap = self.st.snapshots.get(sid)
            if not snap:
                raise ApiError(404, f"Snapshot {sid} not found")
        self.stream_log(snap.build_log or BuildLog())

    @route(API_ROUTES, "GET", r"/api/object-storage/push-access")
    def r_push_access(self):
        self.send_json(200, self.svc.push_access())

    def stream_log(self, blog: BuildLog) -> None:
        follow = qbool(self.query, "follow") or False
        if not follow:
            return self.send_bytes(200, blog.text().encode(), "text/plain; charset=utf-8")
        w = self.start_chunked(200, "text/plain; charset=utf-8")
        for text in blog.follow(self.st.stop_event):
            w.write(text.encode())
        w.close()

    # -- toolbox routes -----------------------------------------------------

    def sandbox_for_toolbox(self, sid: str) -> Sandbox:
        with self.st.lock:
            sb = self.st.sandboxes.get(sid)
            if not sb:
                raise ApiError(404, f"Sandbox with ID {sid} not found")
            if sb.state != "started":
                raise ApiError(409, f"Sandbox {sid} is not started (current state: {sb.state})")
            sb.data["lastActivityAt"] = now_iso()
            return sb

    @route(TOOLBOX_ROUTES, "POST", r"/toolbox/([^/]+)/process/execute")
    def t_execute(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        self.send_json(200, self.tb.execute(sb, self.json_body()))

    @route(TOOLBOX_ROUTES, "POST", r"/toolbox/([^/]+)/process/code-run")
    def t_code_run(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        self.send_json(200, self.tb.code_run(sb, self.json_body()))

    @route(TOOLBOX_ROUTES, "GET", r"/toolbox/([^/]+)/(?:info/)?(work-dir|user-home-dir|project-dir)")
    def t_dirs(self, sid, _which):
        sb = self.sandbox_for_toolbox(sid)
        self.send_json(200, {"dir": sb.home})

    @route(TOOLBOX_ROUTES, "GET", r"/toolbox/([^/]+)/version")
    def t_version(self, sid):
        self.sandbox_for_toolbox(sid)
        self.send_json(200, {"version": DAEMON_VERSION})

    @route(TOOLBOX_ROUTES, "GET", r"/toolbox/([^/]+)/files/download")
    def t_download(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        shown = q1(self.query, "path")
        path = self.tb.resolve(sb, shown)
        if not os.path.exists(path):
            raise ApiError(404, f"file not found: {shown}", daemon=True, code="FILE_NOT_FOUND")
        if os.path.isdir(path):
            raise ApiError(400, f"path is a directory: {shown}", daemon=True, code="BAD_REQUEST")
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(size))
            name = os.path.basename(shown)
            self.send_header("Content-Disposition", content_disposition(None, name, "attachment"))
            self.end_headers()
            if size:
                self.connection.sendfile(f)

    @route(TOOLBOX_ROUTES, "POST", r"/toolbox/([^/]+)/files/bulk-download")
    def t_bulk_download(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        body = self.json_body()
        if not isinstance(body, dict) or not isinstance(body.get("paths"), list) or not all(
                isinstance(x, str) for x in body["paths"]):
            raise ApiError(400, "paths must be an array of strings", daemon=True, code="INVALID_REQUEST_BODY")
        boundary = "daytona" + secrets.token_hex(16)
        plan = []
        for shown in body["paths"]:
            try:
                path = self.tb.resolve(sb, shown)
                if not os.path.exists(path):
                    raise ApiError(404, f"file not found: {shown}", daemon=True, code="FILE_NOT_FOUND")
                if os.path.isdir(path):
                    raise ApiError(400, f"path is a directory: {shown}", daemon=True, code="BAD_REQUEST")
                plan.append((shown, path, None))
            except ApiError as e:
                plan.append((shown, None, e))
        w = self.start_chunked(200, f"multipart/form-data; boundary={boundary}")
        for shown, path, err in plan:
            if err is None:
                try:
                    f = open(path, "rb")
                except OSError as e:
                    err = ApiError(403 if isinstance(e, PermissionError) else 404,
                                   f"cannot read {shown}: {e.strerror}", daemon=True,
                                   code="FILE_ACCESS_DENIED" if isinstance(e, PermissionError) else "FILE_NOT_FOUND")
            if err is not None:
                payload = json.dumps(envelope(err.status, err.message, self.path_only, "POST", err.code,
                                              True)).encode()
                w.write((f"--{boundary}\r\nContent-Disposition: {content_disposition('error', shown)}\r\n"
                         f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n").encode()
                        + payload + b"\r\n")
                continue
            with f:
                size = os.fstat(f.fileno()).st_size
                w.write((f"--{boundary}\r\nContent-Disposition: {content_disposition('file', shown)}\r\n"
                         f"Content-Type: application/octet-stream\r\nContent-Length: {size}\r\n\r\n").encode())
                while True:
                    data = f.read(IO_CHUNK)
                    if not data:
                        break
                    w.write(data)
                w.write(b"\r\n")
        w.write(f"--{boundary}--\r\n".encode())
        w.close()

    def multipart_boundary(self) -> str | None:
        ctype, params = parse_header_params(self.headers.get("Content-Type") or "")
        if ctype == "multipart/form-data":
            b = params.get("boundary")
            if not b:
                raise ApiError(400, "multipart body without boundary", daemon=True, code="BAD_REQUEST")
            return b
        return None

    def spool(self, sb: Sandbox):
        os.makedirs(sb.tmp, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="upload-", dir=sb.tmp)
        return os.fdopen(fd, "wb"), tmp

    @route(TOOLBOX_ROUTES, "POST", r"/toolbox/([^/]+)/files/bulk-upload")
    def t_bulk_upload(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        boundary = self.multipart_boundary()
        if not boundary:
            raise ApiError(400, "request Content-Type isn't multipart/form-data", daemon=True, code="BAD_REQUEST")
        paths: dict[str, str] = {}
        files: dict[str, str] = {}
        tmps = []
        try:
            for headers, pump in MultipartStream(self.reader, boundary).parts():
                _, cd = parse_header_params(headers.get("content-disposition", ""))
                name = cd.get("name", "")
                mm = re.fullmatch(r"files\[(\d+)\]\.(path|file)", name)
                if mm and mm.group(2) == "file":
                    fh, tmp = self.spool(sb)
                    tmps.append(tmp)
                    with fh:
                        pump(fh.write)
                    files[mm.group(1)] = tmp
                else:
                    buf = bytearray()

                    def sink(d, buf=buf):
                        if len(buf) + len(d) > 1024 * 1024:
                            raise ApiError(400, f"form field {name} too large", daemon=True, code="BAD_REQUEST")
                        buf.extend(d)

                    pump(sink)
                    if mm:
                        paths[mm.group(1)] = buf.decode("utf-8", "replace")
            errors = []
            for idx in sorted(set(paths) | set(files), key=int):
                if idx not in files:
                    errors.append(f"files[{idx}].file is missing")
                    continue
                if idx not in paths:
                    errors.append(f"files[{idx}].path is missing")
                    continue
                try:
                    dest = self.tb.resolve(sb, paths[idx])
                    if os.path.isdir(dest):
                        raise ApiError(400, f"{paths[idx]} is a directory")
                    os.makedirs(os.path.dirname(dest), exist_ok=True)
                    os.replace(files[idx], dest)
                except (ApiError, OSError) as e:
                    errors.append(f"{paths[idx]}: {getattr(e, 'message', None) or e}")
            if not paths and not files:
                errors.append("no files in request")
            if errors:
                raise ApiError(400, "; ".join(errors), daemon=True, code="BAD_REQUEST", extra={"errors": errors})
        finally:
            for tmp in tmps:
                if os.path.exists(tmp):
                    try:
                        os.unlink(tmp)
                    except OSError:
                        pass
        self.send_bytes(200, b"", "text/plain; charset=utf-8")

    @route(TOOLBOX_ROUTES, "POST", r"/toolbox/([^/]+)/files/(upload|upload-v2)")
    def t_upload(self, sid, _which):
        sb = self.sandbox_for_toolbox(sid)
        shown = q1(self.query, "path")
        dest = self.tb.resolve(sb, shown)
        if os.path.isdir(dest):
            raise ApiError(400, f"path is a directory: {shown}", daemon=True, code="BAD_REQUEST")
        boundary = self.multipart_boundary()
        fh, tmp = self.spool(sb)
        try:
            got = False
            with fh:
                if boundary:
                    for headers, pump in MultipartStream(self.reader, boundary).parts():
                        _, cd = parse_header_params(headers.get("content-disposition", ""))
                        if cd.get("name") == "file" and not got:
                            pump(fh.write)
                            got = True
                        else:
                            pump(lambda d: None)
                else:
                    while True:
                        data = self.reader.read(IO_CHUNK)
                        if not data:
                            break
                        fh.write(data)
                    got = True
            if not got:
                raise ApiError(400, "multipart field 'file' is missing", daemon=True, code="BAD_REQUEST")
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            os.replace(tmp, dest)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self.send_json(200, {"name": os.path.basename(dest), "path": shown, "type": "file"})

    @route(TOOLBOX_ROUTES, "GET", r"/toolbox/([^/]+)/files")
    def t_list_files(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        shown = q1(self.query, "path") or "."
        path = self.tb.resolve(sb, shown)
        if not os.path.isdir(path):
            raise ApiError(404, f"directory not found: {shown}", daemon=True, code="FILE_NOT_FOUND")
        out = []
        for name in sorted(os.listdir(path)):
            out.append(self.tb.file_info(os.path.join(path, name), posixpath.join(shown, name)))
        self.send_json(200, out)

    @route(TOOLBOX_ROUTES, "GET", r"/toolbox/([^/]+)/files/info")
    def t_file_info(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        shown = q1(self.query, "path")
        path = self.tb.resolve(sb, shown)
        if not os.path.exists(path):
            raise ApiError(404, f"file not found: {shown}", daemon=True, code="FILE_NOT_FOUND")
        self.send_json(200, self.tb.file_info(path, shown))

    @route(TOOLBOX_ROUTES, "POST", r"/toolbox/([^/]+)/files/folder")
    def t_folder(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        path = self.tb.resolve(sb, q1(self.query, "path"))
        mode = q1(self.query, "mode") or "755"
        os.makedirs(path, exist_ok=True)
        try:
            os.chmod(path, int(mode, 8))
        except ValueError:
            raise ApiError(400, f"invalid mode: {mode}", daemon=True, code="BAD_REQUEST")
        self.send_bytes(201, b"", "text/plain; charset=utf-8")

    @route(TOOLBOX_ROUTES, "DELETE", r"/toolbox/([^/]+)/files")
    def t_delete_file(self, sid):
        sb = self.sandbox_for_toolbox(sid)
        shown = q1(self.query, "path")
        path = self.tb.resolve(sb, shown)
        if not os.path.lexists(path):
            raise ApiError(404, f"file not found: {shown}", daemon=True, code="FILE_NOT_FOUND")
        if os.path.isdir(path) and not os.path.islink(path):
            if not (qbool(self.query, "recursive") or False):
                if os.listdir(path):
                    raise ApiError(400, f"directory is not empty: {shown} (use recursive=true)",
                                   daemon=True, code="BAD_REQUEST")
                os.rmdir(path)
            else:
                shutil.rmtree(path)
        else:
            os.unlink(path)
        self.send_bytes(204, b"", "text/plain; charset=utf-8")


# ---------------------------------------------------------------------------
# Server bootstrap


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True
    block_on_close = False
    ssl_context: ssl.SSLContext | None = None  # set by make_server with --tls-cert/--tls-key

    def get_request(self):
        sock, addr = super().get_request()
        if self.ssl_context is not None:
            # no I/O here: the handshake happens on the connection's thread (finish_request), so a
            # client that stalls in it cannot block accepting
            try:
                sock = self.ssl_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
            except OSError:
                sock.close()
                raise
        return sock, addr

    def finish_request(self, request, client_address):
        if self.ssl_context is not None:
            try:
                request.settimeout(TLS_HANDSHAKE_TIMEOUT)
                request.do_handshake()
            except (OSError, ValueError) as e:  # ssl.SSLError is an OSError: bad client, not a server fault
                if self.RequestHandlerClass.st.cfg.verbose:
                    log(f"{client_address[0]}:{client_address[1]} TLS handshake failed: {e}")
                return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):  # quiet on client disconnects
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, socket.timeout, TimeoutError, ssl.SSLError)):
            return
        super().handle_error(request, client_address)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="Test-only Daytona API server (control plane + toolbox).")
    ap.add_argument("--port", type=int, default=0, help="port to listen on (0: a free one)")
    ap.add_argument("--host", default="127.0.0.1", help="address to bind (loopback only)")
    ap.add_argument("--tls-cert", metavar="FILE", help="serve HTTPS with this PEM certificate (needs --tls-key)")
    ap.add_argument("--tls-key", metavar="FILE", help="the PEM private key of --tls-cert")
    ap.add_argument("--api-key", required=True, help="the accepted API key (Authorization: Bearer KEY)")
    ap.add_argument("--jwt-token", help="also accept this bearer JWT together with --organization-id")
    ap.add_argument("--organization-id", help="organization id (required header value in JWT mode)")
    ap.add_argument("--state-delay", type=float, default=0.05, help="seconds between state steps")
    ap.add_argument("--build-line-delay", type=float, default=None,
                    help="seconds between build log lines (default: state-delay / 4)")
    ap.add_argument("--instant", action="store_true",
                    help="no delays; execute/code-run answer without running anything")
    ap.add_argument("--root", help="folder for per-sandbox folders (default: a temp dir removed at exit)")
    ap.add_argument("--exit-on-stdin-eof", action="store_true", help="exit when stdin reaches EOF")
    ap.add_argument("--s3-endpoint", help="object storage URL handed out by push-access")
    ap.add_argument("--s3-access-key")
    ap.add_argument("--s3-secret")
    ap.add_argument("--s3-session-token")
    ap.add_argument("--s3-bucket")
    ap.add_argument("--s3-region")
    ap.add_argument("--verify-contexts", action="store_true",
                    help="fail builds whose buildInfo.contextHashes are missing from object storage (boto3)")
    ap.add_argument("--default-target", default="us", help="region used when a request names none")
    ap.add_argument("--shell", default="/bin/sh", help="shell that runs process/execute commands")
    ap.add_argument("--verbose", action="store_true", help="access log on stderr")
    args = ap.parse_args(argv)
    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.host.startswith("127."):
        ap.error("--host must be a loopback address")
    if args.jwt_token and not args.organization_id:
        ap.error("--jwt-token needs --organization-id")
    if bool(args.tls_cert) != bool(args.tls_key):
        ap.error("--tls-cert and --tls-key must be given together")
    for flag, path in (("--tls-cert", args.tls_cert), ("--tls-key", args.tls_key)):
        if path and not os.path.isfile(path):
            ap.error(f"{flag}: no such file: {path}")
    return args


def make_server(args):
    """Builds the server (bound, not yet serving). Returns (server, state, cleanup)."""
    context = None
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    cfg = Config(args)
    own_root = args.root is None
    root = tempfile.mkdtemp(prefix="daytona-test-") if own_root else os.path.abspath(args.root)
    os.makedirs(root, exist_ok=True)
    state = State(cfg, root)
    handler = type("BoundHandler", (Handler,), {"st": state, "svc": Service(state), "tb": Toolbox(state)})
    host = "127.0.0.1" if args.host == "localhost" else args.host
    if ":" in host:
        Server.address_family = socket.AF_INET6
    server = Server((host, args.port), handler)
    server.ssl_context = context
    port = server.server_address[1]
    shown_host = f"[{host}]" if ":" in host else host
    cfg.base_url = f"{'https' if context else 'http'}://{shown_host}:{port}"

    def cleanup():
        state.stop_event.set()
        state.scheduler.stop()
        with state.lock:
            procs = list(state.procs)
            for sb in state.sandboxes.values():
                if sb.build_log:
                    sb.build_log.finish()
            for snap in state.snapshots.values():
                if snap.build_log:
                    snap.build_log.finish()
        for p in procs:
            kill_group(p)
        if own_root:
            shutil.rmtree(root, ignore_errors=True)

    return server, state, cleanup


def main(argv=None) -> int:
    stop = threading.Event()
    servers: list = []

    def request_stop(*_):
        if not stop.is_set():
            stop.set()
            for s in servers:
                threading.Thread(target=s.shutdown, daemon=True).start()

    # installed first, so that even a signal during start-up ends in a clean exit
    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    args = parse_args(argv)
    server, state, cleanup = make_server(args)
    servers.append(server)
    if args.exit_on_stdin_eof:
        def watch_stdin():
            try:
                while True:
                    data = os.read(sys.stdin.fileno(), 4096)
                    if not data:
                        break
            except OSError:
                pass
            request_stop()

        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    try:
        if not stop.is_set():
            sys.stdout.write(f"DAYTONA_TEST_SERVER_READY {state.cfg.base_url}\n")
            sys.stdout.flush()
            server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
