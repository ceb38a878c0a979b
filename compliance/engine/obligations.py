"""Which States a provision obliges, on the jurisdictional bases the rule declares.

A provision that follows nationality obliges the States of the parties that act;
one that follows territory, the States where the conduct takes place; 2397
para. 8 obliges the State in whose jurisdiction the income is earned, 2375
para. 17 the State that issues the work authorization.  Each rule declares its
bases (``jurisdiction:``), and each State found says which basis gave it.
"""

from __future__ import annotations

from collections.abc import Iterable

from compliance.countries import country_name
from compliance.engine.compile import Rule
from compliance.engine.facts import Context, value_over
from compliance.models.findings import Obligation

DPRK = "KP"
PARENT_STATE = {"HK": "CN", "MO": "CN"}
"""Territories whose international obligations are those of another State."""

BASIS_WORDS = {
    "nationality_of_actor": "State of nationality or incorporation of {who}",
    "territory_of_conduct": "State on whose territory it takes place",
    "state_of_income": "State in whose jurisdiction the income is earned",
    "issuing_state": "State that issued the work authorization",
}


def obligations(rule: Rule, ctx: Context) -> tuple[tuple[Obligation, ...], tuple[str, ...]]:
    """The States obliged, each with the bases that give it, and notes on what is missing."""
    found: dict[str, list[str]] = {}
    notes: list[str] = []
    rel = ctx.relationship
    for basis in rule.spec.jurisdiction:
        kind = basis.basis
        if kind == "nationality_of_actor":
            for party, role in ctx.participants:
                if basis.roles and role not in basis.roles:
                    continue
                code = value_over(party.country, ctx.day)
                if code is None:
                    notes.append(f"The country of {party.name} is not established, so the"
                                 " States whose obligation is engaged may be incomplete.")
                    continue
                _add(found, code, BASIS_WORDS[kind].format(who=party.name), notes, party.name)
        elif kind == "territory_of_conduct":
            for code in rel.territory:
                _add(found, code, BASIS_WORDS[kind], notes)
        else:
            attribute = "income_jurisdiction" if kind == "state_of_income" else (
                "work_authorization_issued_by")
            value = value_over(rel.attributes.fact(attribute), ctx.day)  # type: ignore[arg-type]
            codes: Iterable[str] = (value,) if isinstance(value, str) else (value or ())
            if not codes:
                what = BASIS_WORDS[kind].removeprefix("State ")
                if rel.territory:
                    notes.append(f"The State {what} is not recorded; the territory recorded for"
                                 " the relationship is taken instead.")
                    codes = rel.territory
                else:
                    notes.append(f"The State {what} is not recorded, so the State whose"
                                 " obligation is engaged is not identified.")
            for code in codes:
                _add(found, code, BASIS_WORDS[kind], notes)
    result = tuple(Obligation(state=code, bases=tuple(dict.fromkeys(bases)))
                   for code, bases in sorted(found.items()))
    return result, tuple(dict.fromkeys(notes))


def _add(found: dict[str, list[str]], code: str, basis: str, notes: list[str],
         who: str = "") -> None:
    if code == DPRK:
        return
    if code in PARENT_STATE:
        subject = f"{who} is incorporated in" if who else "The relationship takes place in"
        notes.append(f"{subject} {country_name(code)}, whose obligations here are those"
                     f" of {country_name(PARENT_STATE[code])}.")
        code = PARENT_STATE[code]
    found.setdefault(code, []).append(basis)
