"""Whether a party was designated on a sanctions list over a period, and the evidence."""

from __future__ import annotations

import datetime as dt

from compliance.engine.days import Day
from compliance.models.case import Party
from compliance.models.common import Evidence


def designated(party: Party, regimes: tuple[str, ...], day: Day) -> tuple[bool | None, str]:
    """Whether ``party`` was designated under one of ``regimes`` on every day of ``day``.

    A listing in force on every day gives yes.  With no listing on any of the
    days, a screening against the list dated on or after the last day that found
    no listing gives no, assuming no listing and delisting in between; otherwise
    the answer is unknown.
    """
    lo, hi = day
    partial = ""
    for d in party.designations:
        if d.regime not in regimes:
            continue
        ref = f" ({d.reference})" if d.reference else ""
        last = d.delisted_on - dt.timedelta(days=1) if d.delisted_on else None
        if d.listed_on <= lo and (last is None or hi <= last):
            return True, f"listed{ref} on {d.listed_on.isoformat()}"
        if d.listed_on <= hi and (last is None or lo <= last):
            partial = f"listed{ref} on {d.listed_on.isoformat()} for part of the period"
    if partial:
        return None, partial
    for s in party.screenings:
        if s.regime in regimes and s.result == "not_listed" and s.list_date >= hi:
            return False, f"not on the {s.regime} list dated {s.list_date.isoformat()}"
    return None, "no listing or screening recorded"


def designation_evidence(party: Party, regimes: tuple[str, ...]) -> tuple[Evidence, ...]:
    """Evidence behind a party's designations and screenings for ``regimes``."""
    out: tuple[Evidence, ...] = ()
    for d in party.designations:
        if d.regime in regimes:
            out += d.evidence
    for s in party.screenings:
        if s.regime in regimes:
            out += s.evidence
    return out
