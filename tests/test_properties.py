"""Property tests of three-valued evaluation over the shipped rulebook.

Hypothesis draws a *world* (every fact known: parties, ownership shares,
designations, relationship facts, exact dates) and a *partial view* of it
(some facts unknown, some dates only bounded).  For every rule:

* learning one fact (revealing it, or narrowing a date's bounds) never changes
  a determined status or its deadline; it may only settle an undetermined one --
  unless the fact learned is one the rule assumed by a printed default (a kind
  default, e.g. "a sale is not a cooperative entity"): recording it may overturn
  the assumption, and that is said in every finding that relied on it;
* a status determined from the partial view is the status of the world itself
  and of another, independently sampled completion of the unknowns (same
  exception for defaulted facts);
* evaluating the same input twice gives equal findings;
* a ``not_applicable`` reason never contradicts a recorded fact.

Readings of the rules' named interpretations are drawn too (a reading, or none).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.engine.assess import assess_relationships
from compliance.engine.compile import Rulebook
from compliance.engine.evaluate import screen
from compliance.engine.facts import FACTS, Context
from compliance.errors import InvalidInputError
from compliance.models.case import Case
from compliance.pipeline import load_rulebook
from compliance.vocabulary import definitions

FIRST = dt.date(2015, 1, 1)
SPAN = 6 * 365  # dates fall in 2015-2020, around the resolutions' adoption dates
COUNTRIES = ("KP", "KP", "RU", "CN", "TH")
KINDS = ("joint_venture", "cooperative_entity", "internet_transit", "training",
         "technical_cooperation", "employment", "equipment_supply", "financing", "hosting",
         "managed_service", "other")
PARTY_KINDS = ("company", "state_owned_enterprise", "government_body", "political_party",
               "individual", "group")
ROLES = ("partner", "provider", "customer", "trainee", "trainer", "employer", "employee",
         "supplier", "recipient", "lender", "borrower", "insurer", "intermediary", "worker")
DERIVED = {"relationship.operating", "relationship.committee_approval.approved",
           "relationship.committee_approval.denied", "relationship.committee_approval.pending"}
N_PARTIES = 3
ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "compliance" / "catalogue" / "rules"

PARTY_BOOLS = tuple(d.name for d in definitions().values()
                    if d.context == "party" and d.source == "recorded" and d.type == "bool")
"""Every yes/no fact a case records about a party (state_owned, government_entity...)."""

Key = tuple[str, ...]
Status = tuple[str, dt.date | None] | str
"""(status, deadline) when determined, else ``"undetermined"``."""


def _operands(rulebook: Rulebook) -> dict[str, set[str]]:
    """Every string a rule compares a fact with, by fact path (answers worth drawing)."""
    found: dict[str, set[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            path = node.get("fact")
            if isinstance(path, str):
                for key, value in node.items():
                    values = value if isinstance(value, list) else [value]
                    if key not in ("fact", "ask", "why"):  # a question is no comparison
                        found.setdefault(path, set()).update(
                            v for v in values if isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list | tuple):
            for value in node:
                walk(value)

    for rule in rulebook.rules:
        walk(rule.spec.model_dump(by_alias=True))
    return found


@dataclass(frozen=True)
class Slot:
    """One fact of the generated case: its path in the raw data and its kind."""

    key: Key
    kind: str
    choices: tuple[Any, ...] = ()


def _slots(rulebook: Rulebook) -> list[Slot]:
    operands = _operands(rulebook)
    slots: list[Slot] = []
    for i in range(N_PARTIES):
        party = ("party", str(i))
        slots += [Slot((*party, "country"), "text", COUNTRIES),
                  Slot((*party, "designated"), "bool")]
        slots += [Slot((*party, name), "bool") for name in PARTY_BOOLS]
        if i:
            slots.append(Slot((*party, "share"), "number", (10.0, 49.0, 50.0, 100.0)))
    slots += [Slot(("rel", "start"), "date"), Slot(("rel", "end"), "date"),
              Slot(("approval", "status"), "enum", ("approved", "pending", "denied", "none")),
              Slot(("approval", "requested_on"), "date"),
              Slot(("approval", "decided_on"), "date")]
    for path, spec in FACTS.items():
        name = path.removeprefix("relationship.")
        if spec.context != "relationship" or path in DERIVED or "." in name:
            continue
        if name in ("start", "end", "kind"):
            continue
        used = tuple(sorted(operands.get(path, ())))
        if definitions()[path].type in ("country", "countries"):
            kind = "text" if definitions()[path].type == "country" else "codes"
            slots.append(Slot(("attr", name), kind, ("KP", "RU", "CN", "TH")))
        elif spec.kind == "text":
            slots.append(Slot(("attr", name), "text", (*used, "none", "other")))
        elif spec.kind == "enum":
            slots.append(Slot(("attr", name), "text", spec.domain))
        elif spec.kind == "codes":
            pool = (*used, *(u + "9" for u in used[:2]), "other")
            slots.append(Slot(("attr", name), "codes", pool))
        elif spec.kind == "number":
            slots.append(Slot(("attr", name), "number", (0.0, 1000.0, 50_000.0, 5e6)))
        else:
            slots.append(Slot(("attr", name), spec.kind))
    return slots


def _value(slot: Slot, rng: random.Random) -> Any:
    if slot.kind == "bool":
        return rng.random() < 0.5
    if slot.kind == "date":
        return rng.randrange(SPAN)
    if slot.kind == "codes":
        k = rng.randint(0, min(2, len(slot.choices)))
        return tuple(sorted(set(rng.sample(slot.choices, k=k))))
    return rng.choice(slot.choices)


View = dict[Key, Any]
"""Known value per slot; a date slot holds (lo, hi) day offsets, ``None`` ends open."""


def _partial(slot: Slot, true: Any, rng: random.Random) -> Any:
    """A coarser view of ``true``: unknown, or for a date bounds around it."""
    if slot.kind != "date":
        return None if rng.random() < 0.25 else ("known", true)
    r = rng.random()
    if r < 0.3:
        return (None, None)
    if r < 0.5:
        return (true, true)
    lo = None if rng.random() < 0.3 else max(0, true - rng.randrange(800))
    hi = None if rng.random() < 0.3 else true + rng.randrange(800)
    return (lo, hi)


def _learn(slot: Slot, true: Any, seen: Any, rng: random.Random) -> Any:
    """One step finer than ``seen``, still consistent with ``true``."""
    if slot.kind != "date":
        return ("known", true)
    lo, hi = seen
    lo = true if lo is None else rng.randint(lo, true)
    hi = true if hi is None else rng.randint(true, hi)
    return (lo, hi)


def _day(offset: int | None) -> str | None:
    return None if offset is None else (FIRST + dt.timedelta(days=offset)).isoformat()


def _date(seen: Any) -> Any:
    lo, hi = seen
    if lo is not None and lo == hi:
        return {"value": _day(lo)}
    out = {}
    if lo is not None:
        out["earliest"] = _day(lo)
    if hi is not None:
        out["latest"] = _day(hi)
    return out or "unknown"


def _build(shape: dict[str, Any], view: View, as_of: int) -> Case:
    """The case a view describes: unknown facts are left out (absent means unknown)."""

    def fact(key: Key) -> Any:
        seen = view.get(key)
        if seen is None:
            return "unknown"
        value = seen[1]
        return list(value) if isinstance(value, tuple) else value

    parties = []
    for i in range(N_PARTIES):
        party: dict[str, Any] = {
            "id": f"p{i}", "name": f"Party {i}", "kind": shape["party_kinds"][i],
            "country": fact(("party", str(i), "country")),
            **{name: fact(("party", str(i), name)) for name in PARTY_BOOLS},
        }
        designated = view.get(("party", str(i), "designated"))
        if designated is not None and designated[1]:
            party["designations"] = [{"regime": "UN-1718", "listed_on": "2014-01-01"}]
        elif designated is not None:
            party["screenings"] = [{"regime": "UN-1718", "list_date": "2021-06-01",
                                    "result": "not_listed"}]
        if i:
            party["owners"] = [{"owner": f"p{shape['owner_of'][i]}",
                                "share": fact(("party", str(i), "share"))}]
        parties.append(party)
    attributes: dict[str, Any] = {}
    for key in shape["attr_keys"]:
        if key[1] in shape["date_attrs"]:
            attributes[key[1]] = _date(view[key])
        else:
            attributes[key[1]] = fact(key)
    attributes["committee_approval"] = {
        "status": fact(("approval", "status")),
        "requested_on": _date(view[("approval", "requested_on")]),
        "decided_on": _date(view[("approval", "decided_on")]),
    }
    rel = {
        "id": "r", "kind": shape["kind"],
        "parties": [{"party": f"p{i}", "role": shape["roles"][i]} for i in range(N_PARTIES)],
        "start": _date(view[("rel", "start")]),
        "end": _date(view[("rel", "end")]),
        "attributes": attributes,
    }
    return Case.model_validate({"id": "generated", "title": "Generated", "as_of": _day(as_of),
                                "parties": parties, "relationships": [rel],
                                "interpretations": shape["readings"]})


def _context(case: Case) -> Context:
    readings = {k: (v.reading, "case") for k, v in case.interpretations.items()}
    return Context(case.relationships[0], {p.id: p for p in case.parties},
                   case.as_of or FIRST, readings=readings)


def _statuses(case: Case, rulebook: Rulebook) -> dict[str, Status]:
    ctx = _context(case)
    out: dict[str, Status] = {}
    for rule in rulebook.rules:
        kinds = {(o.status, o.deadline) for o in screen(rule, ctx)}
        out[rule.id] = next(iter(kinds)) if len(kinds) == 1 else "undetermined"
    return out


@dataclass
class Example:
    shape: dict[str, Any]
    world: dict[Key, Any]
    view: View
    learned: View
    other: View
    as_of: int


def _full(slots: list[Slot], world: dict[Key, Any]) -> View:
    return {s.key: (world[s.key], world[s.key]) if s.kind == "date" else ("known", world[s.key])
            for s in slots}


@st.composite
def examples(draw: st.DrawFn, slots: list[Slot]) -> Example:
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    world = {s.key: _value(s, rng) for s in slots}
    # Ends follow starts and decisions follow requests, as in real records.
    world[("rel", "end")] = world[("rel", "start")] + rng.randrange(2500)
    world[("approval", "decided_on")] = world[("approval", "requested_on")] + rng.randrange(400)
    view = {s.key: _partial(s, world[s.key], rng) for s in slots}
    # Reveal what the view does not know yet (if all is known, nothing changes).
    open_slots = [s for s in slots if view[s.key] is None
                  or (s.kind == "date" and view[s.key][0] != view[s.key][1])]
    learned = dict(view)
    if open_slots:  # usually one fact; sometimes a few (learning is transitive)
        for slot in rng.sample(open_slots, k=min(len(open_slots), rng.choice((1, 1, 2, 4)))):
            learned[slot.key] = _learn(slot, world[slot.key], view[slot.key], rng)
    # Another completion: settle the unknowns of the view independently of the world.
    other: View = {}
    for s in slots:
        seen = view[s.key]
        if s.kind == "date":
            lo, hi = seen
            lo = 0 if lo is None else lo
            hi = max(lo, SPAN + 900) if hi is None else hi
            day = rng.randint(lo, hi)
            other[s.key] = (day, day)
        else:
            other[s.key] = seen if seen is not None else ("known", _value(s, rng))
    readings = {}
    for ident, (interpretation, _rules) in sorted(_rulebook().interpretations().items()):
        choice = draw(st.sampled_from((None, *(r.id for r in interpretation.readings))))
        if choice is not None:
            readings[ident] = choice
    shape = {
        "readings": readings,
        "kind": draw(st.sampled_from(KINDS)),
        "party_kinds": [draw(st.sampled_from(PARTY_KINDS)) for _ in range(N_PARTIES)],
        "roles": [draw(st.sampled_from(ROLES)) for _ in range(N_PARTIES)],
        "owner_of": [0] + [rng.randrange(i) for i in range(1, N_PARTIES)],
        "attr_keys": [s.key for s in slots if s.key[0] == "attr"],
        "date_attrs": {s.key[1] for s in slots if s.key[0] == "attr" and s.kind == "date"},
    }
    return Example(shape, world, view, learned, other, draw(st.integers(0, SPAN)))


@cache
def _rulebook() -> Rulebook:
    """Loaded here rather than as a fixture so Hypothesis reports stay short."""
    return load_rulebook([RULES])


@pytest.fixture(scope="module")
def slots() -> list[Slot]:
    return _slots(_rulebook())


PROPERTY = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def test_slots_cover_every_fact_the_rules_read(slots: list[Slot]) -> None:
    """Guards the generator: a new fact in a rule must be generated too."""
    covered = {f"relationship.{s.key[1]}" for s in slots if s.key[0] == "attr"}
    covered |= {"relationship.start", "relationship.end", "relationship.kind", "party.kind",
                "party.country", *(f"party.{name}" for name in PARTY_BOOLS),
                "party.designated", "party.owners.share", *DERIVED,
                *(f"interpretation.{i}" for i in _rulebook().interpretations()),
                "relationship.committee_approval.status",
                "relationship.committee_approval.requested_on",
                "relationship.committee_approval.decided_on",
                "as_of"}  # the day assessed (day_assessed tests): every example draws one
    rules = _rulebook().rules
    read = set().union(*(r.scope.facts for r in rules),
                       *(route.node.facts for r in rules for route in r.routes))
    assert read <= covered, read - covered


def _assumed(rule_id: str, view: View) -> bool:
    """Whether the rule may have assumed a value (a printed default) for a fact the view
    leaves unrecorded: learning that fact may overturn the assumption."""
    rule = next(r for r in _rulebook().rules if r.id == rule_id)
    return any(view.get(("attr", d.fact.removeprefix("relationship."))) is None
               for d in rule.spec.defaults)


@PROPERTY
@given(data=st.data())
def test_learning_a_fact_never_flips_a_determined_status(
        data: st.DataObject, slots: list[Slot]) -> None:
    rulebook = _rulebook()
    ex = data.draw(examples(slots))
    before = _statuses(_build(ex.shape, ex.view, ex.as_of), rulebook)
    after = _statuses(_build(ex.shape, ex.learned, ex.as_of), rulebook)
    for rule, status in before.items():
        if status != "undetermined" and not _assumed(rule, ex.view):
            assert after[rule] == status, (rule, status, after[rule])


@PROPERTY
@given(data=st.data())
def test_determined_status_holds_in_every_sampled_completion(
        data: st.DataObject, slots: list[Slot]) -> None:
    rulebook = _rulebook()
    ex = data.draw(examples(slots))
    partial = _statuses(_build(ex.shape, ex.view, ex.as_of), rulebook)
    world = _statuses(_build(ex.shape, _full(slots, ex.world), ex.as_of), rulebook)
    other = _statuses(_build(ex.shape, ex.other, ex.as_of), rulebook)
    for rule, status in partial.items():
        if status != "undetermined" and not _assumed(rule, ex.view):
            assert world[rule] == status, (rule, status, world[rule])
            assert other[rule] == status, (rule, status, other[rule])


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_same_input_gives_equal_findings(data: st.DataObject, slots: list[Slot]) -> None:
    rulebook = _rulebook()
    ex = data.draw(examples(slots))

    def findings() -> list[Any]:
        case = _build(ex.shape, ex.view, ex.as_of)
        counts: Counter[str] = Counter()
        readings = {k: (v.reading, "case") for k, v in case.interpretations.items()}
        return [r.findings for r in assess_relationships(
            case, case.relationships, rulebook, case.as_of or FIRST, counts,
            include_not_applicable=True, readings=readings)]

    assert findings() == findings()


def test_known_is_refused_outside_remarks(tmp_path: Path) -> None:
    """``known:`` would let an unknown fact settle a finding, so scopes may not use it."""
    source = (RULES / "unscr" / "unscr-2375-op18.yaml").read_text()
    scoped = "        - fact: relationship.cooperative_entity\n          "
    broken = source.replace(scoped + "is: true", scoped + "known: true")
    assert broken != source
    (tmp_path / "unscr-2375-op18.yaml").write_text(broken)
    with pytest.raises(InvalidInputError) as raised:
        load_rulebook([tmp_path])
    assert [d.code for d in raised.value.diagnostics] == ["non-monotone"]


TVS = st.sampled_from((True, False, None))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_decide_equals_exhaustive_enumeration(data: st.DataObject) -> None:
    """The fast decision walk gives exactly the outcomes of settling every unknown."""
    from compliance.engine.evaluate import Stages, decide, decide_by_enumeration

    rule = data.draw(st.sampled_from(_rulebook().rules))
    days = st.none() | st.dates(dt.date(2016, 1, 1), dt.date(2019, 1, 1))
    stages = Stages(
        in_force=data.draw(TVS),
        operating=data.draw(TVS),
        scope=data.draw(TVS),
        routes=tuple(data.draw(TVS) for _ in rule.routes),
        wind_down=data.draw(TVS) if rule.wind_down is not None else False,
        windows=tuple((data.draw(TVS), data.draw(TVS), data.draw(days))
                      for _ in rule.windows) if rule.wind_down is not None else (),
    )
    assert decide(rule, stages) == decide_by_enumeration(rule, stages)


@PROPERTY
@given(data=st.data())
def test_screening_shortcuts_give_the_staged_decision(
        data: st.DataObject, slots: list[Slot]) -> None:
    """``screen`` skips stages for rules out of force or scope; the outcomes must not change."""
    from compliance.engine.evaluate import decide, stages

    ex = data.draw(examples(slots))
    case = _build(ex.shape, ex.view, ex.as_of)
    ctx = _context(case)
    for rule in _rulebook().rules:
        assert screen(rule, ctx) == decide(rule, stages(rule, ctx)), rule.id


def _contradictions(case: Case) -> set[str]:
    """The plain sentences that would deny a yes/no fact the case records (for a fact
    recorded yes, its 'no' sentence, and the other way round), without the full stop."""
    out = set()
    rel = case.relationships[0]
    for name in type(rel.attributes).model_fields:
        definition = definitions().get(f"relationship.{name}")
        if definition is None or definition.type != "bool":
            continue
        value = getattr(rel.attributes, name).value
        if value is not None:
            out.add(definition.sentence("no" if value else "yes").rstrip("."))
    for party in case.parties:
        for name in PARTY_BOOLS:
            value = getattr(party, name).value
            if value is not None:
                denial = definitions()[f"party.{name}"].sentence("no" if value else "yes",
                                                                   party.name)
                out.add(denial.rstrip("."))
    return out


@PROPERTY
@given(data=st.data())
def test_a_not_applicable_reason_never_contradicts_a_recorded_fact(
        data: st.DataObject, slots: list[Slot]) -> None:
    """A relationship outside a rule's scope is told why in the words of the facts that
    put it there: never a sentence that denies what the case records."""
    from compliance.engine.evaluate import OUT_OF_SCOPE, status_of
    from compliance.engine.explain import build_finding

    ex = data.draw(examples(slots))
    case = _build(ex.shape, ex.view, ex.as_of)
    ctx = _context(case)
    denials = _contradictions(case)
    for rule in _rulebook().rules:
        outcomes = screen(rule, ctx)
        if status_of(outcomes) != "not_applicable" or min(outcomes).cause != OUT_OF_SCOPE:
            continue
        reason = build_finding(rule, ctx, outcomes, {}).reason
        # A sentence of the reason starts after ": " or ". " and ends with "." or " (".
        found = [d for d in denials
                 if re.search(r"(?:^|[:.] )" + re.escape(d) + r"(?:\.| \()", reason)]
        assert not found, (rule.id, found, reason)


def test_not_applicable_reasons_state_the_recorded_facts() -> None:
    """Every rule says why a relationship is outside it with ``{because}`` (the facts
    recorded, or assumed and said so), never a bare claim that something is absent."""
    for rule in _rulebook().rules:
        template = rule.spec.reasons.not_applicable
        assert "{because}" in template, rule.id
        assert not re.search(r"\binvolves no\b|\bno .* is recorded\b", template), rule.id
