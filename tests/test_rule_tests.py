"""Run every YAML rule test, and check the catalogue's tests and quotes are complete."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from compliance.engine.compile import Rulebook, add_period
from compliance.inputs.ruletests import LoadedTests, RuleTest, load_rule_tests
from compliance.models.rules import ProvisionText, RuleSpec
from compliance.reviewing.ruletests import run

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "compliance" / "catalogue" / "rules"
TESTS_DIR = ROOT / "compliance" / "catalogue" / "tests"
SHARED = Path(__file__).resolve().parents[2] / "shared"
PROVISIONS = SHARED / "reference" / "unscr-dprk-provisions.md"

FILES: list[LoadedTests] = load_rule_tests([TESTS_DIR])
CASES: list[tuple[str, RuleTest]] = [(f.rule, t) for f in FILES for t in f.spec.tests]


@pytest.mark.parametrize(("rule_id", "test"), CASES,
                         ids=[f"{r}::{t.name}" for r, t in CASES])
def test_rule(rule_id: str, test: RuleTest, rulebook: Rulebook) -> None:
    result = run(test, rulebook, rule_id)
    assert result.passed, "\n".join(
        f"{m.relationship} {m.field}: expected {m.expected}, got {m.actual}"
        for m in result.mismatches)


def _tests_by_rule() -> dict[str, list[RuleTest]]:
    out: dict[str, list[RuleTest]] = {}
    for rule_id, test in CASES:
        out.setdefault(rule_id, []).append(test)
    return out


def test_every_rule_has_the_required_tests(rulebook: Rulebook) -> None:
    by_rule = _tests_by_rule()
    problems = []
    for rule in rulebook.rules:
        tests = by_rule.get(rule.id, [])
        expected = [e for t in tests for e in t.expect.values()]
        statuses = {e.status for e in expected}
        if "prohibited" not in statuses:
            problems.append(f"{rule.id}: no prohibited test")
        day_before = rule.spec.in_force.from_ - dt.timedelta(days=1)
        if not any(t.as_of == day_before and any(e.status == "not_applicable"
                                                 for e in t.expect.values()) for t in tests):
            problems.append(f"{rule.id}: no not_applicable test on {day_before} (day before)")
        if rule.routes and "exempt" not in statuses:
            problems.append(f"{rule.id}: has routes but no exempt test")
        if not any(e.status == "undetermined" and e.questions for e in expected):
            problems.append(f"{rule.id}: no undetermined test with expected questions")
        if rule.spec.wind_down is not None and "wind_down" not in statuses:
            problems.append(f"{rule.id}: has a wind-down but no wind_down test")
    assert not problems, "\n".join(problems)


def test_every_rule_test_file_names_a_rule(rulebook: Rulebook) -> None:
    known = {r.id for r in rulebook.rules}
    assert {f.rule for f in FILES} <= known
    assert {f.path.stem for f in FILES} == {f.rule for f in FILES}


def test_rule_files_are_named_by_id(rulebook: Rulebook) -> None:
    """``unscr-<resolution>-op<paragraph>``: a sub-paragraph letter follows the number, and a
    run of sub-paragraphs cited together is written with a hyphen (8(a)-(c) is op8a-c)."""
    for rule in rulebook.rules:
        match = re.fullmatch(r"unscr-(\d{4})-op(\d+[a-z]?(?:-[a-z])?)", rule.id)
        assert match, rule.id
        assert rule.spec.provision.paragraph.replace("(", "").replace(")", "") == match[2]
        assert str(rule.spec.provision.url) == (
            f"https://undocs.org/S/RES/{match[1]}({rule.spec.provision.adopted.year})")


def test_add_period_convention() -> None:
    assert add_period(dt.date(2017, 9, 11), days=120) == dt.date(2018, 1, 9)
    assert add_period(dt.date(2017, 12, 22), months=24) == dt.date(2019, 12, 22)
    assert add_period(dt.date(2016, 3, 2), days=90) == dt.date(2016, 5, 31)
    assert add_period(dt.date(2016, 11, 30), days=90) == dt.date(2017, 2, 28)


def test_catalogue_deadlines(rulebook: Rulebook) -> None:
    deadlines = {}
    for rule in rulebook.rules:
        for window in rule.windows:
            if window.spec.starts == "provision.adopted":
                deadlines[(rule.id, window.spec.id)] = add_period(
                    rule.spec.provision.adopted, window.spec.days, window.spec.months)
        if rule.spec.wind_down is not None:
            assert "last permitted day" in rule.spec.wind_down.convention, rule.id
    assert deadlines[("unscr-2375-op18", "from-adoption")] == dt.date(2018, 1, 9)
    assert deadlines[("unscr-2397-op8", "from-adoption")] == dt.date(2019, 12, 22)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2026", "..."), ("\u00ab", '"'), ("\u00bb", '"')):
        text = text.replace(a, b)
    text = re.sub(r"^\s*>\s?", " ", text, flags=re.MULTILINE)
    return re.sub(r"\s+", " ", text).strip()


def _quotes(spec: RuleSpec) -> list[ProvisionText]:
    texts = list(spec.provision.texts)
    texts += [r.text for r in (*spec.carve_outs, *spec.exemptions) if r.text is not None]
    return [t for t in texts if t.kind == "quote"]


def test_quotes_name_their_copy_and_level(rulebook: Rulebook) -> None:
    for rule in rulebook.rules:
        for quote in _quotes(rule.spec):
            assert quote.provenance is not None, rule.id
            assert quote.provenance.source.title, rule.id
            assert quote.provenance.source.url, rule.id
            heading = quote.heading()
            assert "not checked against the official UN text" in heading or (
                quote.provenance.level == "official"), (rule.id, heading)
            if quote.excerpt:
                assert heading.startswith("Excerpt"), (rule.id, heading)


def test_no_quote_claims_more_than_its_copy(rulebook: Rulebook) -> None:
    """Nothing in the catalogue was compared with an official UN document yet, and
    only MOFCOM's announcement (2371 para. 12) is an official reproduction (a
    government act); every other copy is secondary (press, private sites, the UN
    Sanctions App, forums)."""
    levels = {(rule.id, q.language, q.provenance.level)
              for rule in rulebook.rules for q in _quotes(rule.spec) if q.provenance}
    assert not [x for x in levels if x[2] == "official"]
    assert {x for x in levels if x[2] == "official_reproduction"} == {
        ("unscr-2371-op12", "en", "official_reproduction")}


@pytest.mark.skipif(not PROVISIONS.is_file(), reason="../shared reference is not available")
def test_quotes_appear_in_the_reference(rulebook: Rulebook) -> None:
    reference = _normalise(PROVISIONS.read_text(encoding="utf-8"))
    missing = []
    for rule in rulebook.rules:
        for quote in _quotes(rule.spec):
            text = _normalise(quote.text)
            text = text.removeprefix("...").removesuffix("...").strip()
            if text not in reference:
                missing.append(f"{rule.id}: {text[:80]}...")
    assert not missing, "\n".join(missing)


@pytest.mark.skipif(not PROVISIONS.is_file(), reason="../shared reference is not available")
def test_quote_check_can_fail() -> None:
    reference = _normalise(PROVISIONS.read_text(encoding="utf-8"))
    assert _normalise("shall prohibit all telecommunications with the DPRK") not in reference


def test_cli_reports_a_failing_test(tmp_path: Path, runner: Any) -> None:
    from compliance.cli import app

    bad = tmp_path / "unscr-2375-op18.yaml"
    bad.write_text(
        "rule: unscr-2375-op18\n"
        "tests:\n"
        "  - name: wrong on purpose\n"
        "    as_of: 2017-10-02\n"
        "    case:\n"
        "      parties:\n"
        "        - {id: a, name: A, kind: company, country: TH}\n"
        "        - {id: k, name: K, kind: company, country: KP}\n"
        "      relationships:\n"
        "        - id: jv\n"
        "          kind: joint_venture\n"
        "          parties: [{party: a, role: partner}, {party: k, role: partner}]\n"
        "          start: 2010-01-01\n"
        "          end: {earliest: 2030-01-01}\n"
        "          attributes: {committee_approval: {status: none}, named_project: none}\n"
        "    expect:\n"
        "      jv: {status: prohibited}\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "test", str(bad), "--rules", str(RULES)])
    assert result.exit_code == 1, result.output
    assert "- expected: prohibited" in result.output
    assert "+ actual:   wind_down" in result.output
    ok = runner.invoke(app, ["rules", "test", str(TESTS_DIR), "--rules", str(RULES)])
    assert ok.exit_code == 0, ok.output


def _one_test(raw: dict[str, Any]) -> RuleTest:
    return RuleTest.model_validate({"name": "synthetic", **raw})


_JV_CASE: dict[str, Any] = {
    "parties": [{"id": "a", "name": "A", "kind": "company", "country": "TH"},
                {"id": "k", "name": "K", "kind": "company", "country": "KP"}],
    "relationships": [{
        "id": "jv", "kind": "joint_venture", "start": "2010-01-01",
        "end": {"earliest": "2030-01-01"},
        "parties": [{"party": "a", "role": "partner"}, {"party": "k", "role": "partner"}],
        "attributes": {"committee_approval": {"status": "none"}, "named_project": "none"}}],
}


def _fields(test: RuleTest, rulebook: Rulebook) -> dict[str, tuple[str, str]]:
    return {m.field: (m.expected, m.actual)
            for m in run(test, rulebook, "unscr-2375-op18").mismatches}


def test_expected_states_and_bases_are_compared(rulebook: Rulebook) -> None:
    good = _one_test({"as_of": "2018-02-01", "case": _JV_CASE, "expect": {"jv": {
        "status": "prohibited", "states": ["TH"],
        "state_bases": {"TH": ["nationality_of_actor"]}}}})
    assert _fields(good, rulebook) == {}
    bad = _one_test({"as_of": "2018-02-01", "case": _JV_CASE, "expect": {"jv": {
        "status": "prohibited", "states": ["TH", "CN"],
        "state_bases": {"TH": ["territory_of_conduct"]}}}})
    assert _fields(bad, rulebook) == {
        "states": ("CN, TH", "TH"),
        "state_bases[TH]": ("territory_of_conduct", "nationality_of_actor")}


def test_expected_history_and_past_status_are_compared(rulebook: Rulebook) -> None:
    history = [{"from": "2017-09-11", "to": "2018-01-09", "status": "wind_down",
                "deadline": "2018-01-09"},
               {"from": "2018-01-10", "status": "prohibited"}]
    good = _one_test({"as_of": "2018-02-01", "case": _JV_CASE, "expect": {"jv": {
        "status": "prohibited", "history": history, "ever": "wind_down"}}})
    assert _fields(good, rulebook) == {}
    bad = _one_test({"as_of": "2018-02-01", "case": _JV_CASE, "expect": {"jv": {
        "status": "prohibited", "history": history[1:], "ever": "exempt"}}})
    found = _fields(bad, rulebook)
    assert set(found) == {"history", "ever"}
    assert found["history"][1] == ("2017-09-11..2018-01-09 wind_down until 2018-01-09;"
                                   " 2018-01-10..as_of prohibited")


def test_unwanted_questions_and_caveats_are_reported(rulebook: Rulebook) -> None:
    transit = {
        "parties": [{"id": "c", "name": "Carrier", "kind": "company", "country": "RU"},
                    {"id": "k", "name": "DPRK ISP", "kind": "joint_venture", "country": "KP"}],
        "relationships": [{
            "id": "t", "kind": "internet_transit", "start": "2017-10-01",
            "end": {"earliest": "2030-01-01"},
            "parties": [{"party": "c", "role": "provider"}, {"party": "k", "role": "customer"}],
            "attributes": {"named_project": "none"}}],
    }
    test = _one_test({"as_of": "2017-10-02", "case": transit, "expect": {"t": {
        "status": "undetermined", "not_questions": ["relationship.cooperative_entity"],
        "caveats_exclude": ["anything"]}}})
    assert set(_fields(test, rulebook)) == {"not_questions"}


def test_an_unknown_reading_is_a_mismatch(rulebook: Rulebook) -> None:
    test = _one_test({"as_of": "2018-02-01", "case": _JV_CASE,
                      "interpretations": {"no-such-interpretation": "x"},
                      "expect": {"jv": {"status": "prohibited"}}})
    assert set(_fields(test, rulebook)) == {"interpretations"}


CATALOGUE_DOC = ROOT / "docs" / "rules-catalogue.md"


def test_the_catalogue_page_lists_every_rule_as_it_is(rulebook: Rulebook) -> None:
    """docs/rules-catalogue.md has one row per rule, with its paragraph, in-force date and
    the provenance of its paragraph number, and lists every route and interpretation."""
    text = CATALOGUE_DOC.read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in text.splitlines()
            if line.startswith("| unscr-") and line.count("|") >= 10}
    assert set(rows) == {r.id for r in rulebook.rules}
    for rule in rulebook.rules:
        cells = [c.strip() for c in rows[rule.id].split("|")[1:-1]]
        assert cells[2] == rule.spec.provision.paragraph, rule.id
        assert cells[3].startswith(rule.spec.in_force.from_.isoformat()), rule.id
        assert cells[6].strip("*").startswith(rule.spec.provision.paragraph_status), rule.id
        for route in rule.routes:
            assert f"| {rule.id} | {route.spec.id} | {route.spec.basis} |" in text, route.spec.id
    for ident in rulebook.interpretations():
        assert f"| {ident} |" in text, ident


def test_the_catalogue_page_lists_what_is_not_encoded(rulebook: Rulebook) -> None:
    assert rulebook.scope is not None
    text = CATALOGUE_DOC.read_text(encoding="utf-8")
    section = text.split("## Not encoded", 1)[1].split("##", 1)[0]
    for item in rulebook.scope.not_encoded:
        head = item.provision.split(" (")[0].split(",")[0]
        assert head.lower() in section.lower(), item.provision


def test_the_case_format_lists_every_attribute() -> None:
    """docs/case-format.md's attribute table has a row for every fact a case records about
    a relationship, so the vocabulary and its documentation stay in step."""
    from compliance.vocabulary import recorded

    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip().strip("`") for line in text.splitlines()
            if line.startswith("| `")}
    missing = [d.name for d in recorded("relationship") if d.name not in rows]
    assert not missing, missing
