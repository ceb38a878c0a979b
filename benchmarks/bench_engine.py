"""Engine throughput against a hand-written rule, paired in one process (run by hand).

Usage: ``python benchmarks/bench_engine.py [N]`` (default 20,000 relationships).

The hand-written function replicates S/RES/2375 (2017) para. 18 as the shipped
rule encodes it, with the same three-valued (Kleene) logic for unknown facts,
and returns the same status and deadline.  Both sides run record-major over
the same validated relationships; the engine side calls ``evaluate.screen``
and ``status_of`` (no traces).  Five alternating pairs; the median ratio of
evaluations per second (engine / hand-written) is the figure of merit.
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

from compliance.engine.evaluate import screen, status_of
from compliance.engine.facts import Context
from compliance.models.case import Case, Party, Relationship
from compliance.pipeline import load_rulebook

ROOT = Path(__file__).resolve().parents[1]
ADOPTED = dt.date(2017, 9, 11)
DEADLINE = ADOPTED + dt.timedelta(days=120)
TV = bool | None


def _le(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]
        ) -> TV:
    if a[1] is not None and b[0] is not None and a[1] <= b[0]:
        return True
    if a[0] is not None and b[1] is not None and a[0] > b[1]:
        return False
    return None


def _lt(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]
        ) -> TV:
    if a[1] is not None and b[0] is not None and a[1] < b[0]:
        return True
    if a[0] is not None and b[1] is not None and a[0] >= b[1]:
        return False
    return None


def _dprk(party: Party, parties: dict[str, Party], seen: frozenset[str]) -> TV:
    country = party.country.value
    if country == "KP":
        return True
    direct: TV = None if country is None else False
    if party.id in seen:
        return direct
    sure = possible = 0.0
    for o in party.owners:
        owner = parties.get(o.owner)
        if owner is None:
            continue
        v = _dprk_country(owner)
        share = o.share.value
        if v is True and share is not None:
            sure += share
            possible += share
        elif v is not False:
            possible += share if share is not None else 100.0
    owned: TV = True if sure >= 50 else (False if possible < 50 else None)
    if owned is True:
        return True
    return None if direct is None or owned is None else False


def _dprk_country(party: Party) -> TV:
    c = party.country.value
    return None if c is None else c == "KP"


def _or(values: list[TV]) -> TV:
    out: TV = False
    for v in values:
        if v is True:
            return True
        if v is None:
            out = None
    return out


def _and(values: list[TV]) -> TV:
    out: TV = True
    for v in values:
        if v is False:
            return False
        if v is None:
            out = None
    return out


def hand_written(rel: Relationship, parties: dict[str, Party], as_of: dt.date
                 ) -> tuple[str, dt.date | None]:
    """2375 para. 18 by hand: (status, deadline), 'undetermined' when facts disagree."""
    if as_of < ADOPTED:
        return ("not_applicable", None)
    day = (as_of, as_of)
    start, end = rel.start.bounds(), rel.end.bounds()
    operating = _and([_le(start, day), _le(day, end)])
    if operating is False:
        return ("not_applicable", None)
    attrs = rel.attributes
    coop = attrs.fact("cooperative_entity").value
    kind_ok: TV = rel.kind in ("joint_venture", "cooperative_entity")
    some_dprk = _or([_dprk(parties[p.party], parties, frozenset()) for p in rel.parties])
    scope = _and([_or([kind_ok, None if coop is None else coop is True]), some_dprk])
    if scope is False:
        return ("not_applicable", None)
    project = attrs.fact("named_project").value
    carve = [None if project is None else project == "china-dprk-hydroelectric",
             None if project is None else project == "rajin-khasan"]
    approval = attrs.committee_approval
    status = approval.status.value
    decided = approval.decided_on.bounds()

    def decided_by(wanted: str) -> TV:
        if status is None:
            return None
        if status != wanted:
            return False
        return _le(decided, day)

    routes = [*carve, decided_by("approved")]
    wind = _lt(start, (ADOPTED, ADOPTED))
    denial_lo, denial_hi = (d + dt.timedelta(days=120) if d else None for d in decided)
    windows = [(True, _le(day, (DEADLINE, DEADLINE)), DEADLINE),
               (decided_by("denied"), _le(day, (denial_lo, denial_hi)),
                denial_hi if denial_lo == denial_hi else None)]
    outcomes = set()
    for o_ in ((operating,) if operating is not None else (True, False)):
        for s_ in ((scope,) if scope is not None else (True, False)):
            outcomes |= _settle(o_, s_, routes, wind, windows)
    if len(outcomes) == 1:
        return next(iter(outcomes))
    return ("undetermined", None)


def _settle(operating: bool, scope: bool, routes: list[TV], wind: TV,
            windows: list[tuple[TV, TV, dt.date | None]]) -> set[tuple[str, dt.date | None]]:
    """Every (status, deadline) over the ways of settling the unknown stages."""
    if not operating or not scope:
        return {("not_applicable", None)}
    if any(r is True for r in routes):
        return {("exempt", None)}
    out: set[tuple[str, dt.date | None]] = set()
    if any(r is None for r in routes):
        out.add(("exempt", None))
    for w in ((wind,) if wind is not None else (True, False)):
        if not w:
            out.add(("prohibited", None))
            continue
        options: list[set[tuple[bool, dt.date | None]]] = []
        for applies, within, deadline in windows:
            a_vals = (applies,) if applies is not None else (True, False)
            w_vals = (within,) if within is not None else (True, False)
            options.append({(bool(a and b), deadline) for a in a_vals for b in w_vals})
        for first in options[0]:
            for second in options[1]:
                live = [d for ok, d in (first, second) if ok]
                if not live:
                    out.add(("prohibited", None))
                else:
                    out.add(("wind_down", max(live, key=lambda d: d or dt.date.max)))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    data = synth.case(n, seed=1234, n_parties=60)
    data["as_of"] = "2017-11-01"  # inside the wind-down window: every stage matters
    with_gc = gc.isenabled()
    gc.disable()
    case = Case.model_validate(data)
    if with_gc:
        gc.enable()
    rulebook = load_rulebook([ROOT / "rules"])
    rule = next(r for r in rulebook.rules if r.id == "unscr-2375-op18")
    parties = {p.id: p for p in case.parties}
    as_of = case.as_of or dt.date(2017, 11, 1)
    rels = case.relationships
    gc.collect()
    gc.freeze()

    def engine() -> list[tuple[str, dt.date | None]]:
        out = []
        for rel in rels:
            ctx = Context(rel, parties, as_of)
            outcomes = screen(rule, ctx)
            status = status_of(outcomes)
            deadline = next(iter(outcomes)).deadline if status == "wind_down" else None
            out.append((status, deadline))
        return out

    def manual() -> list[tuple[str, dt.date | None]]:
        return [hand_written(rel, parties, as_of) for rel in rels]

    expected = manual()
    got = engine()
    mismatches = sum(1 for a, b in zip(expected, got, strict=True) if a != b)
    counts: dict[str, int] = {}
    for status, _ in got:
        counts[status] = counts.get(status, 0) + 1
    print(f"{n:,} relationships, rule unscr-2375-op18, as of {as_of}; statuses {counts};"
          f" mismatches {mismatches}")
    if mismatches:
        raise SystemExit("hand-written and engine results differ")
    ratios, eng_rates, hand_rates = [], [], []
    for _ in range(5):
        t0 = time.perf_counter()
        manual()
        t1 = time.perf_counter()
        engine()
        t2 = time.perf_counter()
        hand_rates.append(n / (t1 - t0))
        eng_rates.append(n / (t2 - t1))
        ratios.append((t1 - t0) / (t2 - t1))
    print(f"hand-written: {statistics.median(hand_rates):,.0f} evaluations/s (median of 5)")
    print(f"engine:       {statistics.median(eng_rates):,.0f} evaluations/s (median of 5)")
    print(f"engine / hand-written throughput, median of 5 pairs: {statistics.median(ratios):.2f}"
          f" (min {min(ratios):.2f}, max {max(ratios):.2f}); target >= 0.50")

    # The whole shipped rulebook, record-major, engine only.
    t0 = time.perf_counter()
    for rel in rels:
        ctx = Context(rel, parties, as_of)
        for r in rulebook.rules:
            status_of(screen(r, ctx))
    elapsed = time.perf_counter() - t0
    evals = n * len(rulebook.rules)
    print(f"all {len(rulebook.rules)} rules: {evals:,} evaluations in {elapsed:.2f} s"
          f" = {evals / elapsed:,.0f} evaluations/s")


if __name__ == "__main__":
    main()
