"""Run CLI invocations of the hostile-input corpus in forked, capped, watched children.

Each job runs the command in-process (``CliRunner`` on ``compliance.cli.app``) in
a child forked from the test process, so nothing is imported again and one job
cannot leak state into the next.  The child gets:

* a memory cap (``RLIMIT_AS``: the address space at the fork plus
  :data:`MEMORY_BUDGET`), so a blow-up fails the job instead of the machine;
* a time limit (:data:`TIME_LIMIT`, a hang guard, not a speed test): SIGALRM
  first, then SIGKILL from the parent;
* an audit hook that records every file the command opens and every socket it
  tries to make, so a job that reads outside the allowed folders or reaches for
  the network is caught even when its output looks right;
* optionally, in a mount namespace of its own, a folder bound read-only or a tiny
  tmpfs (a full disk); this needs root (CAP_SYS_ADMIN), and the jobs that need it
  are skipped without it.

Up to ``os.cpu_count()`` children run at once.  The parent collects each
child's exit status, output and peak memory (``wait4``).
"""

from __future__ import annotations

import ctypes
import json
import mimetypes
import os
import resource
import signal
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MEMORY_BUDGET = 1536 * 1024 * 1024
"""Address space a job may add to what the test process had when it forked."""
TIME_LIMIT = 60.0
"""Seconds a job may run (most take a fraction of a second; this guards against hangs)."""
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


@dataclass(frozen=True)
class Job:
    """One invocation: the arguments, the folder it runs in, and its limits."""

    key: str
    args: Sequence[str]
    cwd: Path
    readonly: tuple[str, ...] = ()
    """Folders (relative to ``cwd``) bound read-only: writes fail even for root."""
    full: tuple[str, ...] = ()
    """Folders (relative to ``cwd``) replaced by a one-page (4 KB) tmpfs: a full disk."""
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    """What a job did."""

    exit: int | None
    stdout: str
    stderr: str
    error: str | None
    """A crash of the harness child, a hang or an exception that escaped the command."""
    seconds: float
    max_rss_kb: int
    opened: tuple[str, ...] = ()
    """Files opened outside the allowed folders (see :func:`allowed_roots`)."""
    sockets: tuple[str, ...] = ()
    """Network calls attempted (socket creation, connect, name lookups)."""


UNSUPPORTED = "unsupported: "
"""How a result's error starts when the machine cannot set the job up (no mounts)."""


class Hang(BaseException):
    """The job ran past its time limit (a BaseException: nothing in the tool catches it)."""


def allowed_roots(job: Job) -> tuple[str, ...]:
    """Files and folders a job may open: its own folder, files named on its command
    line, the repository's cases, tests and package, the Python installation, the
    system's MIME types (which Python's ``mimetypes`` reads when WeasyPrint fetches a
    bundled file), and the temporary folders of WeasyPrint's fonts and of ``rules
    diff``.  Anything else is a read outside the case."""
    paths = {job.cwd, ROOT / "cases", ROOT / "compliance", ROOT / "tests" / "invalid",
             ROOT / "tests" / "fixtures", Path(sys.prefix), Path(sys.base_prefix),
             *(Path(p) for p in sysconfig.get_paths().values()),
             *(Path(p) for p in mimetypes.knownfiles),
             *(Path(a) for a in job.args if a.startswith("/"))}
    roots = {os.path.realpath(p) for p in paths}
    temporary = (os.path.join(tempfile.gettempdir(), prefix)
                 for prefix in ("weasyprint-", "rules-base-"))
    return (*sorted(roots), *temporary)


def run_jobs(jobs: Sequence[Job], scratch: Path, *, workers: int | None = None,
             on_result: Callable[[Job, Result], None] | None = None) -> dict[str, Result]:
    """Run every job in capped children, at most ``workers`` at once; each child writes
    what it saw to a file in ``scratch``."""
    workers = workers or max(2, os.cpu_count() or 2)
    pending = list(jobs)
    running: dict[int, tuple[Job, float, Path]] = {}
    results: dict[str, Result] = {}
    while pending or running:
        while pending and len(running) < workers:
            job = pending.pop(0)
            out = scratch / f"result-{len(results) + len(running)}.json"
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child never returns
                _child(job, out)
            running[pid] = (job, time.monotonic(), out)
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for child, (_job, started, _out) in running.items():
                if now - started > TIME_LIMIT + 10:  # SIGALRM was not enough
                    os.kill(child, signal.SIGKILL)
            time.sleep(0.005)
            continue
        job, started, out = running.pop(pid)
        result = _collect(job, status, usage, time.monotonic() - started, out)
        results[job.key] = result
        if on_result is not None:
            on_result(job, result)
    return results


def _collect(job: Job, status: int, usage: Any, seconds: float, out: Path) -> Result:
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
        out.unlink()
    except (OSError, ValueError):
        signalled = os.WIFSIGNALED(status)
        why = f"killed by signal {os.WTERMSIG(status)}" if signalled else "no result"
        if signalled and os.WTERMSIG(status) == signal.SIGKILL and seconds > TIME_LIMIT:
            why = f"hang: no answer within {TIME_LIMIT:.0f} s"
        return Result(None, "", "", why, seconds, usage.ru_maxrss)
    return Result(data["exit"], data["stdout"], data["stderr"], data["error"], seconds,
                  usage.ru_maxrss, tuple(data["opened"]), tuple(data["sockets"]))


def _child(job: Job, out: Path) -> None:  # pragma: no cover - runs in the fork
    code = 0
    try:
        _limit(job)
        data = _invoke(job)
    except BaseException as exc:
        prefix = UNSUPPORTED if isinstance(exc, _UnsupportedError) else "harness: "
        data = {"exit": None, "stdout": "", "stderr": "", "error": f"{prefix}{exc}",
                "opened": [], "sockets": []}
    try:
        out.write_text(json.dumps(data), encoding="utf-8")
    except BaseException:
        code = 70
    os._exit(code)


class _UnsupportedError(Exception):
    """The machine cannot set the job up (mount namespaces need root)."""


_CLONE_NEWNS = 0x00020000
_MS_RDONLY, _MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 1, 32, 4096, 16384, 1 << 18


def _mounts(job: Job) -> None:  # pragma: no cover - runs in the fork
    if not job.readonly and not job.full:
        return
    libc = ctypes.CDLL(None, use_errno=True)

    def call(result: int, what: str) -> None:
        if result != 0:
            raise _UnsupportedError(f"{what}: {os.strerror(ctypes.get_errno())}")

    call(libc.unshare(_CLONE_NEWNS), "unshare")
    call(libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None), "make mounts private")
    for name in job.readonly:
        path = os.fsencode(job.cwd / name)
        call(libc.mount(path, path, None, _MS_BIND, None), "bind")
        call(libc.mount(None, path, None, _MS_BIND | _MS_REMOUNT | _MS_RDONLY, None),
             "read-only")
    for name in job.full:
        path = os.fsencode(job.cwd / name)
        call(libc.mount(b"tmpfs", path, b"tmpfs", 0, b"size=4k"), "tmpfs")


def _limit(job: Job) -> None:  # pragma: no cover - runs in the fork
    _mounts(job)
    os.chdir(job.cwd)
    size = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (size + MEMORY_BUDGET, size + MEMORY_BUDGET))


def _address_space() -> int:  # pragma: no cover - runs in the fork
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _invoke(job: Job) -> dict[str, Any]:  # pragma: no cover - runs in the fork
    from typer.testing import CliRunner

    from compliance.cli import app

    roots = allowed_roots(job)
    opened: list[str] = []
    sockets: list[str] = []

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
            path = os.path.realpath(os.fsdecode(args[0]))
            if not any(path == r or path.startswith(r if r.endswith("-") else r + os.sep)
                       for r in roots):
                opened.append(path)
        elif event.startswith("socket.") and event not in ("socket.sethostname",):
            sockets.append(f"{event} {args!r}"[:200])

    def alarm(_signum: int, _frame: Any) -> None:
        raise Hang(f"no answer within {TIME_LIMIT:.0f} s")

    signal.signal(signal.SIGALRM, alarm)
    sys.addaudithook(audit)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        result = CliRunner().invoke(app, list(job.args), env={**ENV, **job.env})
    except Hang as exc:
        return {"exit": None, "stdout": "", "stderr": "", "error": f"hang: {exc}",
                "opened": opened, "sockets": sockets}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    error = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = f"exception escaped the command: {result.exception!r}"
    return {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr,
            "error": error, "opened": sorted(set(opened)), "sockets": sockets}
