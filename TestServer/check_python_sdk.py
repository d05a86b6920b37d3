#!/opt/venv-daytona/bin/python
"""Drives the Python SDK (daytona 0.226.1) against daytona_test_server.py and prints, per SDK
call, the requests the server received (the catalogue PYTHON_SDK_REQUESTS.md is written from).

    /opt/venv-daytona/bin/python TestServer/check_python_sdk.py [--only-summary]

Starts the server itself on a free port (it exits with this script). Exit status 0 when every
step passed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
API_KEY = "sdk-check-key-0123456789"
JWT = "eyJhbGciOiJIUzI1NiJ9.sdk-check.jwt"
ORG = "0b8e6a4c-7d21-4a55-b1f3-9e2d4c6a8b10"

for k in list(os.environ):
    if k.startswith("DAYTONA_"):
        del os.environ[k]
os.chdir(tempfile.mkdtemp(prefix="sdk-check-"))  # no stray .env files

proc = subprocess.Popen(
    [sys.executable, os.path.join(HERE, "daytona_test_server.py"), "--port", "0", "--api-key", API_KEY,
     "--jwt-token", JWT, "--organization-id", ORG, "--exit-on-stdin-eof",
     "--s3-endpoint", "http://127.0.0.1:9", "--s3-access-key", "AKIATEST", "--s3-secret", "s3cr3t",
     "--s3-bucket", "daytona-builds", "--s3-region", "us-east-1",
     # builds last a few seconds so the SDK (which polls once a second) sees them running
     "--build-line-delay", "0.1"],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
line = proc.stdout.readline().strip()
assert line.startswith("DAYTONA_TEST_SERVER_READY "), line
BASE = line.split(" ", 1)[1]

from daytona import (  # noqa: E402  (after the env cleanup on purpose)
    CodeRunParams, CreateSandboxFromImageParams, CreateSandboxFromSnapshotParams,
    CreateSnapshotParams, Daytona, DaytonaConfig, DaytonaError, Image, ListSandboxesQuery, Resources,
)


def test_api(method: str, path: str, body=None):
    req = urllib.request.Request(BASE + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


STEPS: list[dict] = []


def step(name: str):
    def deco(fn):
        # a step owns every request since the previous step ended (background ones included)
        start_index = STEPS[-1]["to"] if STEPS else 0
        t0 = time.monotonic()
        rec = {"name": name, "ok": False, "detail": "", "from": start_index}
        try:
            detail = fn()
            rec["ok"] = True
            rec["detail"] = detail or ""
        except Exception as e:  # noqa: BLE001
            rec["detail"] = f"{type(e).__name__}: {e}"
            traceback.print_exc()
        rec["seconds"] = time.monotonic() - t0
        rec["to"] = len(test_api("GET", "/_test/requests"))
        STEPS.append(rec)
        print(f"[{'PASS' if rec['ok'] else 'FAIL'}] {name} ({rec['seconds']:.2f}s) {rec['detail']}", flush=True)
        return fn
    return deco


def expect_error(fn, cls_name: str | None = None, contains: str | None = None) -> str:
    try:
        fn()
    except DaytonaError as e:
        got = f"{type(e).__name__}(status_code={e.status_code}, code={getattr(e, 'code', None)}): {e}"
        if cls_name and type(e).__name__ != cls_name:
            raise AssertionError(f"expected {cls_name}, got {got}")
        if contains and contains not in str(e):
            raise AssertionError(f"expected {contains!r} in {got}")
        return "raised " + got
    raise AssertionError("no error raised")


daytona: Daytona | None = None
ctx: dict = {}


@step("Daytona(DaytonaConfig(api_key, api_url)) constructor")
def _():
    global daytona
    daytona = Daytona(DaytonaConfig(api_key=API_KEY, api_url=BASE + "/api"))
    time.sleep(1.0)  # let the background Socket.IO connect attempt happen
    return "client constructed"


@step("daytona.create(CreateSandboxFromSnapshotParams(snapshot='base', name, env_vars, labels, auto_stop_interval=0))")
def _():
    sb = daytona.create(CreateSandboxFromSnapshotParams(
        snapshot="base", name="sdk-check", env_vars={"GREETING": "hello"},
        labels={"suite": "sdk-check"}, auto_stop_interval=0), timeout=30)
    ctx["sb"] = sb
    assert sb.state.value == "started", sb.state
    return f"id={sb.id} state={sb.state.value}"


@step("daytona.create(...) with a name that exists (409)")
def _():
    return expect_error(lambda: daytona.create(CreateSandboxFromSnapshotParams(snapshot="base", name="sdk-check")),
                        "DaytonaConflictError", "already exists")


@step("daytona.get('sdk-check') by name")
def _():
    sb = daytona.get("sdk-check")
    assert sb.id == ctx["sb"].id
    return f"id={sb.id}"


@step("daytona.list(ListSandboxesQuery(labels={'suite': 'sdk-check'}))")
def _():
    items = list(daytona.list(ListSandboxesQuery(labels={"suite": "sdk-check"})))
    assert [s.id for s in items] == [ctx["sb"].id], items
    none = list(daytona.list(ListSandboxesQuery(labels={"suite": "other"})))
    assert none == []
    return f"{len(items)} match, 0 for another label"


@step("daytona.list(ListSandboxesQuery(limit=1)) pages with the cursor")
def _():
    daytona.create(CreateSandboxFromSnapshotParams(snapshot="base", name="sdk-check-2"), timeout=30)
    items = list(daytona.list(ListSandboxesQuery(limit=1)))
    assert len(items) == 2, items
    return f"{len(items)} sandboxes over 2 pages"


@step("sandbox.process.exec(cmd, cwd='work', env={'EXTRA': 'x'}, timeout=10)")
def _():
    sb = ctx["sb"]
    r0 = sb.process.exec("mkdir -p work")
    assert r0.exit_code == 0
    r = sb.process.exec('echo "$GREETING $EXTRA"; pwd; echo err >&2', cwd="work", env={"EXTRA": "x"}, timeout=10)
    assert r.exit_code == 0 and r.result.startswith("hello x\n") and r.result.rstrip().endswith("err"), r
    assert r.result.splitlines()[1].endswith("/home/work"), r.result
    return f"exit_code={r.exit_code} result={r.result!r}"


@step("sandbox.process.exec('exit 7') exit code")
def _():
    r = ctx["sb"].process.exec("echo out; exit 7")
    assert r.exit_code == 7 and r.result == "out\n", r
    return f"exit_code={r.exit_code} result={r.result!r}"


@step("sandbox.process.exec('sleep 5', timeout=1) (daemon timeout)")
def _():
    return expect_error(lambda: ctx["sb"].process.exec("sleep 5", timeout=1), "DaytonaProcessExecutionTimeoutError")


@step("sandbox.process.code_run(python, CodeRunParams(argv, env))")
def _():
    code = "import os, sys\nprint('sum', 1 + 2, sys.argv[1:], os.environ['RUN_ENV'])\n"
    r = ctx["sb"].process.code_run(code, CodeRunParams(argv=["a1", "a2"], env={"RUN_ENV": "yes"}), timeout=20)
    assert r.exit_code == 0 and r.result == "sum 3 ['a1', 'a2'] yes\n", r
    assert r.artifacts.charts == []
    return f"exit_code={r.exit_code} result={r.result!r}"


@step("code_run returning a queued line chart (POST /_test/code-run-charts)")
def _():
    chart = {"type": "line", "title": "Line", "x_label": "x", "y_label": "y", "x_scale": "linear",
             "y_scale": "linear", "x_ticks": [0, 1], "x_tick_labels": ["0", "1"], "y_ticks": [0, 1],
             "y_tick_labels": ["0", "1"], "png": "iVBORw0KGgo=",
             "elements": [{"label": "sin", "points": [[0, 0], [1, 0.84]]}]}
    test_api("POST", "/_test/code-run-charts", {"sandbox": "sdk-check", "charts": [chart]})
    r = ctx["sb"].process.code_run("print('chart')")
    c = r.artifacts.charts[0]
    assert type(c).__name__ == "LineChart" and c.elements[0].points == [[0, 0], [1, 0.84]], c
    return f"{type(c).__name__} title={c.title!r} elements={c.elements[0].points}"


@step("code_run returning an extractor-style bar chart with numeric value (value: 3)")
def _():
    bar = {"type": "bar", "title": "Bars", "elements": [{"label": "a", "group": "g", "value": 3}]}
    test_api("POST", "/_test/code-run-charts", {"sandbox": ctx["sb"].id, "charts": [bar]})
    try:
        r = ctx["sb"].process.code_run("print('bar')")
    except Exception as e:  # noqa: BLE001
        ctx["bar_error"] = f"{type(e).__name__}: " + " / ".join(str(e).splitlines()[:3])
        return "SDK raised " + ctx["bar_error"] + " (recorded; see PYTHON_SDK_REQUESTS.md)"
    c = r.artifacts.charts[0]
    return f"SDK accepted it: {type(c).__name__} value={c.elements[0].value!r}"


@step("code_run with a bar chart whose value is a string (value: '3')")
def _():
    bar = {"type": "bar", "title": "Bars", "elements": [{"label": "a", "group": "g", "value": "3"}]}
    test_api("POST", "/_test/code-run-charts", {"sandbox": "*", "charts": [bar]})
    r = ctx["sb"].process.code_run("print('bar')")
    c = r.artifacts.charts[0]
    assert type(c).__name__ == "BarChart" and c.elements[0].value == "3", c
    return f"{type(c).__name__} value={c.elements[0].value!r}"


@step("code_run whose code writes charts to $DAYTONA_TEST_CHARTS_FILE")
def _():
    code = ("import json, os\njson.dump([{'type': 'pie', 'title': 'P', 'elements': "
            "[{'label': 'x', 'angle': 90, 'radius': 1}]}], open(os.environ['DAYTONA_TEST_CHARTS_FILE'], 'w'))\n")
    r = ctx["sb"].process.code_run(code)
    c = r.artifacts.charts[0]
    assert type(c).__name__ == "PieChart", c
    return f"{type(c).__name__} angle={c.elements[0].angle}"


@step("sandbox.fs.upload_file(bytes, 'dir/hello.txt') + download_file('dir/hello.txt')")
def _():
    data = b"hello \x00\xff world\n" * 1000
    ctx["sb"].fs.upload_file(data, "dir/hello.txt")
    got = ctx["sb"].fs.download_file("dir/hello.txt")
    assert got == data, (len(got), len(data))
    r = ctx["sb"].process.exec("wc -c < dir/hello.txt")
    assert r.result.strip() == str(len(data))
    return f"{len(data)} bytes round-tripped"


@step("sandbox.fs.upload_file(local_path, '/tmp/big.bin') + download_file(remote, local_path)")
def _():
    src = os.path.join(os.getcwd(), "big.bin")
    with open(src, "wb") as f:
        f.write(os.urandom(3 * 1024 * 1024 + 17))
    ctx["sb"].fs.upload_file(src, "/tmp/big.bin")
    dst = os.path.join(os.getcwd(), "big.out")
    ctx["sb"].fs.download_file("/tmp/big.bin", dst)
    assert open(src, "rb").read() == open(dst, "rb").read()
    return f"{os.path.getsize(dst)} bytes round-tripped via files"


@step("sandbox.fs.download_file('missing.txt') (per-file error part)")
def _():
    return expect_error(lambda: ctx["sb"].fs.download_file("missing.txt"))


@step("sandbox.stop()")
def _():
    ctx["sb"].stop(timeout=30)
    assert ctx["sb"].state.value == "stopped"
    return f"state={ctx['sb'].state.value}"


@step("toolbox call on a stopped sandbox")
def _():
    return expect_error(lambda: ctx["sb"].process.exec("true"))


@step("sandbox.start()")
def _():
    ctx["sb"].start(timeout=30)
    assert ctx["sb"].state.value == "started"
    return f"state={ctx['sb'].state.value}"


@step("daytona.delete(sandbox) (fire-and-forget) then get -> 404")
def _():
    sb = ctx["sb"]
    daytona.delete(sb)
    time.sleep(0.3)
    return expect_error(lambda: daytona.get(sb.id), "DaytonaNotFoundError", "not found")


@step("sandbox.delete(wait=True)")
def _():
    sb2 = daytona.get("sdk-check-2")
    sb2.delete(wait=True)
    return f"state={sb2.state.value}"


@step("daytona.get('missing-sandbox') (404)")
def _():
    return expect_error(lambda: daytona.get("missing-sandbox"), "DaytonaNotFoundError")


@step("daytona.create(CreateSandboxFromImageParams(image='python:3.12'), on_snapshot_create_logs=...)")
def _():
    logs: list[str] = []
    sb = daytona.create(CreateSandboxFromImageParams(image="python:3.12", resources=Resources(cpu=2, memory=2)),
                        timeout=60, on_snapshot_create_logs=logs.append)
    assert sb.state.value == "started"
    assert "Step 1/1 : FROM python:3.12" in "\n".join(logs), logs
    ctx["img_sb"] = sb
    sb.delete()
    return f"started; {len(logs)} log chunks, first={logs[0]!r}"


@step("daytona.create(CreateSandboxFromImageParams(image=Image... RUN exit 1)) (build failure)")
def _():
    img = Image.base("alpine:3.20").run_commands("exit 1")
    return expect_error(lambda: daytona.create(CreateSandboxFromImageParams(image=img), timeout=60,
                                               on_snapshot_create_logs=lambda _l: None), None, "BUILD_FAILED")


@step("daytona.snapshot.create(CreateSnapshotParams(name, image=Image.debian_slim(...).pip_install(...), resources), on_logs)")
def _():
    logs: list[str] = []
    img = Image.debian_slim("3.12").pip_install(["requests"]).env({"A": "b"}).workdir("/app")
    snap = daytona.snapshot.create(CreateSnapshotParams(name="sdk-check-snap", image=img,
                                                        resources=Resources(cpu=1, memory=1, disk=3),
                                                        entrypoint=["sleep", "infinity"]),
                                   on_logs=logs.append, timeout=120)
    assert snap.state.value == "active", snap.state
    assert "Step 1/" in "\n".join(logs), logs
    ctx["snap_logs"] = logs
    return f"state={snap.state.value}; {len(logs)} on_logs calls"


@step("daytona.snapshot.create(CreateSnapshotParams(name, image='python:3.12-slim')) (image name)")
def _():
    logs: list[str] = []
    snap = daytona.snapshot.create(CreateSnapshotParams(name="sdk-check-img", image="python:3.12-slim"),
                                   on_logs=logs.append, timeout=60)
    assert snap.state.value == "active"
    return f"state={snap.state.value}; logs={logs}"


@step("daytona.snapshot.create(... RUN exit 1) (build_failed)")
def _():
    img = Image.base("alpine:3.20").run_commands("echo hi", "exit 1")
    return expect_error(lambda: daytona.snapshot.create(CreateSnapshotParams(name="sdk-check-bad", image=img),
                                                        on_logs=lambda _l: None, timeout=60),
                        None, "returned a non-zero code")


@step("daytona.snapshot.list(page=1, limit=2)")
def _():
    page = daytona.snapshot.list(page=1, limit=2)
    assert page.total >= 4 and page.total_pages == (page.total + 1) // 2 and len(page.items) == 2, page
    return f"total={page.total} page={page.page} total_pages={page.total_pages}"


@step("daytona.snapshot.get('sdk-check-snap')")
def _():
    s = daytona.snapshot.get("sdk-check-snap")
    assert s.name == "sdk-check-snap"
    return f"id={s.id} state={s.state.value}"


@step("daytona.snapshot.delete('sdk-check-snap') (by name)")
def _():
    daytona.snapshot.delete("sdk-check-snap")
    return expect_error(lambda: daytona.snapshot.get("sdk-check-snap"), "DaytonaNotFoundError")


@step("create from a snapshot name that does not exist")
def _():
    return expect_error(lambda: daytona.create(CreateSandboxFromSnapshotParams(snapshot="no-such-snapshot")),
                        "DaytonaNotFoundError")


@step("ObjectStorageApi.get_push_access() (what Image contexts would use)")
def _():
    acc = daytona._object_storage_api.get_push_access()
    return f"storage_url={acc.storage_url} bucket={acc.bucket} region={acc.region} org={acc.organization_id}"


@step("Daytona(DaytonaConfig(use_deprecated_polling=True)): create + stop + delete(wait=True) (polling cadence)")
def _():
    d = Daytona(DaytonaConfig(api_key=API_KEY, api_url=BASE + "/api", use_deprecated_polling=True))
    sb = d.create(CreateSandboxFromSnapshotParams(snapshot="base", name="sdk-poll"), timeout=30)
    sb.stop()
    sb.delete(wait=True)
    return f"state={sb.state.value}"


@step("Image with local contexts: Dockerfile + context hashes (computed offline, nothing uploaded)")
def _():
    from daytona._sync.object_storage import ObjectStorage
    base = os.path.join(os.getcwd(), "ctx")
    os.makedirs(os.path.join(base, "sub"), exist_ok=True)
    with open(os.path.join(base, "a.txt"), "w") as f:
        f.write("hi\n")
    with open(os.path.join(base, "sub", "b.txt"), "w") as f:
        f.write("yo\n")
    img = Image.debian_slim("3.12").add_local_file(os.path.join(base, "a.txt"), "/app/a.txt") \
        .add_local_dir(base, "/app/ctx")
    store = ObjectStorage("http://127.0.0.1:9", "a", "b", "c", "bucket", region="us-east-1")
    hashes = [(c.archive_path, store._compute_hash_for_path_md5(c.source_path, c.archive_path))
              for c in img._context_list]
    copy_lines = [line for line in img.dockerfile().splitlines() if line.startswith("COPY")]
    return f"COPY lines={copy_lines} hashes={hashes}"


@step("Daytona(DaytonaConfig(jwt_token, organization_id)).list()")
def _():
    d2 = Daytona(DaytonaConfig(jwt_token=JWT, organization_id=ORG, api_url=BASE + "/api"))
    n = len(list(d2.list()))
    return f"{n} sandboxes listed with JWT auth"


@step("429 with Retry-After on GET /api/sandbox/{id} (does the SDK retry?)")
def _():
    sb = daytona.create(CreateSandboxFromSnapshotParams(snapshot="base", name="sdk-faults"), timeout=30)
    ctx["fsb"] = sb
    test_api("POST", "/_test/faults", [{"method": "GET", "path": r"^/api/sandbox/[^/]+$", "times": 1,
                                         "status": 429, "headers": {"Retry-After": "1"}}])
    t0 = time.monotonic()
    sb = daytona.get("sdk-faults")
    return f"urllib3 retried after Retry-After: got {sb.name} after {time.monotonic() - t0:.2f}s"


@step("429 with Retry-After on POST /api/sandbox (create)")
def _():
    test_api("POST", "/_test/faults", [{"method": "POST", "path": r"^/api/sandbox$", "times": 1,
                                         "status": 429, "headers": {"Retry-After": "1"}}])
    return expect_error(lambda: daytona.create(CreateSandboxFromSnapshotParams(snapshot="base", name="sdk-429")),
                        "DaytonaRateLimitError")


@step("503 without Retry-After on GET /api/sandbox/{id}")
def _():
    test_api("POST", "/_test/faults", [{"method": "GET", "path": r"^/api/sandbox/[^/]+$", "times": 1,
                                         "status": 503}])
    return expect_error(lambda: daytona.get("sdk-faults"), "DaytonaServiceUnavailableError")


@step("dropped connection on GET /api/sandbox/{id} (urllib3 retry?)")
def _():
    test_api("POST", "/_test/faults", [{"method": "GET", "path": r"^/api/sandbox/[^/]+$", "times": 1,
                                         "action": "drop"}])
    sb = daytona.get("sdk-faults")
    return f"succeeded after the drop: {sb.name}"


@step("dropped connection on POST /api/sandbox (create)")
def _():
    test_api("POST", "/_test/faults", [{"method": "POST", "path": r"^/api/sandbox$", "times": 1, "action": "drop"}])
    try:
        daytona.create(CreateSandboxFromSnapshotParams(snapshot="base", name="sdk-drop"), timeout=30)
        return "create succeeded (the SDK retried the POST)"
    except DaytonaError as e:
        return f"raised {type(e).__name__}: {e}"


@step("dropped connection on toolbox POST process/execute")
def _():
    test_api("POST", "/_test/faults", [{"method": "POST", "path": r"/process/execute$", "times": 1,
                                         "action": "drop"}])
    r = ctx["fsb"].process.exec("echo retried")
    return f"exec succeeded after the drop: {r.result!r}"


@step("503 on toolbox POST process/execute")
def _():
    test_api("POST", "/_test/faults", [{"method": "POST", "path": r"/process/execute$", "times": 1,
                                         "status": 503}])
    return expect_error(lambda: ctx["fsb"].process.exec("echo x"), "DaytonaServiceUnavailableError")


@step("bad API key -> 401")
def _():
    d3 = Daytona(DaytonaConfig(api_key="wrong", api_url=BASE + "/api"))
    return expect_error(lambda: d3.get("x"), "DaytonaAuthenticationError")


# ---------------------------------------------------------------------------
# Catalogue

NOISY = {"host", "content-length", "accept-encoding", "connection"}


def redact(name: str, value: str) -> str:
    if name == "authorization":
        if API_KEY in value:
            return "Bearer <API_KEY>"
        if JWT in value:
            return "Bearer <JWT>"
        return "Bearer <other>"
    return value


def main() -> int:
    reqs = test_api("GET", "/_test/requests")
    header_sets: dict[tuple, str] = {}
    out = []
    for s in STEPS:
        out.append(f"\n### {s['name']}  [{'PASS' if s['ok'] else 'FAIL'}, {s['seconds']:.2f}s]")
        if s["detail"]:
            out.append(f"result: {s['detail']}")
        prev_t = None
        for r in reqs[s["from"]:s["to"]]:
            t = time.mktime(time.strptime(r["time"][:19], "%Y-%m-%dT%H:%M:%S")) + float("0." + r["time"][20:23])
            delta = "" if prev_t is None else f" (+{t - prev_t:.2f}s)"
            prev_t = t
            hs = tuple(sorted((k, redact(k, v)) for k, v in r["headers"].items() if k not in NOISY))
            if hs not in header_sets:
                header_sets[hs] = f"H{len(header_sets) + 1}"
            q = ("?" + r["rawQuery"]) if r.get("rawQuery") else ""
            line = f"  #{r['index']} {r['method']} {r['path']}{q} [{header_sets[hs]}] body={r['bodySize']}B{delta}"
            if r.get("fault"):
                line += f" FAULT={r['fault']}"
            out.append(line)
            if r["json"] is not None:
                out.append("      json: " + json.dumps(r["json"], sort_keys=True)[:1500])
    print("\n## Header sets")
    for hs, label in header_sets.items():
        print(f"{label}: " + "; ".join(f"{k}: {v}" for k, v in hs))
    print("\n## Requests per SDK call")
    print("\n".join(out))
    failed = [s for s in STEPS if not s["ok"]]
    print(f"\n{len(STEPS) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


try:
    rc = main()
finally:
    proc.stdin.close()
    proc.wait(timeout=10)
sys.exit(rc)
