"""The engine on the flagship case and on small hand-built relationships."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from compliance.engine.compile import Rulebook, add_period
from compliance.engine.evaluate import screen, status_of
from compliance.engine.facts import Context
from compliance.inputs.cases import LoadedCase
from compliance.models.case import Case, Party, Relationship
from compliance.pipeline import assess, load_rulebook

OP18 = "unscr-2375-op18"
ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "compliance" / "catalogue" / "rules"


def _findings(loaded: LoadedCase, rulebook: Rulebook, as_of: str | None = None) -> dict[str, Any]:
    day = dt.date.fromisoformat(as_of) if as_of else None
    result = assess(loaded, rulebook, day)
    return {f.relationship: f for f in result.findings if f.rule == OP18}


def test_star_jv_is_inside_the_wind_down_until_9_january_2018(
    flagship: LoadedCase, rulebook: Rulebook
) -> None:
    finding = _findings(flagship, rulebook)["star-jv-venture"]
    assert finding.status == "wind_down"
    assert finding.deadline == dt.date(2018, 1, 9)
    assert "last permitted day: 2018-01-09" in finding.reason
    assert finding.obligated_states == ("CN", "TH")
    assert any("Hong Kong" in c for c in finding.caveats)
    assert finding.assumptions, "the unevidenced 'no approval' must be shown as an assumption"


@pytest.mark.parametrize("relationship", ["ttk-star-jv-transit", "unicom-star-jv-transit"])
def test_transit_is_undetermined_with_the_cooperative_entity_question(
    flagship: LoadedCase, rulebook: Rulebook, relationship: str
) -> None:
    finding = _findings(flagship, rulebook)[relationship]
    assert finding.status == "undetermined"
    first = finding.questions[0]
    assert first.fact == "relationship.cooperative_entity"
    assert "arm's-length service contract" in first.ask
    answers = {a.answer: a.status for a in first.leads_to}
    assert answers["no"] == "not_applicable"
    assert answers["yes"].startswith("undetermined")


def test_ttk_obligation_is_russias(flagship: LoadedCase, rulebook: Rulebook) -> None:
    assert _findings(flagship, rulebook)["ttk-star-jv-transit"].obligated_states == ("RU",)


def test_before_adoption_nothing_applies(flagship: LoadedCase, rulebook: Rulebook) -> None:
    findings = _findings(flagship, rulebook, "2017-09-10")
    assert findings == {}, "2375 para. 18 was not in force the day before adoption"


def test_after_the_deadline_star_jv_is_prohibited_if_still_operating(
    flagship: LoadedCase, rulebook: Rulebook
) -> None:
    # The case only shows Star JV operating up to 2 October 2017; later its operation is unknown.
    finding = _findings(flagship, rulebook, "2018-01-10")["star-jv-venture"]
    assert finding.status == "undetermined"
    assert finding.questions[0].fact == "relationship.operating"
    assert set(finding.possible_statuses) == {"not_applicable", "prohibited"}


def test_every_fact_relied_on_in_the_flagship_has_evidence_or_an_assumption(
    flagship: LoadedCase, rulebook: Rulebook
) -> None:
    finding = _findings(flagship, rulebook)["star-jv-venture"]

    def walk(step: Any) -> list[Any]:
        return [step, *(s for c in step.children for s in walk(c))]

    # A reading of a named interpretation is not a recorded fact: its basis is in the rule.
    leaves = [s for top in finding.trace for s in walk(top)
              if s.fact and s.result != "unknown" and not s.children
              and not s.fact.startswith("interpretation.")]
    assert leaves
    for leaf in leaves:
        assert leaf.evidence or leaf.assumption, f"{leaf.label} has no evidence"


def test_findings_are_deterministic(flagship: LoadedCase, rulebook: Rulebook) -> None:
    assert assess(flagship, rulebook) == assess(flagship, rulebook)


def test_date_convention() -> None:
    assert add_period(dt.date(2017, 9, 11), days=120) == dt.date(2018, 1, 9)
    assert add_period(dt.date(2017, 12, 22), months=24) == dt.date(2019, 12, 22)
    assert add_period(dt.date(2016, 2, 29), months=12) == dt.date(2017, 2, 28)


def _relationship(**attributes: Any) -> tuple[Relationship, dict[str, Party]]:
    parties = {
        "kp": Party.model_validate({"id": "kp", "name": "KP Co", "kind": "company",
                                    "country": "KP"}),
        "ru": Party.model_validate({"id": "ru", "name": "RU Co", "kind": "company",
                                    "country": "RU"}),
    }
    data: dict[str, Any] = {
        "id": "r", "kind": "joint_venture",
        "parties": [{"party": "kp", "role": "partner"}, {"party": "ru", "role": "partner"}],
        "start": "2016-01-01", "end": {"earliest": "2019-01-01"},
        "attributes": {"named_project": "none", **attributes},
    }
    return Relationship.model_validate(data), parties


def _status(rulebook: Rulebook, as_of: str, reading: str | None = None, **attributes: Any
            ) -> str:
    rule = next(r for r in rulebook.rules if r.id == OP18)
    rel, parties = _relationship(**attributes)
    readings = {"jv-pending-request": (reading, "case")} if reading else {}
    return status_of(screen(rule, Context(rel, parties, dt.date.fromisoformat(as_of),
                                          readings=readings)))


def test_unknown_approval_is_never_read_as_no_approval(rulebook: Rulebook) -> None:
    assert _status(rulebook, "2017-10-02") == "undetermined"
    assert _status(rulebook, "2017-10-02", committee_approval={"status": "none"}) == "wind_down"
    assert _status(rulebook, "2018-01-09", committee_approval={"status": "none"}) == "wind_down"
    assert _status(rulebook, "2018-01-10", committee_approval={"status": "none"}) == "prohibited"


def test_approval_counts_only_from_its_date(rulebook: Rulebook) -> None:
    approval = {"status": "approved", "requested_on": "2017-10-01", "decided_on": "2018-09-20"}
    under = ["unscr-2375-op18"]
    # While the request was pending, the status depends on a reading chosen (no default).
    assert _status(rulebook, "2018-04-30", committee_approval=approval,
                   approved_under=under) == "undetermined"
    assert _status(rulebook, "2018-04-30", "approval-only", committee_approval=approval,
                   approved_under=under) == "prohibited"
    assert _status(rulebook, "2018-09-20", committee_approval=approval,
                   approved_under=under) == "exempt"


def test_denial_opens_a_second_window_on_one_reading_only(rulebook: Rulebook) -> None:
    denied = {"status": "denied", "requested_on": "2017-10-01", "decided_on": "2018-03-01"}
    # 120 days after 1 March 2018 is 29 June 2018.
    suspends = "request-suspends-closure"
    assert _status(rulebook, "2018-06-29", suspends, committee_approval=denied) == "wind_down"
    assert _status(rulebook, "2018-06-30", suspends, committee_approval=denied) == "prohibited"
    assert _status(rulebook, "2018-06-29", "approval-only",
                   committee_approval=denied) == "prohibited"
    assert _status(rulebook, "2018-06-29", committee_approval=denied) == "undetermined"


def test_carve_out_needs_more_than_the_project_name(rulebook: Rulebook) -> None:
    # The Rajin-Khasan carve-out reaches only the port and rail link used exclusively for
    # Russian-origin coal (French text as reproduced), with a Russian party (RU Co here).
    assert _status(rulebook, "2018-06-30", named_project="rajin-khasan",
                   russian_coal_export_only=True) == "exempt"
    assert _status(rulebook, "2018-06-30", named_project="rajin-khasan",
                   russian_coal_export_only=False, committee_approval={"status": "none"}
                   ) == "prohibited"


def test_remembered_party_answers_survive_ownership_cycles(tmp_path: Path) -> None:
    """Bulk screening remembers each party's answer; not one computed inside a cycle.

    A is held 50% by B and 50% by the DPRK company C; B is held 60% by A.  B is
    a DPRK party (through A).  Screening A first walks B while A is being
    visited, where B looks non-DPRK; that partial answer must not be reused
    when B's own relationship is screened.
    """
    from collections import Counter

    from compliance.engine.assess import assess_relationships

    source = (RULES / "unscr" / "unscr-2375-op18.yaml").read_text()
    flat = ("            where:\n              fact: party.country\n              equals: KP\n")
    assert flat in source
    (tmp_path / "unscr-2375-op18.yaml").write_text(
        source.replace(flat, "            where: {use: dprk_party}\n"))
    rulebook = load_rulebook([tmp_path])
    (rule,) = rulebook.rules

    def party(pid: str, country: str, owners: list[tuple[str, float]]) -> Party:
        return Party.model_validate({"id": pid, "name": pid.upper(), "kind": "company",
                                     "country": country,
                                     "owners": [{"owner": o, "share": s} for o, s in owners]})

    parties = {"a": party("a", "RU", [("b", 50.0), ("c", 50.0)]),
               "b": party("b", "RU", [("a", 60.0)]), "c": party("c", "KP", [])}
    rels = [Relationship.model_validate({
        "id": f"jv-{p}", "kind": "joint_venture", "start": "2016-01-01",
        "end": {"earliest": "2019-01-01"},
        "parties": [{"party": p, "role": "partner"}]}) for p in ("a", "b")]
    case = Case(id="cycle", title="Ownership cycle", parties=tuple(parties.values()),
                relationships=tuple(rels))
    day = dt.date(2017, 10, 2)
    alone = [status_of(screen(rule, Context(rel, parties, day))) for rel in rels]
    assert alone == ["undetermined", "undetermined"]  # both in scope, approval unknown
    bulk = [r.screened[0].status for r in assess_relationships(
        case, rels, rulebook, day, Counter(), explain=False)]
    assert bulk == alone


def test_a_holding_without_dates_counts_on_every_day() -> None:
    """An owner recorded without since/until holds its share throughout (a regression:
    holdings once became unknown when their dates were not recorded)."""
    import datetime as dt

    from compliance.engine.evaluate import screen, status_of
    from compliance.engine.facts import Context
    from compliance.pipeline import load_rulebook

    rule = next(r for r in load_rulebook().rules if r.id == "unscr-2375-op18")
    parties = {"kp": Party.model_validate({"id": "kp", "name": "KP", "kind": "company",
                                           "country": "KP"}),
               "jv": Party.model_validate({"id": "jv", "name": "JV", "kind": "joint_venture",
                                           "owners": [{"owner": "kp", "share": 100}]}),
               "th": Party.model_validate({"id": "th", "name": "TH", "kind": "company",
                                           "country": "TH"})}
    rel = Relationship.model_validate({
        "id": "r", "kind": "joint_venture", "start": "2018-02-01",
        "end": {"earliest": "2030-01-01"},
        "parties": [{"party": "jv", "role": "partner"}, {"party": "th", "role": "partner"}],
        "attributes": {"named_project": "none", "committee_approval": {"status": "none"},
                       "hydroelectric_power_infrastructure": False,
                       "russian_coal_export_only": False}})
    ctx = Context(rel, parties, dt.date(2018, 3, 1))
    assert status_of(screen(rule, ctx)) == "prohibited"
