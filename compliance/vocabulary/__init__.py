"""The vocabulary of facts, read from ``facts.yaml``: the one place a fact is defined.

Models, fact paths, default questions, report sentences, the case-format tables and
the JSON Schema are built from (or checked against) these definitions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import yaml

from compliance.resources import package_path

FactType = Literal["bool", "text", "enum", "number", "percent", "date", "codes", "country",
                   "countries"]
Source = Literal["recorded", "structural", "derived"]
Context = Literal["relationship", "party"]

_TYPES = ("bool", "text", "enum", "number", "percent", "date", "codes", "country", "countries")
_SOURCES = ("recorded", "structural", "derived")
_KEYS = {"type", "values", "source", "label", "doc", "ask", "says_yes", "says_no", "says",
         "unknown"}


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
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> str:
        """The path rules use, e.g. ``relationship.cooperative_entity``."""
        return f"{self.context}.{self.name}"

    def sentence(self, shown: str | None, party: str = "") -> str:
        """The plain sentence a report prints for a value (shown as text) or unknown.

        >>> fact("relationship.trade_finance").sentence("yes")
        'The arrangement includes financial support for trade.'
        >>> fact("party.country").sentence("Russian Federation", "TransTeleCom")
        'TransTeleCom is incorporated in, or a national of, Russian Federation.'
        """
        if shown is None:
            template = self.unknown
        elif self.type == "bool":
            template = self.says_yes if shown == "yes" else self.says_no
        else:
            template = self.says
        return template.replace("{party}", party or "The party").replace("{value}", shown or "")


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
    values = tuple(str(v) for v in raw.get("values", ()))
    if (kind == "enum") != bool(values):
        raise ValueError(f"{where}: 'values' is given for enum facts only, and they need it")
    return FactDef(context, name, kind, " ".join(raw["label"].split()),
                   " ".join(raw["doc"].split()), " ".join(raw["ask"].split()),
                   " ".join(raw["unknown"].split()), source, values,
                   raw.get("says_yes", ""), raw.get("says_no", ""), raw.get("says", ""))


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
