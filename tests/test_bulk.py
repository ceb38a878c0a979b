"""Bulk inputs: JSON cases and JSON Lines relationships give the same findings as YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.engine.compile import Rulebook
from compliance.errors import InvalidInputError
from compliance.inputs.cases import load_case
from compliance.models.findings import Finding
from compliance.pipeline import assess
from tests.conftest import load_synth

ROOT = Path(__file__).resolve().parents[1]
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
N = 120


synth = load_synth()


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    case: dict[str, Any] = synth.case(N, seed=99, rich=True, n_parties=25)
    return case


def _findings(path: Path, rulebook: Rulebook) -> tuple[tuple[Finding, ...], dict[str, int]]:
    result = assess(load_case(path), rulebook, include_not_applicable=True)
    return result.findings, dict(result.counts)


def test_json_and_jsonl_match_yaml(tmp_path: Path, data: dict[str, Any],
                                   rulebook: Rulebook) -> None:
    yaml_path = tmp_path / "case.yaml"
    synth.write_yaml(data, yaml_path)
    json_path = tmp_path / "case.json"
    json_path.write_text(json.dumps(data, indent=1))
    bulk_dir = tmp_path / "bulk"
    bulk_dir.mkdir()
    jsonl_case = synth.write_jsonl_case(data, bulk_dir)

    from_yaml, counts = _findings(yaml_path, rulebook)
    assert len(from_yaml) == N * len(rulebook.rules)
    assert sum(counts.values()) == N * len(rulebook.rules)
    assert len({f.status for f in from_yaml}) >= 3, counts  # the data exercises the rules
    assert _findings(json_path, rulebook) == (from_yaml, counts)
    assert _findings(jsonl_case, rulebook) == (from_yaml, counts)


def test_bad_jsonl_lines_are_reported_with_their_line_numbers(
        tmp_path: Path, data: dict[str, Any], rulebook: Rulebook) -> None:
    case_path = synth.write_jsonl_case({**data, "relationships": data["relationships"][:5]},
                                       tmp_path)
    bulk = tmp_path / "case.jsonl"
    lines = bulk.read_text().splitlines()
    lines[1] = lines[1][:-1]  # line 2: truncated JSON
    lines[3] = lines[3].replace('"kind": "', '"kind": "x', 1)  # line 4: unknown kind
    bulk.write_text("\n".join(lines) + "\n")
    with pytest.raises(InvalidInputError) as info:
        load_case(case_path)  # the JSON Lines file is read with the case
    found = [(d.path, d.line, d.code) for d in info.value.diagnostics]
    assert found == [(str(bulk), 2, "json-syntax"), (str(bulk), 4, "invalid-value")]
    streamed = load_case(case_path, stream=True)  # bulk checks read it while assessing
    with pytest.raises(InvalidInputError) as later:
        assess(streamed, rulebook)
    assert [(d.path, d.line, d.code) for d in later.value.diagnostics] == found


def test_check_streams_json_lines_as_json(tmp_path: Path, data: dict[str, Any],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    case_path = synth.write_jsonl_case(data, tmp_path)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", str(case_path), "--format", "json", "--all",
                                      "--fail-on", "never"], env=ENV)
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    (assessment,) = out["assessments"]
    rules = len(assessment["rules"])
    assert len(assessment["findings"]) == N * rules
    assert sum(assessment["counts"].values()) == N * rules
    assert {f["relationship"] for f in assessment["findings"]} == {f"r{i}" for i in range(N)}


def test_check_reports_bad_jsonl_line_with_exit_2(tmp_path: Path, data: dict[str, Any],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    case_path = synth.write_jsonl_case({**data, "relationships": data["relationships"][:3]},
                                       tmp_path)
    bulk = tmp_path / "case.jsonl"
    with bulk.open("a") as handle:
        handle.write("\n{not json}\n")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", str(case_path), "--format", "json"], env=ENV)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{bulk}:5:2: error[json-syntax]: expecting property name enclosed in double quotes;"
        " expected valid JSON",
        "1 file, 1 error.",
    ]


@pytest.mark.parametrize("cycle", [False, True], ids=["tree", "ownership-cycle"])
def test_bulk_screening_equals_screening_each_relationship_alone(
        data: dict[str, Any], rulebook: Rulebook, cycle: bool) -> None:
    """Bulk screening remembers party answers across relationships and skips stages.

    Each relationship screened on its own, with a fresh context and every
    stage evaluated, must give the same outcomes, also when owners form a cycle.
    """
    from collections import Counter

    from compliance.engine.assess import assess_relationships
    from compliance.engine.evaluate import decide, stages
    from compliance.engine.facts import Context
    from compliance.models.case import Case

    raw = json.loads(json.dumps(data))
    if cycle:  # p0 owns p1 .. and now the last party owns p0 back
        raw["parties"][0]["owners"] = [{"owner": raw["parties"][-1]["id"], "share": 60.0}]
    case = Case.model_validate(raw)
    parties = {p.id: p for p in case.parties}
    as_of = case.as_of
    assert as_of is not None
    counts: Counter[str] = Counter()
    bulk = {
        (r.relationship.id, s.rule): s.status
        for r in assess_relationships(case, case.relationships, rulebook, as_of, counts,
                                      include_not_applicable=True, explain=False)
        for s in r.screened
    }
    alone = {}
    for rel in case.relationships:
        for rule in rulebook.rules:
            outcomes = decide(rule, stages(rule, Context(rel, parties, as_of)))
            kinds = {(o.status, o.deadline) for o in outcomes}
            alone[(rel.id, rule.id)] = (next(iter(kinds))[0] if len(kinds) == 1
                                        else "undetermined")
    assert bulk == alone
    assert len(set(alone.values())) >= 3, "the sample should reach several statuses"


class _Forgetful(dict[tuple[int, str], "bool | None"]):
    """A memo that never remembers: every party answer is computed afresh."""

    def __setitem__(self, key: tuple[int, str], value: bool | None) -> None:
        return None


def test_explained_findings_do_not_depend_on_remembered_party_answers(
        data: dict[str, Any], rulebook: Rulebook) -> None:
    """Questions suppose answers; remembered party answers must not leak into them."""
    from collections import Counter

    from compliance.engine.assess import assess_relationships
    from compliance.engine.evaluate import screen
    from compliance.engine.explain import build_finding
    from compliance.engine.facts import Context
    from compliance.models.case import Case

    case = Case.model_validate(data)
    parties = {p.id: p for p in case.parties}
    sources = {s.id: s for s in case.sources}
    as_of = case.as_of
    assert as_of is not None
    bulk = [f for r in assess_relationships(case, case.relationships, rulebook, as_of,
                                            Counter(), include_not_applicable=True)
            for f in r.findings]
    fresh = []
    for rel in case.relationships:
        for rule in rulebook.rules:
            ctx = Context(rel, parties, as_of, memos={(as_of, as_of): _Forgetful()})
            fresh.append(build_finding(rule, ctx, screen(rule, ctx), sources))
    key = lambda f: (f.relationship, f.rule)  # noqa: E731
    assert sorted(bulk, key=key) == sorted(fresh, key=key)
    assert sum(len(f.questions) for f in fresh) > 100
