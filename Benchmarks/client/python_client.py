#!/opt/venv-daytona/bin/python
"""The Python side of the client benchmark: the same four jobs as ClientBenchmark, with the
Python SDK (daytona 0.226.1). run.sh drives it.

    python_client.py exec-loop N              N sequential sandbox.process.exec("echo hi") (sync Daytona)
    python_client.py code-run-burst N [--observe]
                                              N concurrent code_run("print(1)") (AsyncDaytona, asyncio.gather);
                                              --observe also samples threads and TCP connections
    python_client.py upload PATH              fs.upload_file(PATH, "big-python.bin") (sync Daytona)
    python_client.py download PATH            fs.download_file("big-python.bin", PATH) (sync Daytona)

DAYTONA_API_URL and DAYTONA_API_KEY come from the environment. Each job prints one JSON line:
the measured part's wall time and this process's user/sys CPU (resource.getrusage) across that
part only; start-up, imports, sandbox creation and the warm-up call are outside it. upload and
download use the sandbox named "bench-files" (created by upload when missing).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import threading
import time
import urllib.parse


def usage() -> tuple[float, float, int]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime, r.ru_maxrss


def report(job: str, before, start: float, **extra) -> None:
    wall = time.monotonic() - start
    after = usage()
    fields = {"tool": "python", "job": job, "wall": round(wall, 6), "user": round(after[0] - before[0], 6),
              "sys": round(after[1] - before[1], 6), "maxrss_kib": after[2], **extra}
    print(json.dumps(fields, sort_keys=True), flush=True)


def thread_count() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return -1


def client_sockets(port: int) -> dict[int, str]:
    """Local port -> state of the TCP sockets whose remote port is `port` (see the Swift side)."""
    sockets = {}
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(name) as f:
                lines = f.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 3 and int(cols[2].rsplit(":", 1)[1], 16) == port:
                sockets[int(cols[1].rsplit(":", 1)[1], 16)] = cols[3]
    return sockets


def config():
    from daytona import DaytonaConfig
    return DaytonaConfig(api_key=os.environ["DAYTONA_API_KEY"], api_url=os.environ["DAYTONA_API_URL"])


def exec_loop(n: int) -> None:
    from daytona import CreateSandboxFromSnapshotParams, Daytona
    daytona = Daytona(config())
    sandbox = daytona.create(CreateSandboxFromSnapshotParams(name=f"python-exec-{os.getpid()}"))
    first = sandbox.process.exec("echo hi")  # warm-up: the connection is open
    assert first.exit_code == 0 and first.result in ("echo hi\n", "hi\n"), first
    before, start = usage(), time.monotonic()
    for _ in range(n):
        ran = sandbox.process.exec("echo hi")
        if ran.exit_code != 0:
            raise SystemExit(f"exec failed: {ran}")
    report("exec-loop", before, start, n=n)
    sandbox.delete()


async def code_run_burst(n: int, observe: bool) -> None:
    from daytona import AsyncDaytona, CreateSandboxFromSnapshotParams
    port = urllib.parse.urlparse(os.environ["DAYTONA_API_URL"]).port
    async with AsyncDaytona(config()) as daytona:
        sandbox = await daytona.create(CreateSandboxFromSnapshotParams(name=f"python-burst-{os.getpid()}"))
        await sandbox.process.code_run("print(1)")  # warm-up: one connection is open
        threads_before = thread_count()
        baseline = client_sockets(port) if observe else {}

        def is_new(p: int, state: str) -> bool:
            # opened during the burst (see the Swift side): not open before, seen open or newly in time-wait
            return p not in baseline if state == "06" else baseline.get(p) != "01"
        done = threading.Event()
        seen = {"threads": 0, "ports": set(), "established": 0, "samples": 0}

        def sample():
            while not done.is_set():
                seen["threads"] = max(seen["threads"], thread_count())
                sockets = client_sockets(port)
                seen["ports"] |= {p for p, s in sockets.items() if is_new(p, s)}
                seen["established"] = max(seen["established"], sum(s == "01" for s in sockets.values()))
                seen["samples"] += 1
                time.sleep(0.002)

        sampler = threading.Thread(target=sample, daemon=True) if observe else None
        if sampler:
            sampler.start()
        before, start = usage(), time.monotonic()
        results = await asyncio.gather(*(sandbox.process.code_run("print(1)") for _ in range(n)))
        report("code-run-burst", before, start, n=n)
        done.set()
        if sampler:
            sampler.join()
            await asyncio.sleep(0.05)
            after = client_sockets(port)
            opened = seen["ports"] | {p for p, s in after.items() if is_new(p, s)}
            warm = sum(s == "01" for s in baseline.values())
            established = sum(s == "01" for s in after.values())
            print(json.dumps({"tool": "python", "job": "code-run-burst-observe", "threads_before": threads_before,
                              "threads_max": max(seen["threads"], thread_count()), "samples": seen["samples"],
                              "connections_before": warm, "connections_opened": len(opened),
                              "connections_total": warm + len(opened),
                              "established_max": max(seen["established"], established),
                              "established_after": established}), flush=True)
        bad = [r.exit_code for r in results if r.exit_code != 0]
        if bad:
            raise SystemExit(f"code runs exited {bad[:5]}")
        await sandbox.delete()


def files_sandbox(create: bool):
    from daytona import CreateSandboxFromSnapshotParams, Daytona, DaytonaNotFoundError
    daytona = Daytona(config())
    try:
        return daytona.get("bench-files")
    except DaytonaNotFoundError:
        if not create:
            raise
        return daytona.create(CreateSandboxFromSnapshotParams(name="bench-files"))


def upload(path: str) -> None:
    sandbox = files_sandbox(create=True)
    before, start = usage(), time.monotonic()
    sandbox.fs.upload_file(path, "big-python.bin")
    report("upload", before, start, bytes=os.path.getsize(path))


def download(path: str) -> None:
    sandbox = files_sandbox(create=False)
    if os.path.exists(path):
        os.remove(path)
    before, start = usage(), time.monotonic()
    sandbox.fs.download_file("big-python.bin", path)
    report("download", before, start, bytes=os.path.getsize(path))


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    job, rest = argv[0], argv[1:]
    if job == "exec-loop":
        exec_loop(int(rest[0]) if rest else 1000)
    elif job == "code-run-burst":
        asyncio.run(code_run_burst(int(rest[0]) if rest and rest[0].isdigit() else 200, "--observe" in rest))
    elif job == "upload":
        upload(rest[0])
    elif job == "download":
        download(rest[0])
    else:
        raise SystemExit(f"unknown job {job}")


if __name__ == "__main__":
    main(sys.argv[1:])
