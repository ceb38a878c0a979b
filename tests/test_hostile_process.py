"""What only a whole process shows: exit status 3 for a bug, signals, a closed pipe,
concurrent writers, WeasyPrint's temporary folder, and no network for check and report.

These run the real entry point (``compliance.cli.main``, which ends with
``os._exit``) in subprocesses, each with a memory cap and a time limit.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compliance.errors import OutputError
from compliance.output.files import write_output
from tests.conftest import FLAGSHIP, ROOT
from tests.hostile.entries_data import WIDE

LIMIT = 120.0
"""Seconds a process may run (a hang guard; a PDF report takes a few seconds)."""
MEMORY = 3 << 30


def _cap() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    # A suite started in the background (`pytest &`, some CI runners) hands its children
    # SIGINT ignored, and Python then leaves it ignored: start them as a terminal would.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_COLOR": "1", "TMPDIR": str(tmp),
            "PYTHONIOENCODING": "utf-8", "COMPLIANCE_CACHE_DIR": "off", **extra}


def _python(code: str, tmp: Path, *args: str) -> subprocess.Popen[str]:
    """A Python process running ``code`` (which ends by calling the entry point)."""
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=tmp, env=_env(tmp),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_cap)


_BUG = """
import sys
import yaml
def boom(*args, **kwargs):  # a bug anywhere below the command: here, in loading YAML
    raise ZeroDivisionError("division by zero")
yaml.compose = boom
sys.argv = ["compliance", "check", *sys.argv[1:]]
from compliance.cli import main
main()
"""


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_a_bug_exits_3_with_one_line(tmp_path: Path, debug: bool) -> None:
    args = [str(FLAGSHIP), *(["--debug"] if debug else [])]
    done = _python(_BUG, tmp_path, *args)
    out, err = done.communicate(timeout=LIMIT)
    assert done.returncode == 3, (out, err)
    if debug:
        assert "Traceback" in err
        assert "ZeroDivisionError: division by zero" in err
        return
    assert "Traceback" not in err
    line, = err.splitlines()
    assert line.startswith("internal error: ZeroDivisionError: division by zero at"), line
    assert "This is a bug in compliance" in line
    assert "not a finding" in line
    assert "issue tracker" in line


_SLOW_WRITE = """
import os, sys, time
import compliance.output.files as files
class SlowOs:
    def __getattr__(self, name):
        return getattr(os, name)
    def fsync(self, fd):
        sys.stderr.write("writing\\n"); sys.stderr.flush()
        time.sleep(60)
files.os = SlowOs()
sys.argv = ["compliance", "report", *sys.argv[1:]]
from compliance.cli import main
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=["term", "int", "hup"])
def test_a_signal_during_a_write_leaves_nothing(tmp_path: Path, signum: int) -> None:
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "out.html"
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITE, str(FLAGSHIP), "-f", "html",
                             "-o", str(out)], cwd=tmp_path, env=_env(tmp_path / "tmp"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_cap)
    assert proc.stderr is not None
    assert proc.stderr.readline() == "writing\n"  # the temporary file exists now
    assert [p.name for p in tmp_path.glob(".compliance-*.tmp")]
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=LIMIT)
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.glob(".compliance-*")), "temporary file left behind"
    assert not list((tmp_path / "tmp").iterdir()), "temporary folder left behind"


def test_a_closed_pipe_exits_141_without_a_traceback(tmp_path: Path) -> None:
    """``check ... | head``: the reader goes away; no traceback, and not 1 (a finding)."""
    (tmp_path / "case.yaml").write_text(WIDE, encoding="utf-8")  # 2 MB of output
    proc = _python("import sys; sys.argv = ['compliance', 'check', 'case.yaml'];"
                   " from compliance.cli import main; main()", tmp_path)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=LIMIT)
    assert proc.returncode == 141, err
    assert "Traceback" not in err


def _race(path: str, data: bytes, start: float) -> str:
    while time.monotonic() < start:
        pass
    try:
        write_output(path, data)
    except OutputError as exc:
        return str(exc)
    return "written"


def test_concurrent_writers_one_wins_none_is_lost(tmp_path: Path) -> None:
    """Two writers of one new path at the same moment: exactly one succeeds, the other is
    told the file exists; the file is one writer's data, whole (no check-then-rename)."""
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        for attempt in range(10):
            path = tmp_path / f"r{attempt}.pdf"
            datas = [bytes([n]) * 200_000 for n in range(4)]
            start = time.monotonic() + 0.2
            outcomes = pool.starmap(_race, [(str(path), d, start) for d in datas])
            assert outcomes.count("written") == 1, outcomes
            assert all(o == f"{path} already exists; pass --force to overwrite it"
                       for o in outcomes if o != "written"), outcomes
            assert path.read_bytes() == datas[outcomes.index("written")]
    assert not list(tmp_path.glob(".compliance-*"))


def test_concurrent_reports_one_wins(tmp_path: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-m", "compliance", "report", str(FLAGSHIP),
                               "-f", "html", "-o", "same.html"], cwd=tmp_path,
                              env=_env(tmp_path), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, preexec_fn=_cap)
             for _ in range(2)]
    results = [(p.wait(timeout=LIMIT), p.communicate()[1]) for p in procs]
    assert sorted(code for code, _ in results) == [0, 2], results
    assert [err for code, err in results if code == 2] == [
        "error: same.html already exists; pass --force to overwrite it\n"]
    assert (tmp_path / "same.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


_NO_NETWORK = """
import os, sys
def audit(event, args):
    if event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
        os.write(2, f"network: {event} {args!r}\\n".encode())
        os._exit(99)
sys.addaudithook(audit)
sys.argv = ["compliance", *sys.argv[1:]]
from compliance.cli import main
main()
"""


@pytest.mark.parametrize("args", [
    ("check", str(FLAGSHIP)),
    ("report", str(FLAGSHIP), "-o", "out.pdf"),
    ("rules", "verify-quotes", "--official", str(ROOT / "tests" / "fixtures" / "official"
                                                 / "verbatim")),
], ids=["check", "report", "verify-quotes"])
def test_no_network(tmp_path: Path, args: tuple[str, ...]) -> None:
    """check, report and verify-quotes make no socket and look up no name: an audit hook
    ends the process on any attempt; in a network namespace of its own when ``unshare``
    is there (then nothing could get out even past the hook).  Nothing is left in the
    temporary folder either: WeasyPrint's font folder (weasyprint-*) goes with the
    process's own, although the entry point ends with os._exit."""
    command = [sys.executable, "-c", _NO_NETWORK, *args]
    isolated = shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-rn", "true"], capture_output=True, check=False).returncode == 0
    if isolated:
        command = ["unshare", "-rn", *command]
    (tmp_path / "tmp").mkdir()
    done = subprocess.run(command, cwd=tmp_path, env=_env(tmp_path / "tmp"),
                          capture_output=True, text=True, timeout=LIMIT, preexec_fn=_cap,
                          check=False)
    assert "network:" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert not list((tmp_path / "tmp").iterdir()), "temporary files left behind"
    if args[0] == "report":
        assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
