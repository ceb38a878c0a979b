"""`compliance check`: output, exit codes and the JSON shape, as a user sees them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.engine.compile import Rulebook
from tests.conftest import FLAGSHIP


def test_text_output_has_one_block_per_relationship(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(FLAGSHIP)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for rel in ("ttk-star-jv-transit", "unicom-star-jv-transit", "star-jv-venture"):
        assert f"\n{rel}" in out
    assert "WIND_DOWN" in out
    assert "last permitted day 2018-01-09" in out
    assert "arm's-length service contract?" in out
    assert "\x1b[" not in out, "no colour codes when not on a terminal"


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("prohibited", 0), ("wind_down", 1), ("undetermined", 1), ("never", 0)],
)
def test_fail_on_thresholds(runner: CliRunner, fail_on: str, expected: int) -> None:
    result = runner.invoke(app, ["check", str(FLAGSHIP), "--fail-on", fail_on])
    assert result.exit_code == expected, result.output


def test_open_questions_fail_with_fail_on_undetermined(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(FLAGSHIP), "--as-of", "2018-01-10",
                                 "--fail-on", "undetermined"])
    assert result.exit_code == 1


PAST_DEADLINE = """
id: past-deadline
title: A joint venture still operating after the 2375 deadline
as_of: 2018-01-10
sources:
  - {id: s, title: Test source, publisher: Test, kind: press}
parties:
  - {id: kp, name: KP Co, kind: company, country: KP}
  - {id: ru, name: RU Co, kind: company, country: RU}
relationships:
  - id: jv
    kind: joint_venture
    parties: [{party: kp, role: partner}, {party: ru, role: partner}]
    start: 2016-01-01
    end: {earliest: 2018-02-01, evidence: [{source: s, locator: p. 1}]}
    attributes:
      named_project: none
      committee_approval: {status: none}
"""


def test_prohibited_exits_1_by_default(runner: CliRunner, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(PAST_DEADLINE)
    result = runner.invoke(app, ["check", str(case)])
    assert result.exit_code == 1, result.output
    assert "PROHIBITED" in result.stdout
    assert "Russian Federation (RU)" in result.stdout
    assert runner.invoke(app, ["check", str(case), "--fail-on", "never"]).exit_code == 0


def test_json_output_is_documented_shape(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(FLAGSHIP), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 2
    (assessment,) = doc["assessments"]
    assert assessment["as_of"] == "2017-10-02"
    assert set(assessment["counts"]) == {"prohibited", "wind_down", "undetermined", "exempt",
                                         "not_applicable"}
    star = next(f for f in assessment["findings"] if f["relationship"] == "star-jv-venture"
                and f["rule"] == "unscr-2375-op18")
    assert star["status"] == "wind_down"
    assert star["deadline"] == "2018-01-09"
    assert star["provision"]["pinpoint"] == "S/RES/2375 (2017), para. 18"
    assert star["trace"][0]["result"] == "true"
    assert assessment["window"] == {"since": "2006-10-14", "until": "2017-10-02"}
    assert star["history"] == [
        {"from": "2006-10-14", "to": "2017-09-10", "status": "not_applicable",
         "deadline": None, "reason": star["history"][0]["reason"]},
        {"from": "2017-09-11", "to": None, "status": "wind_down", "deadline": "2018-01-09",
         "reason": star["history"][1]["reason"]}]
    assert "not in force from 2006-10-14 to 2017-09-10" in star["history"][0]["reason"]


def test_all_includes_not_applicable(runner: CliRunner) -> None:
    plain = json.loads(runner.invoke(app, ["check", str(FLAGSHIP), "-f", "json"]).stdout)
    full = json.loads(runner.invoke(app, ["check", str(FLAGSHIP), "-f", "json", "--all"]).stdout)
    total = sum(full["assessments"][0]["counts"].values())
    assert len(full["assessments"][0]["findings"]) == total
    # A finding is reported when it is not not_applicable on some day of the history.
    assert len(plain["assessments"][0]["findings"]) == total - plain["assessments"][0][
        "counts_in_window"]["not_applicable"]


def test_as_of_must_be_iso(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(FLAGSHIP), "--as-of", "03/01/2017"])
    assert result.exit_code == 2
    assert "--as-of must be a date as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output


def test_missing_case_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "nope.yaml"])
    assert result.exit_code == 2
    assert result.stderr.startswith("nope.yaml:1:1: error[unreadable]:")


def test_same_input_same_json(runner: CliRunner) -> None:
    first = runner.invoke(app, ["check", str(FLAGSHIP), "-f", "json", "--all"]).stdout
    second = runner.invoke(app, ["check", str(FLAGSHIP), "-f", "json", "--all"]).stdout
    assert first == second


def test_quiet_reports_the_same_statuses_without_explanations(runner: CliRunner) -> None:
    full = json.loads(runner.invoke(app, ["check", str(FLAGSHIP), "-f", "json"]).stdout)
    quiet = json.loads(runner.invoke(app, ["check", str(FLAGSHIP), "-f", "json", "-q"]).stdout)
    pick = ("relationship", "rule", "status", "deadline")
    assert [{k: f[k] for k in pick} for f in quiet["assessments"][0]["findings"]] == [
        {k: f[k] for k in pick} for f in full["assessments"][0]["findings"]]
    assert "trace" not in quiet["assessments"][0]["findings"][0]
    assert quiet["assessments"][0]["counts"] == full["assessments"][0]["counts"]
    text = runner.invoke(app, ["check", str(FLAGSHIP), "-q"]).stdout
    assert "star-jv-venture  WIND_DOWN      S/RES/2375 (2017), para. 18  last permitted day" \
        " 2018-01-09" in text


def test_explain_level_explains_only_serious_findings(runner: CliRunner) -> None:
    """--explain keeps statuses and counts; only the wind-down finding is explained."""
    full = json.loads(runner.invoke(app, ["check", str(FLAGSHIP), "--format", "json"]).stdout)
    result = runner.invoke(app, ["check", str(FLAGSHIP), "--format", "json",
                                 "--explain", "wind_down"])
    assert result.exit_code == 0, result.output
    (part,) = json.loads(result.stdout)["assessments"]
    (whole,) = full["assessments"]
    assert part["counts"] == whole["counts"]
    explained = [f for f in part["findings"] if "trace" in f]
    assert [(f["relationship"], f["status"]) for f in explained] == [
        ("star-jv-venture", "wind_down")]
    brief = [f for f in part["findings"] if "trace" not in f]
    assert {f["status"] for f in brief} == {"undetermined"}
    assert sorted((f["relationship"], f["rule"], f["status"]) for f in part["findings"]) == sorted(
        (f["relationship"], f["rule"], f["status"]) for f in whole["findings"])
    text = runner.invoke(app, ["check", str(FLAGSHIP), "--explain", "wind_down"]).stdout
    assert "last permitted day 2018-01-09" in text
    assert "arm's-length service contract?" not in text  # that question explains an undetermined
    assert "ttk-star-jv-transit  UNDETERMINED   S/RES/2375 (2017), para. 18" in text


def test_quiet_cannot_be_combined_with_another_explain_level(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(FLAGSHIP), "-q", "--explain", "all"])
    assert result.exit_code == 2
    assert "--quiet means --explain none" in result.stderr


UNREACHED = PAST_DEADLINE.replace("id: past-deadline", "id: unreached").replace(
    "parties:\n", """parties:
  - id: de
    name: DE Co
    kind: company
    country: DE
    screenings: [{regime: UN-1718, list_date: 2024-09-26, result: not_listed}]
""", 1) + """
  - id: ru-hosting
    kind: hosting
    parties: [{party: de, role: provider}]
    start: 2016-01-01
    end: 2017-06-30
    attributes: {benefits_designated_party: false}
"""


@pytest.mark.parametrize("explain", [[], ["--explain", "prohibited"]])
def test_every_relationship_gets_a_block_even_when_no_rule_reaches_it(
        runner: CliRunner, tmp_path: Path, explain: list[str], rulebook: Rulebook) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(UNREACHED)
    result = runner.invoke(app, ["check", str(case), "--fail-on", "never", *explain])
    assert result.exit_code == 0, result.output
    every = len(rulebook.rules)
    assert f"\nru-hosting\n  no provision reaches it ({every} rules not applicable)\n" in (
        result.stdout)
    quiet = runner.invoke(app, ["check", str(case), "--fail-on", "never", "-q"]).stdout
    assert "ru-hosting" not in quiet  # statuses only: it has none to report
