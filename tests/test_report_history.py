"""The report over time: when each status began and ended, past violations apart from
present ones, status bands in the timeline, the scope statement, and the facts
relied on as sentences."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase, load_case
from compliance.pipeline import report as prepare
from compliance.render import timeline
from compliance.render.report import Report
from compliance.render.viewtypes import FindingView
from tests.conftest import CASES
from tests.test_history import SHIPMENT


@pytest.fixture(scope="module")
def koryolink(rulebook: Rulebook) -> Report:
    """Koryolink assessed on 1 January 2019, on the reading that only an approval kept a
    joint venture lawful after its 120 days: prohibited in 2018, exempt since."""
    return prepare(load_case(CASES / "koryolink.yaml"), rulebook, dt.date(2019, 1, 1),
                   interpretations={"jv-pending-request": "approval-only"})


@pytest.fixture(scope="module")
def koryolink_open(rulebook: Rulebook) -> Report:
    """The same with no reading chosen: the pending request leaves 2018 undetermined."""
    return prepare(load_case(CASES / "koryolink.yaml"), rulebook, dt.date(2018, 4, 30))


@pytest.fixture(scope="module")
def shipment(rulebook: Rulebook, tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = tmp_path_factory.mktemp("shipment") / "shipment.yaml"
    path.write_text(SHIPMENT, encoding="utf-8")
    return prepare(load_case(path), rulebook, dt.date(2018, 3, 15))


def _finding(report: Report, rule: str) -> FindingView:
    return next(v for v in report.view.findings if v.rule_id == rule)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_finding_says_when_its_status_began_and_each_period_of_its_history(
        koryolink: Report) -> None:
    view = _finding(koryolink, "unscr-2375-op18")
    assert view.status == "exempt"
    assert view.when == "Exempt since 2018-09-20 (still so on the assessment date)."
    assert [(h.period, h.status) for h in view.history] == [
        ("2006-10-14 to 2017-09-10", "not_applicable"),
        ("2017-09-11 to 2018-01-09", "wind_down"),
        ("2018-01-10 to 2018-09-19", "prohibited"),
        ("from 2018-09-20", "exempt"),
    ]
    assert view.history[1].note.startswith("last permitted day 2018-01-09; ")
    assert view.history[-1].note == ""  # the finding's own reason explains it
    text = _text(koryolink.html)
    assert "2018-01-10 to 2018-09-19 Prohibited" in text


def test_past_violations_are_listed_apart_from_the_present_position(koryolink: Report) -> None:
    (past,) = koryolink.view.past
    assert past.sentence == ("S/RES/2375 (2017), para. 18: prohibited 2018-01-10 to 2018-09-19;"
                             " exempt on the assessment date.")
    assert all(line.status != "prohibited" for line in koryolink.view.summary)
    text = _text(koryolink.html)
    assert "Past conduct: prohibited periods that ended before 2019-01-01" in text


def test_a_completed_act_is_reported_as_a_past_violation(shipment: Report) -> None:
    view = _finding(shipment, "unscr-2397-op7")
    assert (view.status, view.status_label, view.past) == ("prohibited", "Prohibited (past)", True)
    assert view.when.startswith("Prohibited on 2018-03-01; not applicable on the assessment date"
                                " (2018-03-15).")
    (past,) = shipment.view.past
    assert past.sentence == ("S/RES/2397 (2017), para. 7: prohibited on 2018-03-01; not"
                             " applicable on the assessment date.")
    (line,) = shipment.view.summary
    assert line.sentence.endswith("earlier periods are listed under past conduct.")
    assert shipment.view.relationships[0].status == "prohibited"


def test_the_timeline_draws_each_status_in_its_own_band(koryolink: Report) -> None:
    (row,) = timeline.rows_from_histories(
        list(koryolink.loaded.relationships()), koryolink.assessment.findings, dt.date(2019, 1, 1))
    # On each day the most serious status of any finding: undetermined (the asset
    # freeze) outranks exempt (the joint-venture ban) after the approval.
    assert [(b.start.isoformat(), b.end and b.end.isoformat(), b.status) for b in row.bands] == [
        ("2006-10-14", "2017-09-10", "undetermined"),
        ("2017-09-11", "2018-01-09", "wind_down"),
        ("2018-01-10", "2018-09-19", "prohibited"),
        ("2018-09-20", None, "undetermined"),
    ]
    assert row.until == dt.date(2019, 1, 1)
    assert "Prohibited 2018-01-10 to 2018-09-19" in koryolink.view.timeline_svg


def test_a_day_when_no_provision_reached_it_is_drawn_only_inside_its_life(
        shipment: Report) -> None:
    (row,) = timeline.rows_from_histories(
        list(shipment.loaded.relationships()), shipment.assessment.findings, dt.date(2018, 3, 15))
    assert [(b.start, b.end, b.status) for b in row.bands] == [
        (dt.date(2018, 3, 1), dt.date(2018, 3, 1), "prohibited")]


def test_the_scope_statement_follows_the_summary(koryolink: Report) -> None:
    text = _text(koryolink.html)
    summary = text.index("Executive summary")
    scope = text.index("What this assessment covers, and what it does not")
    assert summary < scope < text.index("Findings One section per relationship")
    assert ("'Not applicable' means only that the provisions as encoded do not reach a"
            " relationship on that date") in text[:scope]
    assessed = koryolink.assessment.scope
    for provision in assessed.provisions_applied:
        assert provision.pinpoint in text[scope:]
    for missing in assessed.not_encoded:
        assert missing.provision in text[scope:]
    assert "No provision wording quoted in this catalogue has been checked" in text


def test_facts_relied_on_are_sentences_without_fact_paths(flagship: LoadedCase,
                                                          rulebook: Rulebook) -> None:
    report = prepare(flagship, rulebook, None)
    facts = [f for sec in report.view.sections
             for f in (*sec.facts, *(x for v in sec.findings for x in v.facts))]
    assert facts
    for fact in facts:
        assert not re.search(r"\b(relationship|party|provision)\.[a-z_]", fact.sentence), fact
        assert fact.sentence.endswith("."), fact
    sentences = {f.sentence for f in facts}
    assert ("Star Joint Venture Co. Ltd is owned 70% by Loxpac Hong Kong and 30% by Korea Posts"
            " and Telecommunications Corporation.") in sentences
    assert ("Korea Posts and Telecommunications Corporation is incorporated in, or a national"
            " of, North Korea (KP).") in sentences
    assert "The arrangement is recorded as joint venture." in sentences
    analyst = [f for f in facts if f.assumed_by == "analyst"]
    assert analyst
    assert "(analyst's assumption: " in _text(report.html)


def test_a_section_does_not_repeat_its_facts_in_each_finding(flagship: LoadedCase,
                                                             rulebook: Rulebook) -> None:
    report = prepare(flagship, rulebook, None)
    for sec in report.view.sections:
        common = {f.sentence for f in sec.facts}
        for view in sec.findings:
            assert not common & {f.sentence for f in view.facts}, (sec.title, view.label)


def test_the_text_of_a_shipped_case_report_has_no_unfilled_template(tmp_path: Path,
                                                                     rulebook: Rulebook) -> None:
    for case in sorted(CASES.glob("*.yaml")):
        report = prepare(load_case(case), rulebook, None)
        assert "{" not in _text(report.html).replace("{{", ""), case.name


def test_a_finding_names_the_reading_it_rests_on(koryolink: Report, rulebook: Rulebook) -> None:
    view = next(v for v in koryolink.view.findings if v.rule_id == "unscr-2375-op18")
    # On 2019-01-01 the approval decides, whatever the reading: nothing rests on one.
    assert view.readings == ()
    report = prepare(koryolink.loaded, rulebook, dt.date(2018, 4, 30),
                     interpretations={"jv-pending-request": "approval-only"})
    view = next(v for v in report.view.findings if v.rule_id == "unscr-2375-op18")
    (reading,) = view.readings
    assert reading.reading.startswith("approval-only: Only an approval protects.")
    assert reading.chosen_by == "the command line"
    assert reading.others == "request-suspends-closure: wind down (no fixed last day)"
    assert "Interpretation relied on:" in _text(report.html)


def test_an_open_reading_is_asked_apart_from_the_questions_of_fact(
        koryolink_open: Report) -> None:
    view = next(v for v in koryolink_open.view.findings if v.rule_id == "unscr-2375-op18")
    assert view.status == "undetermined"
    (reading,) = view.readings
    assert (reading.reading, reading.chosen_by) == ("open", "no one: the reading is open")
    section = next(s for s in koryolink_open.view.sections if view in s.findings)
    (question,) = section.interpretive
    assert question.number == len(section.questions) + 1
    assert question.fact == "interpretation.jv-pending-request"
    assert view.label in question.labels
    assert question.number in view.questions
    text = _text(koryolink_open.html)
    assert "Questions of interpretation: a choice of reading, not a fact, settles" in text


def test_the_cover_says_which_catalogue_was_applied(flagship: LoadedCase,
                                                     rulebook: Rulebook) -> None:
    from compliance.pipeline import load_rulebook

    installed = prepare(flagship, load_rulebook(), None)
    assert "the catalogue installed with the tool; digest" in _text(installed.html)
    given = prepare(flagship, rulebook, None)  # tests pass the catalogue folder with --rules
    assert "rule files given with --rules, not the installed catalogue" in _text(given.html)
