"""`compliance rules diff`: findings on saved cases that change between two rule sets."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compliance.cli import app

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "compliance" / "catalogue" / "rules"
FLAGSHIP = ROOT / "cases" / "dprk-internet-transit-2017.yaml"
RULE = Path("unscr") / "unscr-2375-op18.yaml"


def shorten(text: str, old: int, new: int) -> str:
    """The rule with its from-adoption window cut from ``old`` days to ``new``, title and
    all (the other window keeps the convention's 120 days and worked date true)."""
    assert text.count(f"title: {old} days from adoption") == 1
    return text.replace(f"days: {old}", f"days: {new}", 1).replace(
        f"title: {old} days from adoption", f"title: {new} days from adoption")


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, Path]:
    """(working rules, cases): the shipped rules with para. 18's 120 days from adoption cut
    to 90, and the window's title with them (a stale title is an error)."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    text = (rules / RULE).read_text(encoding="utf-8")
    assert text.count("days: 120") == 2
    (rules / RULE).write_text(shorten(text, 120, 90), encoding="utf-8")
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(FLAGSHIP, cases / FLAGSHIP.name)
    return rules, cases


def invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["rules", "diff", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_deadline_change_is_reported(runner: CliRunner, edited: tuple[Path, Path]) -> None:
    rules, cases = edited
    code, out = invoke(runner, "--base", str(RULES), "--rules", str(rules),
                       "--cases", str(cases))
    assert code == 1
    assert out.splitlines() == [
        f"{cases / FLAGSHIP.name} (dprk-internet-transit-2017, as of 2017-10-02)",
        "  star-jv-venture  unscr-2375-op18  deadline changed: wind_down until 2018-01-09"
        " -> wind_down until 2017-12-10 [2017-09-11..: wind_down until 2018-01-09 -> wind_down"
        " until 2017-12-10]",
        "1 change in 1 of 1 cases.",
    ]


def test_json_format(runner: CliRunner, edited: tuple[Path, Path]) -> None:
    rules, cases = edited
    code, out = invoke(runner, "--base", str(RULES), "--rules", str(rules),
                       "--cases", str(cases), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["changes"] == [{
        "case": "dprk-internet-transit-2017", "path": str(cases / FLAGSHIP.name),
        "as_of": "2017-10-02", "relationship": "star-jv-venture", "rule": "unscr-2375-op18",
        "change": "deadline",
        "before": {"status": "wind_down", "deadline": "2018-01-09"},
        "after": {"status": "wind_down", "deadline": "2017-12-10"},
        "periods": [{"from": "2017-09-11", "to": None,
                     "before": {"status": "wind_down", "deadline": "2018-01-09"},
                     "after": {"status": "wind_down", "deadline": "2017-12-10"}}],
    }]


def test_status_change_when_the_window_closes_before_as_of(
        runner: CliRunner, edited: tuple[Path, Path]) -> None:
    rules, cases = edited
    rule = rules / RULE
    rule.write_text(shorten(rule.read_text(encoding="utf-8"), 90, 10), encoding="utf-8")
    code, out = invoke(runner, "--base", str(RULES), "--rules", str(rules),
                       "--cases", str(cases))
    assert code == 1
    # On the assessment date the status changes; the history says from which day.
    assert ("  star-jv-venture  unscr-2375-op18  status changed: wind_down until 2018-01-09"
            " -> prohibited [2017-09-11..2017-09-21: wind_down until 2018-01-09 -> wind_down"
            " until 2017-09-21; 2017-09-22..: wind_down until 2018-01-09 -> prohibited]"
            ) in out.splitlines(), out


def test_same_rules_exit_0(runner: CliRunner, edited: tuple[Path, Path]) -> None:
    rules, cases = edited
    code, out = invoke(runner, "--base", str(rules), "--rules", str(rules), "--cases", str(cases))
    assert (code, out) == (0, "no changes in 1 cases.\n")


def test_removed_rule_is_reported(runner: CliRunner, edited: tuple[Path, Path]) -> None:
    rules, cases = edited
    (rules / RULE).unlink()
    code, out = invoke(runner, "--base", str(RULES), "--rules", str(rules),
                       "--cases", str(cases))
    assert code == 1
    assert ("  star-jv-venture  unscr-2375-op18  no longer applies (was wind_down until"
            " 2018-01-09) [2017-09-11..: wind_down until 2018-01-09 -> not_applicable]"
            ) in out.splitlines(), out


def test_base_git_revision(runner: CliRunner, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(RULES, repo / "rules")
    (repo / "cases").mkdir()
    shutil.copy(FLAGSHIP, repo / "cases" / FLAGSHIP.name)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    rule = repo / "rules" / RULE
    rule.write_text(shorten(rule.read_text(encoding="utf-8"), 120, 90), encoding="utf-8")
    code, out = invoke(runner, "--base", "HEAD", "--rules", str(repo / "rules"),
                       "--cases", str(repo / "cases"))
    assert code == 1
    assert "deadline changed: wind_down until 2018-01-09 -> wind_down until 2017-12-10" in out


def test_unknown_base_is_a_usage_error(runner: CliRunner, edited: tuple[Path, Path]) -> None:
    _rules, cases = edited
    code, out = invoke(runner, "--base", "no-such-rev", "--rules", str(RULES),
                       "--cases", str(cases))
    assert (code, out) == (2, "error: --base: 'no-such-rev' is neither a directory nor a git"
                              " revision; expected e.g. main\n")


def test_invalid_base_rules_exit_2(runner: CliRunner, edited: tuple[Path, Path],
                                   tmp_path: Path) -> None:
    rules, cases = edited
    base = tmp_path / "base"
    base.mkdir()
    (base / "bad.yaml").write_text("id: x\n", encoding="utf-8")
    code, out = invoke(runner, "--base", str(base), "--rules", str(rules), "--cases", str(cases))
    assert code == 2
    assert out.splitlines()[-1].endswith("errors.") or out.splitlines()[-1].endswith("error.")
