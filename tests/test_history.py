"""Status histories: properties over random cases, and the cases the issue names.

For every rule and random relationships (the generator of ``test_properties``,
with some attribute values made to change on a random day):

* the intervals cover the window without gaps or overlaps, and adjacent
  intervals differ in status or deadline;
* the history's value on any day equals the evaluation of that day alone;
* learning a fact never changes a determined interval's status on any day; it
  may only settle undetermined days.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from compliance.cli import app
from compliance.engine.evaluate import screen
from compliance.engine.facts import Context
from compliance.engine.history import Dates, Span, at, history, status_key
from compliance.models.case import Case
from tests.test_properties import (
    FIRST,
    PROPERTY,
    SPAN,
    Example,
    Slot,
    _assumed,
    _build,
    _rulebook,
    examples,
    slots,  # noqa: F401  (the fixture)
)

ONE_DAY = dt.timedelta(days=1)


def _dated(case: Case, rng: random.Random) -> Case:
    """The case with one known yes/no attribute changing value on a random day."""
    data: dict[str, Any] = case.model_dump(mode="json", exclude_defaults=True)
    rel = data["relationships"][0]
    attributes = rel.setdefault("attributes", {})
    known = [k for k, v in attributes.items()
             if isinstance(v, dict) and isinstance(v.get("value"), bool)]
    if not known:
        return case
    name = rng.choice(known)
    value = attributes[name]["value"]
    day = FIRST + dt.timedelta(days=rng.randrange(SPAN))
    attributes[name] = {"periods": [
        {"value": value, "until": (day - ONE_DAY).isoformat()},
        {"value": not value, "since": day.isoformat()}]}
    return Case.model_validate(data)


def _histories(case: Case, window: tuple[dt.date, dt.date]) -> dict[str, list[Span]]:
    parties = {p.id: p for p in case.parties}
    rel = case.relationships[0]
    ctx = Context(rel, parties, window[1])
    cuts = Dates(parties).relationship(rel)
    return {rule.id: history(rule, ctx, window, cuts) for rule in _rulebook().rules}


def _point(case: Case, rule_id: str, day: dt.date) -> tuple[str, dt.date | None]:
    parties = {p.id: p for p in case.parties}
    rule = next(r for r in _rulebook().rules if r.id == rule_id)
    return status_key(screen(rule, Context(case.relationships[0], parties, day)))


def _window(ex: Example, rng: random.Random) -> tuple[dt.date, dt.date]:
    first = FIRST + dt.timedelta(days=rng.randrange(SPAN // 2))
    return first, first + dt.timedelta(days=rng.randrange(30, SPAN))


def _dated_example(data: st.DataObject, drawn_from: list[Slot]
                   ) -> tuple[Case, tuple[dt.date, dt.date], random.Random]:
    """A drawn example's case with dated facts, a window over it, and the random
    source that made them (for the test's own further choices)."""
    ex = data.draw(examples(drawn_from))
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1)))
    case = _dated(_build(ex.shape, ex.view, ex.as_of), rng)
    return case, _window(ex, rng), rng


def _days(spans: list[Span], rng: random.Random) -> list[dt.date]:
    """Each span's first and last day, and a few days inside."""
    days = [d for s in spans for d in (s.first, s.last)]
    for s in spans:
        width = (s.last - s.first).days
        days += [s.first + dt.timedelta(days=rng.randint(0, width)) for _ in range(2)]
    return days


@PROPERTY
@given(data=st.data())
def test_intervals_cover_the_window_and_change_at_each_boundary(
        data: st.DataObject, slots: list[Slot]) -> None:  # noqa: F811  (the fixture)
    case, window, _rng = _dated_example(data, slots)
    for rule, spans in _histories(case, window).items():
        assert spans[0].first == window[0], rule
        assert spans[-1].last == window[1], rule
        for before, after in itertools.pairwise(spans):
            assert after.first == before.last + ONE_DAY, (rule, before, after)
            assert (before.status, before.deadline) != (after.status, after.deadline), rule


@PROPERTY
@given(data=st.data())
def test_the_history_on_any_day_is_that_day_evaluated_alone(
        data: st.DataObject, slots: list[Slot]) -> None:  # noqa: F811  (the fixture)
    case, window, rng = _dated_example(data, slots)
    for rule, spans in _histories(case, window).items():
        for day in _days(spans, rng):
            span = at(spans, day)
            assert span is not None, (rule, day)
            assert (span.status, span.deadline) == _point(case, rule, day), (rule, day, span)


@PROPERTY
@given(data=st.data())
def test_learning_a_fact_never_flips_a_determined_day(
        data: st.DataObject, slots: list[Slot]) -> None:  # noqa: F811  (the fixture)
    ex = data.draw(examples(slots))
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1)))
    window = _window(ex, rng)
    before = _histories(_build(ex.shape, ex.view, ex.as_of), window)
    after = _histories(_build(ex.shape, ex.learned, ex.as_of), window)
    for rule, spans in before.items():
        for day in _days(spans, rng):
            was = at(spans, day)
            now = at(after[rule], day)
            assert was is not None
            assert now is not None
            # A printed default (a value the rule assumes for an unrecorded fact) may be
            # overturned by learning the fact: the one stated exception.
            if was.status != "undetermined" and not _assumed(rule, ex.view):
                assert (now.status, now.deadline) == (was.status, was.deadline), (rule, day)


@PROPERTY
@given(data=st.data())
def test_a_day_already_evaluated_changes_nothing_in_the_history(
        data: st.DataObject, slots: list[Slot]) -> None:  # noqa: F811  (the fixture)
    """The assessment date's outcomes, handed to the history, spare evaluations only."""
    case, window, rng = _dated_example(data, slots)
    day = window[0] + dt.timedelta(days=rng.randint(0, (window[1] - window[0]).days))
    parties = {p.id: p for p in case.parties}
    rel = case.relationships[0]
    ctx = Context(rel, parties, window[1])
    for rule in _rulebook().rules:
        known = (day, screen(rule, Context(rel, parties, day)))
        plain = history(rule, ctx, window, Dates(parties).relationship(rel))
        helped = history(rule, ctx, window, Dates(parties).relationship(rel), known)
        assert [(s.first, s.last, s.status, s.deadline) for s in helped] == [
            (s.first, s.last, s.status, s.deadline) for s in plain], rule.id


SHIPMENT = """
id: router-shipment
title: Routers shipped to KPTC
as_of: 2018-03-15
sources:
  - {id: s, title: Customs record, publisher: Test, kind: official_document}
parties:
  - {id: vendor, name: Vendor Co, kind: company, country: CN}
  - {id: kptc, name: KPTC, kind: state_owned_enterprise, country: KP}
relationships:
  - id: shipment
    title: Router shipment to KPTC
    kind: equipment_supply
    parties: [{party: vendor, role: supplier}, {party: kptc, role: recipient}]
    start: 2018-03-01
    end: 2018-03-01
    attributes:
      hs_codes: {value: ["8517.62"], evidence: [{source: s, locator: entry 1}]}
      committee_approval: {status: none}
      civil_aircraft_spare_parts: false
"""


@pytest.fixture
def shipment(tmp_path: Path) -> Path:
    path = tmp_path / "shipment.yaml"
    path.write_text(SHIPMENT, encoding="utf-8")
    return path


def test_a_completed_shipment_is_prohibited_on_its_day_whatever_the_assessment_date(
        runner: CliRunner, shipment: Path) -> None:
    for as_of in ("2018-03-01", "2018-03-15", "2019-06-30"):
        result = runner.invoke(app, ["check", str(shipment), "--as-of", as_of, "-f", "json"])
        assert result.exit_code == 1, (as_of, result.output)  # a past violation fails CI
        (assessment,) = json.loads(result.stdout)["assessments"]
        finding = next(f for f in assessment["findings"] if f["rule"] == "unscr-2397-op7")
        assert finding["most_serious"]["status"] == "prohibited", as_of
        assert finding["most_serious"]["from"] == "2018-03-01", as_of
        # On the shipment's own day the window ends there, so the interval is open.
        assert finding["most_serious"]["to"] == (None if as_of == "2018-03-01"
                                                 else "2018-03-01"), as_of
        assert finding["status"] == ("prohibited" if as_of == "2018-03-01"
                                     else "not_applicable"), as_of
        assert assessment["counts_in_window"]["prohibited"] >= 1


def test_a_completed_shipment_reads_as_past_in_the_text_output(
        runner: CliRunner, shipment: Path) -> None:
    result = runner.invoke(app, ["check", str(shipment)])
    assert result.exit_code == 1, result.output
    assert ("  PROHIBITED     S/RES/2397 (2017), para. 7  2018-03-01; not_applicable on the"
            " assessment date") in result.stdout, result.stdout
    assert "                2018-03-01              PROHIBITED\n" in result.stdout
    assert "\nmost serious in the history: 1 prohibited, " in result.stdout


def test_the_window_options_select_the_history(runner: CliRunner, shipment: Path) -> None:
    before = runner.invoke(app, ["check", str(shipment), "--until", "2018-02-28", "-f", "json"])
    assert before.exit_code == 0, before.output  # the shipment is after the window
    later = runner.invoke(app, ["check", str(shipment), "--since", "2018-03-02", "-f", "json"])
    assert later.exit_code == 0, later.output
    backwards = runner.invoke(app, ["check", str(shipment), "--since", "2019-01-01",
                                    "--until", "2018-01-01"])
    assert backwards.exit_code == 2
    assert "--since/--until: the window starts (2019-01-01) after it ends" in backwards.stderr


def test_koryolink_history_in_one_run(runner: CliRunner) -> None:
    """Inside the wind-down, past the deadline without approval, then exempt on the
    reported approval: one run.  Past the deadline a request was pending, and whether
    that kept the venture lawful is a named interpretation with no default."""
    chosen = runner.invoke(app, ["check", "cases/koryolink.yaml", "--until", "2019-01-01",
                                 "--interpretation", "jv-pending-request=approval-only"])
    lines = chosen.stdout.splitlines()
    start = lines.index("  PROHIBITED     S/RES/2375 (2017), para. 18")
    assert lines[start + 1:start + 5] == [
        "                2006-10-14..2017-09-10  NOT_APPLICABLE",
        "                2017-09-11..2018-01-09  WIND_DOWN (last permitted day 2018-01-09)",
        "                2018-01-10..2018-09-19  PROHIBITED",
        "                2018-09-20..            EXEMPT",
    ], lines[start:start + 6]
    open_reading = runner.invoke(app, ["check", "cases/koryolink.yaml", "--until", "2019-01-01"])
    lines = open_reading.stdout.splitlines()
    start = lines.index("  UNDETERMINED   S/RES/2375 (2017), para. 18")
    assert lines[start + 3] == "                2018-01-10..2018-09-19  UNDETERMINED"


def test_a_merged_interval_gives_the_reason_of_each_of_its_stretches(runner: CliRunner) -> None:
    """Not yet in force, then not yet in operation: one not-applicable interval, whose
    reason must be true of every day in it, so it names both causes with their dates."""
    result = runner.invoke(app, ["check", "cases/dprk-internet-transit-2017.yaml", "-f", "json"])
    (assessment,) = json.loads(result.stdout)["assessments"]
    finding = next(f for f in assessment["findings"]
                   if (f["relationship"], f["rule"]) == ("ttk-star-jv-transit", "unscr-2375-op18"))
    first = finding["history"][0]
    assert (first["from"], first["to"], first["status"]) == (
        "2006-10-14", "2017-09-30", "not_applicable")
    assert first["reason"] == (
        "S/RES/2375 (2017), para. 18 was not in force from 2006-10-14 to 2017-09-10"
        " (in force from 2017-09-11). The relationship was not in operation from 2017-09-11"
        " to 2017-09-30."), first["reason"]


def test_a_default_is_not_assumed_over_a_period_where_the_fact_is_recorded_for_some_days(
        runner: CliRunner, tmp_path: Path) -> None:
    """A transit assumed to supply no goods (the rule's printed default) that is recorded
    as supplying routers from 2018-03-01: before then the default holds, from then on
    the record does.  Over the whole window the default must not paper over the record
    (it once made the whole history 'not applicable')."""
    text = SHIPMENT.replace("kind: equipment_supply", "kind: internet_transit").replace(
        "start: 2018-03-01\n    end: 2018-03-01",
        "start: 2018-01-01\n    end: 2018-12-31").replace(
        "parties: [{party: vendor, role: supplier}, {party: kptc, role: recipient}]",
        "parties: [{party: vendor, role: provider}, {party: kptc, role: customer}]").replace(
        "      hs_codes:",
        "      goods_supplied: {periods: [{value: false, until: 2018-02-28},\n"
        "                                 {value: true, since: 2018-03-01}]}\n"
        "      destined_for_dprk: true\n      hs_codes:")
    path = tmp_path / "transit.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--as-of", "2018-12-31", "-f", "json"])
    assert result.exit_code == 1, result.output
    (assessment,) = json.loads(result.stdout)["assessments"]
    finding = next(f for f in assessment["findings"] if f["rule"] == "unscr-2397-op7")
    assert [(i["from"], i["to"], i["status"]) for i in finding["history"]] == [
        ("2006-10-14", "2018-02-28", "not_applicable"),
        ("2018-03-01", None, "prohibited"),
    ], finding["history"]
