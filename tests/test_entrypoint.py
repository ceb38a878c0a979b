"""The console entry point ends the process itself: output and exit codes survive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import FLAGSHIP


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "compliance", *args], capture_output=True,
                          text=True, check=False, env=env)


def test_buffered_output_is_flushed_and_status_kept() -> None:
    # Not a terminal and no PYTHONUNBUFFERED: stdout is block-buffered, so a
    # missing flush before os._exit would cut the JSON short.
    done = _run("check", str(FLAGSHIP), "--format", "json", "--fail-on", "undetermined")
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["assessments"][0]["case"] == "dprk-internet-transit-2017"


def test_invalid_input_exits_2_with_its_message(tmp_path: Path) -> None:
    done = _run("check", str(tmp_path / "missing.yaml"))
    assert done.returncode == 2
    assert "error[unreadable]" in done.stderr


def test_report_file_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    done = _run("report", str(FLAGSHIP), "--format", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(tmp_path.glob(".*.tmp"))


def test_usage_error_and_version() -> None:
    assert _run("--version").stdout.strip().startswith("compliance ")
    assert _run("no-such-command").returncode == 2
