"""The bad-input corpus: each file under ``tests/invalid/`` fails with exact diagnostics.

Each input runs in a capped, watched child (:mod:`tests.hostile.harness`), as the
hostile-input corpus of ``tests/hostile/`` does.

``tests/invalid/<code>/<name>.yaml`` (or ``.json``) is a case file and
``tests/invalid/rules/<code>/<name>.yaml`` a rule file checked against the
flagship case.  ``<name>.expected`` holds the exact stderr lines, with paths
relative to the repository root.  A ``<name>.jsonl`` next to a case is the
JSON Lines file it names, not an input of its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.inputs import reading
from compliance.inputs.reading import MAX_DOCUMENT_BYTES
from tests.hostile.checks import check_guarantees
from tests.hostile.harness import Job, Result, run_jobs

ROOT = Path(__file__).resolve().parents[1]
INVALID = ROOT / "tests" / "invalid"
FLAGSHIP = "cases/dprk-internet-transit-2017.yaml"
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


def _corpus() -> list[Path]:
    inputs = []
    for expected in sorted(INVALID.rglob("*.expected")):
        found = [expected.with_suffix(s) for s in (".yaml", ".json")
                 if expected.with_suffix(s).is_file()]
        assert len(found) == 1, f"{expected} needs exactly one .yaml or .json input next to it"
        inputs.append(found[0])
    return inputs


CORPUS = _corpus()


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, env=ENV)
    return result.exit_code, result.stdout, result.stderr


def _args(path: Path) -> list[str]:
    shown = str(path.relative_to(ROOT))
    is_rule = path.relative_to(INVALID).parts[0] == "rules"
    return ["check", "--rules", shown, FLAGSHIP] if is_rule else ["check", shown]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Every input run once, in parallel, each under a memory cap and a time limit and
    watched for reads outside the allowed folders and network use (tests.hostile)."""
    jobs = [Job(str(path), _args(path), ROOT) for path in CORPUS]
    return run_jobs(jobs, tmp_path_factory.mktemp("invalid-results"))


@pytest.mark.parametrize("path", CORPUS, ids=[str(p.relative_to(INVALID)) for p in CORPUS])
def test_invalid_input(path: Path, results: dict[str, Result]) -> None:
    result = results[str(path)]
    check_guarantees(result)
    code, stderr = result.exit, result.stderr
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    lines = stderr.splitlines()
    assert code == 2, (code, stderr)
    assert lines[:-1] == expected, "\n".join(lines)
    codes = {line.split("error[", 1)[1].split("]", 1)[0] for line in expected}
    assert path.parent.name in codes or path.parent.name in ("several", "jsonl-line"), codes
    files = len({line.split(":", 1)[0] for line in expected})
    errors = len(expected)
    assert lines[-1] == (f"{files} file{'s' * (files != 1)}, "
                         f"{errors} error{'s' * (errors != 1)}.")


def test_corpus_is_complete() -> None:
    """Every failure mode the issue lists has a corpus file (guards against deletions)."""
    codes = {p.parent.name for p in CORPUS}
    assert {
        "yaml-syntax", "wrong-type", "unknown-key", "missing-key", "duplicate-id",
        "duplicate-key", "unknown-party", "unknown-source", "invalid-date", "invalid-country",
        "alias-bomb", "too-deep", "binary", "encoding", "invalid-document",
        "unresolved-contest", "json-syntax", "jsonl-line", "several", "unknown-fact",
        "unknown-operator", "unsourced-quote", "unknown-placeholder",
        "invalid-value", "stale-text",
    } <= codes


def test_several_errors_are_sorted_by_line() -> None:
    expected = (INVALID / "several" / "many-problems.expected").read_text().splitlines()
    positions = [tuple(int(n) for n in line.split(":")[1:3]) for line in expected]
    assert len(positions) >= 5
    assert positions == sorted(positions)


class _OsWithRead:
    """``os`` as seen by compliance.inputs.reading, with ``read`` replaced."""

    def __init__(self, read: Any) -> None:
        self.read = read

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


def test_huge_file_is_refused_without_reading(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A 500 MB (sparse) file is refused by its size before a byte is read."""
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(500 * 1024 * 1024)
    real_read = os.read

    def read(fd: int, size: int) -> bytes:  # every input is read through os.read
        assert os.readlink(f"/proc/self/fd/{fd}") != str(huge), f"{huge} was read"
        return real_read(fd, size)

    monkeypatch.setattr(reading, "os", _OsWithRead(read))
    code, _stdout, stderr = _run(["check", str(huge)])
    assert "Traceback" not in stderr, stderr
    assert code == 2
    assert stderr.splitlines() == [
        f"{huge}:1:1: error[too-large]: file is 524.3 MB; the limit is"
        f" {MAX_DOCUMENT_BYTES / 1e6:.0f} MB per document"
        " (put bulk relationships in a JSON Lines file instead)",
        "1 file, 1 error.",
    ]
