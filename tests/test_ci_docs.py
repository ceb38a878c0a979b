"""The CI examples of docs/ci.md parse, run on the shipped cases and write valid reports."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.inputs.documents import load_yaml_text
from tests.test_output_formats import validate_sarif

ROOT = Path(__file__).resolve().parents[1]
CI_DOC = ROOT / "docs" / "ci.md"


def _examples() -> list[dict[str, Any]]:
    text = CI_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    # Read as YAML 1.2, as GitHub and GitLab do (`on:` is a key, not true).
    return [load_yaml_text(block, str(CI_DOC)).data for block in blocks]


def _github() -> dict[str, Any]:
    return next(e for e in _examples() if "jobs" in e)


def _gitlab() -> dict[str, Any]:
    return next(e for e in _examples() if "jobs" not in e)


def _commands(lines: list[str]) -> list[tuple[list[str], str]]:
    """``compliance`` commands with the file their output is redirected to."""
    out = []
    for line in lines:
        for command in line.splitlines():
            if command.strip().startswith("compliance "):
                words, _, target = command.partition(">")
                out.append((shlex.split(words)[1:], target.strip()))
    return out


def test_both_examples_parse() -> None:
    github, gitlab = _github(), _gitlab()
    assert set(github["on"]) == {"push", "pull_request"}
    steps = github["jobs"]["check"]["steps"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith(
        "github/codeql-action/upload-sarif@"))
    assert upload["if"] == "always()"
    ((_args, target),) = _commands([s["run"] for s in steps if "run" in s])
    assert upload["with"]["sarif_file"] == target
    job = gitlab["compliance"]
    ((_args, report),) = _commands(job["script"])
    assert job["artifacts"]["reports"]["junit"] == report
    assert job["artifacts"]["when"] == "always"


@pytest.mark.parametrize("which", ["github", "gitlab"])
def test_example_commands_write_valid_reports(which: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    example = _github() if which == "github" else _gitlab()
    lines = ([s["run"] for s in example["jobs"]["check"]["steps"] if "run" in s]
             if which == "github" else example["compliance"]["script"])
    monkeypatch.chdir(ROOT)
    for args, target in _commands(lines):
        result = CliRunner().invoke(app, args, env={"NO_COLOR": "1"})
        assert result.exit_code in (0, 1), result.stderr
        if target.endswith(".sarif"):
            log = json.loads(result.stdout)
            validate_sarif(log)
            assert log["runs"][0]["results"]
        else:
            suites = ET.fromstring(result.stdout)
            assert len(suites.findall("testsuite")) == len(list((ROOT / "cases").glob("*.yaml")))
