"""CI formats of ``compliance check``: JSON, JSON Lines, SARIF 2.1.0 and JUnit XML.

Each stays valid when the input fails part-way (a bad JSON Lines line), records
the problem, and exits 2; SARIF is validated against the official schema
(``tests/fixtures/sarif``); ``check DIR`` finds case files recursively.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.inputs.cases import load_case
from tests.conftest import load_synth

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = "cases/dprk-internet-transit-2017.yaml"
SARIF_SCHEMA = ROOT / "tests" / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json"
SARIF_SHA256 = "2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8"
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


synth = load_synth()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", *args], env=ENV)
    assert "Traceback" not in result.output + result.stderr, result.stderr
    return result.exit_code, result.stdout, result.stderr


def validate_sarif(log: dict[str, Any]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema,
                                           format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(log)]
    assert errors == []


def test_the_vendored_sarif_schema_is_the_published_one() -> None:
    assert hashlib.sha256(SARIF_SCHEMA.read_bytes()).hexdigest() == SARIF_SHA256


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("in_root")
def test_sarif_has_one_located_result_per_reported_finding() -> None:
    code, out, _ = run(FLAGSHIP, "--format", "sarif")
    log = json.loads(out)
    validate_sarif(log)
    (sarif_run,) = log["runs"]
    findings = json.loads(run(FLAGSHIP, "--format", "json")[1])["assessments"][0]["findings"]
    results = sarif_run["results"]
    assert code == 0
    assert [(r["properties"]["relationship"], r["ruleId"]) for r in results] == [
        (f["relationship"], f["rule"]) for f in findings]
    doc = load_case(ROOT / FLAGSHIP).doc
    lines = {rel.id: doc.locate(("relationships", i))[0]
             for i, rel in enumerate(load_case(ROOT / FLAGSHIP).case.relationships)}
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == lines[result["properties"]["relationship"]]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == FLAGSHIP
        rule = sarif_run["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert result["properties"]["pinpoint"] in result["message"]["text"]
    para18 = next(r for r in sarif_run["tool"]["driver"]["rules"] if r["id"] == "unscr-2375-op18")
    assert para18["helpUri"] == "https://undocs.org/S/RES/2375(2017)"
    assert "S/RES/2375 (2017), para. 18" in para18["help"]["text"]
    assert sarif_run["invocations"] == [{"executionSuccessful": True, "exitCode": 0,
                                         "toolExecutionNotifications": []}]


APPROVAL_ONLY = ("--interpretation", "jv-pending-request=approval-only")
"""Koryolink is prohibited on 2018-04-30 on the reading that only an approval protects
(its request was pending; with no reading chosen the finding is undetermined)."""


@pytest.mark.usefixtures("in_root")
def test_sarif_levels_follow_fail_on() -> None:
    levels = {r["properties"]["most_serious"]: r["level"] for r in json.loads(
        run("cases/koryolink.yaml", "-f", "sarif", "-q", "--as-of", "2018-04-30", *APPROVAL_ONLY)[1]
    )["runs"][0]["results"]}
    assert levels == {"prohibited": "error", "undetermined": "warning"}
    wider = json.loads(run("cases/koryolink.yaml", "-f", "sarif", "-q", "--fail-on",
                           "undetermined", *APPROVAL_ONLY)[1])["runs"][0]["results"]
    assert {r["level"] for r in wider} == {"error"}


@pytest.mark.usefixtures("in_root")
def test_junit_fails_the_findings_that_reach_fail_on() -> None:
    code, out, _ = run("cases/koryolink.yaml", "-f", "junit", "--as-of", "2018-04-30",
                       *APPROVAL_ONLY)
    suites = ET.fromstring(out)
    (suite,) = suites.findall("testsuite")
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    assert code == 1
    assert suite.get("tests") == str(len(cases))
    assert suite.get("failures") == str(len(failed))
    assert [(c.get("classname"), c.findtext("failure") is not None) for c in failed] == [
        ("koryolink.koryolink-jv", True)]
    assert [f.get("type") for c in failed for f in c.findall("failure")] == ["prohibited"]
    assert all(c.get("file") == "cases/koryolink.yaml" and int(c.get("line", "0")) > 1
               for c in cases)
    assert run("cases/koryolink.yaml", "-f", "junit", "--fail-on", "never")[0] == 0


def _bulk(tmp_path: Path, n: int, bad_line: int) -> Path:
    case_path: Path = synth.write_jsonl_case(synth.case(n, seed=5), tmp_path)
    bulk = tmp_path / "case.jsonl"
    lines = bulk.read_text(encoding="utf-8").splitlines()
    lines[bad_line - 1] = '{"id": "broken", '
    bulk.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return case_path


BAD = {"path": "case.jsonl", "line": 0, "col": 18, "severity": "error", "code": "json-syntax",
       "message": "expecting property name enclosed in double quotes; expected valid JSON"}


def _check_partial(fmt: str, out: str, bad_line: int) -> int:
    """The problem is recorded in the output, which parses; returns the findings seen."""
    bad = {**BAD, "line": bad_line}
    if fmt == "json":
        doc = json.loads(out)
        (assessment,) = doc["assessments"]
        assert doc["errors"] == assessment["errors"] == [bad]
        assert doc["exit_status"] == 2
        return len(assessment["findings"])
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
        errors = [r for r in records if r["type"] == "error"]
        assert errors == [{"type": "error", "case": "synthetic-case", **bad}]
        assert records[-1] == {"type": "end", "errors": 1, "exit_status": 2}
        return sum(1 for r in records if r["type"] == "finding")
    if fmt == "sarif":
        log = json.loads(out)
        validate_sarif(log)
        (sarif_run,) = log["runs"]
        (notification,) = sarif_run["invocations"][0]["toolExecutionNotifications"]
        assert notification["locations"][0]["physicalLocation"]["region"]["startLine"] == bad_line
        assert sarif_run["invocations"][0]["executionSuccessful"] is False
        errors = [r for r in sarif_run["results"] if r["ruleId"] == "invalid-input"]
        assert [r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in errors] == [bad_line]
        return len(sarif_run["results"]) - 1
    suites = ET.fromstring(out)
    errors = suites.findall(".//error")
    assert [e.get("type") for e in errors] == ["json-syntax"]
    return len(suites.findall(".//testcase")) - 1


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "junit"])
def test_output_stays_valid_when_a_json_lines_line_is_bad(
        fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case_path = _bulk(tmp_path, 60, 60)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(case_path.name, "-f", fmt, "-q")
    assert code == 2
    assert err.splitlines()[-1] == "1 file, 1 error."
    assert _check_partial(fmt, out, 60) > 0


@pytest.mark.slow
def test_a_bad_line_at_line_5000_is_a_record_of_valid_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's case: 4,999 good lines stream out, then the error, in one document."""
    case_path = _bulk(tmp_path, 5000, 5000)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(case_path.name, "-f", "json", "-q", "--fail-on", "never")
    assert code == 2
    assert _check_partial("json", out, 5000) > 4000


def test_json_records_a_case_that_cannot_be_read_and_assesses_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    code, out, err = run(str(broken), FLAGSHIP, "-f", "json", "-q")
    doc = json.loads(out)
    assert code == 2
    assert [a["case"] for a in doc["assessments"]] == ["dprk-internet-transit-2017"]
    assert [(e["path"], e["code"]) for e in doc["errors"]] == [(str(broken), "yaml-syntax")]
    assert err.splitlines()[0].startswith(f"{broken}:3:1: error[yaml-syntax]")


def test_broken_rules_are_records_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yaml").write_text("id: x\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    code, out, _ = run(FLAGSHIP, "--rules", str(rules), "-f", "sarif")
    log = json.loads(out)
    validate_sarif(log)
    assert code == 2
    assert log["runs"][0]["results"]
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"invalid-input"}


def test_check_dir_finds_case_files_recursively(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    tree = tmp_path / "cases"
    (tree / "nested" / "deeper").mkdir(parents=True)
    (tree / ".hidden").mkdir()
    shutil.copy(ROOT / "cases" / "star-jv.yaml", tree / "nested" / "deeper" / "b.yaml")
    shutil.copy(ROOT / "cases" / "koryolink.yaml", tree / "a.yml")
    shutil.copy(ROOT / "cases" / "koryolink.yaml", tree / ".hidden" / "ignored.yaml")
    (tree / "package.json").write_text('{"name": "not a case"}', encoding="utf-8")
    (tree / "notes.txt").write_text("not read", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("cases", "-f", "jsonl", "-q", *APPROVAL_ONLY)
    paths = [json.loads(line)["path"] for line in out.splitlines()
             if json.loads(line)["type"] == "assessment"]
    assert paths == [str(Path("cases/a.yml")), str(Path("cases/nested/deeper/b.yaml"))]
    assert err.splitlines() == [f"note: {Path('cases/package.json')} skipped: not a case file"
                                " (no parties, relationships or relationships_file at the top"
                                " level)"]
    assert code == 1


def test_check_dir_reports_a_file_it_cannot_parse(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.yaml").write_text("parties: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(".", "-f", "json")
    assert code == 2
    assert json.loads(out)["errors"][0]["code"] == "yaml-syntax"
    assert "bad.yaml:" in err
