"""The vocabulary of facts, read from ``facts.yaml``: the one place a fact is defined.

Models, fact paths, default questions, report sentences, the case-format tables and
the JSON Schema are built from (or checked against) these definitions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import yaml

from compliance.countries import country_name
from compliance.resources import package_path

FactType = Literal["bool", "text", "enum", "number", "percent", "date", "codes", "country",
                   "countries"]
Source = Literal["recorded", "structural", "derived"]
Context = Literal["relationship", "party"]

_TYPES = ("bool", "text", "enum", "number", "percent", "date", "codes", "country", "countries")
_SOURCES = ("recorded", "structural", "derived")
_KEYS = {"type", "values", "source", "label", "doc", "ask", "says_yes", "says_no", "says",
         "says_none", "unknown"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FactDef:
    """One fact of the vocabulary."""

    context: Context
    name: str
    type: FactType
    label: str
    doc: str
    ask: str
    unknown: str
    source: Source = "recorded"
    values: tuple[str, ...] = ()
    says_yes: str = ""
    says_no: str = ""
    says: str = ""
    says_none: str = ""
    """(text and codes facts) the sentence when the case records ``none``."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> str:
        """The path rules use, e.g. ``relationship.cooperative_entity``."""
        return f"{self.context}.{self.name}"

    def sentence(self, shown: str | None, party: str = "") -> str:
        """The plain sentence a report prints for a value (as the trace shows it) or
        unknown (``None`` or ``"unknown"``).

        >>> fact("relationship.trade_finance").sentence("yes")
        'The arrangement includes financial support for trade.'
        >>> fact("party.country").sentence("RU", "TransTeleCom")
        'TransTeleCom is incorporated in, or a national of, Russian Federation (RU).'
        >>> fact("relationship.start").sentence("2017-10-01")
        'It began on 2017-10-01.'
        >>> fact("relationship.kind").sentence("internet_transit")
        'The arrangement is recorded as internet transit.'
        """
        who = party or "The party"
        if shown is None or shown == "unknown":
            return self.unknown.replace("{party}", who)
        if self.type == "bool":
            if shown not in ("yes", "no"):  # a value described, e.g. a designation's
                return f"{party or self.label[:1].upper() + self.label[1:]}: {shown}."
            template = self.says_yes if shown == "yes" else self.says_no
        elif shown == "none" and self.says_none:
            template = self.says_none
        else:
            template = self.says
        return template.replace("{party}", who).replace("{value}", self.display(shown))

    def display(self, shown: str) -> str:
        """A value as a sentence reads it: ``on 2017-10-01``, ``internet transit``,
        ``Russian Federation (RU)``."""
        if self.type == "date" and _ISO_DATE.fullmatch(shown):
            return f"on {shown}"
        if self.type == "enum":
            return shown.replace("_", " ")
        if self.type in ("country", "countries"):
            return ", ".join(_country(c) for c in shown.split(", "))
        return shown


def _country(code: str) -> str:
    name = country_name(code)
    return f"{name} ({code})" if name != code else code


def _definition(context: Context, name: str, raw: Any) -> FactDef:
    where = f"vocabulary {context}.{name}"
    if not isinstance(raw, dict) or set(raw) - _KEYS:
        raise ValueError(f"{where}: expected a mapping with keys among {sorted(_KEYS)}")
    kind = raw.get("type")
    source = raw.get("source", "recorded")
    if kind not in _TYPES or source not in _SOURCES:
        raise ValueError(f"{where}: bad type {kind!r} or source {source!r}")
    for key in ("label", "doc", "ask", "unknown"):
        if not isinstance(raw.get(key), str):
            raise ValueError(f"{where}: '{key}' is required")
    wanted = ("says_yes", "says_no") if kind == "bool" else ("says",)
    for key in wanted:
        if not isinstance(raw.get(key), str):
            raise ValueError(f"{where}: a {kind} fact needs '{key}'")
    if "says_none" in raw and kind not in ("text", "codes"):
        raise ValueError(f"{where}: 'says_none' is for text and codes facts only")
    values = tuple(str(v) for v in raw.get("values", ()))
    if (kind == "enum") != bool(values):
        raise ValueError(f"{where}: 'values' is given for enum facts only, and they need it")
    return FactDef(context, name, kind, " ".join(raw["label"].split()),
                   " ".join(raw["doc"].split()), " ".join(raw["ask"].split()),
                   " ".join(raw["unknown"].split()), source, values,
                   raw.get("says_yes", ""), raw.get("says_no", ""), raw.get("says", ""),
                   raw.get("says_none", ""))


@cache
def definitions() -> dict[str, FactDef]:
    """Every fact of the vocabulary by path, in file order."""
    text = package_path("vocabulary", "facts.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(text, Loader=loader)
    out: dict[str, FactDef] = {}
    for context in ("relationship", "party"):
        for name, entry in (raw.get(context) or {}).items():
            definition = _definition(context, str(name), entry)
            out[definition.path] = definition
    return out


def fact(path: str) -> FactDef:
    """The definition of ``path``; ``KeyError`` if the vocabulary has none."""
    return definitions()[path]


def recorded(context: Context) -> Iterator[FactDef]:
    """The facts a case records for a relationship (its attributes) or a party."""
    for definition in definitions().values():
        if definition.context == context and definition.source == "recorded":
            yield definition


@cache
def _roles() -> dict[str, Any]:
    text = package_path("vocabulary", "facts.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(text, Loader=loader).get("roles") or {}
    return {"by_kind": {str(k): tuple(v) for k, v in (raw.get("by_kind") or {}).items()},
            "synonyms": {str(k): tuple(v) for k, v in (raw.get("synonyms") or {}).items()}}


def roles_for(kind: str) -> tuple[str, ...]:
    """The roles a party usually has in a relationship of ``kind`` (``facts.yaml``).

    >>> roles_for("equipment_supply")
    ('supplier', 'recipient')
    """
    by_kind: dict[str, tuple[str, ...]] = _roles()["by_kind"]
    return by_kind.get(kind, ())


def role_synonyms(word: str) -> tuple[str, ...]:
    """The roles a word analysts write for a role may mean (``seller``: supplier...)."""
    synonyms: dict[str, tuple[str, ...]] = _roles()["synonyms"]
    return synonyms.get(word.strip().lower(), ())
