"""Hints that teach: what an analyst probably meant by a value the tool refuses.

A country written as a name (``North Korea``, ``DPRK``, ``Russia``) gets its ISO
code; a role gets the closest of the roles its kind of relationship usually has
(``seller`` in an equipment supply is a ``supplier``); a code YAML read as a number
(``8517.10``) is shown quoted as written.
"""

from __future__ import annotations

from functools import cache
from typing import Any, get_args

import pycountry

from compliance.countries import country_name
from compliance.errors import did_you_mean
from compliance.inputs.documents import Document, Loc
from compliance.models.case import Role
from compliance.vocabulary import role_synonyms, roles_for

COMMON_NAMES = {
    "north korea": "KP", "dprk": "KP", "d.p.r.k.": "KP", "korea, north": "KP",
    "south korea": "KR", "rok": "KR", "korea, south": "KR", "russia": "RU",
    "uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "united kingdom": "GB", "usa": "US", "america": "US", "united states": "US",
    "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA", "taiwan": "TW",
    "burma": "MM", "hong kong": "HK", "macau": "MO", "macao": "MO", "prc": "CN",
    "mainland china": "CN", "uae": "AE", "czech republic": "CZ", "turkey": "TR",
    "holland": "NL",
}
"""Names analysts write that pycountry's fuzzy search gets wrong or only half right."""


@cache
def country_codes(written: str) -> tuple[str, ...]:
    """The ISO codes ``written`` probably means: a common name, a code in lower case
    or of three letters, or what pycountry's fuzzy search finds (two at most).

    >>> country_codes("North Korea"), country_codes("rus"), country_codes("Norway")
    (('KP',), ('RU',), ('NO',))
    """
    text = " ".join(written.split())
    if not text:
        return ()
    common = COMMON_NAMES.get(text.casefold())
    if common:
        return (common,)
    try:
        return (str(pycountry.countries.lookup(text).alpha_2),)
    except LookupError:
        pass
    if len(text) < 3:
        return ()
    try:
        found = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return ()
    return tuple(str(c.alpha_2) for c in found[:2]) if len(found) <= 2 else (
        str(found[0].alpha_2),)


def country_hint(written: Any) -> str:
    """``; did you mean 'KP' (North Korea)?`` or ``""``."""
    if not isinstance(written, str):
        return ""
    codes = country_codes(written)
    if not codes:
        return ""
    shown = " or ".join(f"'{code}' ({country_name(code)})" for code in codes)
    return f"; did you mean {shown}?"


def role_message(doc: Document, loc: Loc, written: Any) -> str | None:
    """The message for an unknown ``role`` of a relationship's party, or ``None`` when
    ``loc`` is not one: did-you-mean among the roles the relationship's kind usually
    has (and the words analysts write for them), then among all roles."""
    if len(loc) < 3 or loc[-1] != "role" or loc[-3] != "parties":
        return None
    relationship = doc.value_at(loc[:-3])
    kind = relationship.get("kind") if isinstance(relationship, dict) else None
    usual = roles_for(kind) if isinstance(kind, str) else ()
    every = get_args(Role)
    word = str(written)
    meant = [r for r in role_synonyms(word) if r in usual] or list(role_synonyms(word)[:1])
    hint = (f"; did you mean '{meant[0]}'?" if meant else
            did_you_mean(word, usual) or did_you_mean(word, every))
    expected = f"; expected one of: {', '.join(every)}"
    if usual and isinstance(kind, str):
        expected += f" (the parties of {_article(kind)} {kind} are usually {', '.join(usual)})"
    return f"'{word}' is not a valid role{hint}{expected}"


def quoting_hint(doc: Document, loc: Loc, got: Any) -> str:
    """Why a value that should be text is not, and how to write it.

    YAML reads ``8517.62`` as a number (and ``8517.10`` as 8517.1) and ``true`` as a
    boolean: quoting keeps the text as written.
    """
    written = doc.source_text(loc)
    if isinstance(got, bool):
        shown = written or str(got).lower()
        return f" (YAML reads unquoted {shown} as a boolean; quote it to mean the text: '{shown}')"
    if isinstance(got, int | float):
        shown = written or str(got)
        codes = " such as an HS code" if loc and "hs_codes" in loc else ""
        return (f" (YAML reads {shown} as a number; quote a code{codes} to keep it as"
                f" written: \"{shown}\")")
    return ""


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
