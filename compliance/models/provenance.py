"""The provision a rule encodes, and the provenance of every piece of its wording.

A quotation says where its words were seen, at one of three levels:

- ``official``: compared with a document bearing the UN symbol, in an official
  language, by ``compliance rules verify-quotes`` or by a named person (``checked``);
- ``official_reproduction``: an act of a government or of the EU that reproduces
  the text (an EU Council decision, a UK statutory instrument, a MOFCOM notice);
- ``secondary``: press, private or academic sites, forums, mirrors.

A quotation that is not the whole paragraph, or that shows an elision, is an
excerpt.  Anything else is a summary, with its basis.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, HttpUrl, model_validator
from pydantic_core import PydanticCustomError

from compliance.models.common import YES, Bool, Date, Model, ShortText, Text, schema_if

Level = Literal["official", "official_reproduction", "secondary"]
LEVEL_ORDER: dict[str, int] = {"official": 0, "official_reproduction": 1, "secondary": 2}
Language = Literal["en", "fr", "es", "ru", "zh", "ar"]
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian",
                  "zh": "Chinese", "ar": "Arabic"}


PARAGRAPH_WORDS = {
    "official": "cited by number in an official UN document",
    "official_reproduction": "cited by number in an official reproduction",
    "secondary": "cited by number in a secondary copy",
    "unverified": "not verified",
}


class SeenIn(Model):
    """The copy in which the words were seen."""

    title: ShortText
    publisher: ShortText | None = None
    url: HttpUrl | None = None
    act: ShortText | None = None
    """For an official reproduction: the act, e.g. 'Council Decision (CFSP) 2016/849, art. 13'."""
    seen_via: ShortText | None = None
    """When the copy itself was seen only through another site (a mirror, a private copy)."""
    note: Text | None = None


class Check(Model):
    """A comparison with the official UN document."""

    by: ShortText
    """``compliance rules verify-quotes``, or the name of the person who compared."""
    on: Date
    document: ShortText
    """The official document compared with, e.g. ``S/RES/2375(2017)`` (French)."""
    language: Language


class Provenance(Model):
    """Where quoted words come from, and how far they were checked."""

    model_config = ConfigDict(json_schema_extra={"allOf": [
        schema_if({"required": ["level"], "properties": {"level": {"const": "official"}}},
                  {"required": ["checked"], "properties": {"checked": {"type": "object"}}}),
    ]})

    level: Level
    source: SeenIn
    checked: Check | None = None

    @model_validator(mode="after")
    def _official_is_checked(self) -> Provenance:
        if self.level == "official" and self.checked is None:
            raise PydanticCustomError(
                "unchecked_official",
                "level 'official' needs 'checked' (by, on, document, language): the words"
                " must have been compared with the UN document; otherwise use"
                " official_reproduction or secondary")
        return self


ELISION = r"\.\.\.|…"
"""An elision in quoted words ("..." or "…"; "[...]" contains the former)."""


def _has_elision(text: str) -> bool:
    return "..." in text or "…" in text


class ProvisionText(Model):
    """Quoted wording (``quote``) with its provenance, or a ``summary`` marked as such."""

    model_config = ConfigDict(json_schema_extra={"allOf": [
        schema_if({"required": ["kind"], "properties": {"kind": {"const": "quote"}}},
                  {"required": ["provenance"], "properties": {"provenance": {"type": "object"}}}),
        schema_if({"required": ["kind"], "properties": {"kind": {"const": "summary"}}},
                  {"properties": {"provenance": {"type": "null"}}}),
        schema_if({"required": ["kind", "text"],
                   "properties": {"kind": {"const": "quote"}, "text": {"pattern": ELISION}}},
                  {"required": ["excerpt"], "properties": {"excerpt": {"enum": [True, *YES]}}}),
    ]})

    kind: Literal["quote", "summary"]
    language: Language = "en"
    text: Text
    extent: ShortText | None = None
    """Which part of the paragraph the quotation covers, e.g. 'first clause only'."""
    excerpt: Bool = False
    """True when the quotation is not the whole paragraph or shows an elision."""
    provenance: Provenance | None = None
    basis: Text | None = None
    """For a summary: what it rests on (paraphrase, implementing act, press)."""

    @model_validator(mode="after")
    def _consistent(self) -> ProvisionText:
        if self.kind == "quote" and self.provenance is None:
            raise PydanticCustomError(
                "unsourced_quote",
                "a quote needs 'provenance' (level and copy) saying where the words were seen;"
                " wording not seen word for word must be a summary (kind: summary)")
        if self.kind == "summary" and self.provenance is not None:
            raise PydanticCustomError(
                "summary_with_provenance",
                "a summary cannot carry 'provenance'; use kind: quote for wording seen word for"
                " word, or give the summary's 'basis'")
        if self.kind == "quote" and _has_elision(self.text) and not self.excerpt:
            raise PydanticCustomError(
                "elision_not_excerpt",
                "the quotation shows an elision ('...' or '…'), so it is an excerpt; add"
                " excerpt: true")
        return self

    @property
    def level(self) -> str | None:
        """The provenance level of a quotation (``None`` for a summary)."""
        return self.provenance.level if self.provenance else None

    def heading(self) -> str:
        """What the report, ``rules show`` and the JSON say about this wording.

        >>> ProvisionText.model_validate({"kind": "summary", "text": "t", "basis": "b"}).heading()
        'Summary, not the wording of the resolution'
        """
        if self.provenance is None:
            return "Summary, not the wording of the resolution"
        language = LANGUAGE_NAMES[self.language]
        prefix = f"Excerpt ({self.extent}). " if self.excerpt and self.extent else (
            "Excerpt. " if self.excerpt else "")
        copy = self.provenance.source
        if self.provenance.level == "official" and self.provenance.checked is not None:
            check = self.provenance.checked
            return (f"{prefix}{language} wording, checked against the official UN text"
                    f" ({check.document}) by {check.by} on {check.on.isoformat()}")
        where = copy.act or copy.title
        if copy.publisher and copy.publisher not in where:
            where += f" ({copy.publisher})"
        if copy.seen_via:
            where += f", seen in a copy at {copy.seen_via}"
        kind = "an official reproduction" if self.provenance.level == (
            "official_reproduction") else "a secondary copy"
        return (f"{prefix}{language} wording as reproduced in {where} ({kind});"
                " not checked against the official UN text")


class Provision(Model):
    """The provision a rule encodes, cited by symbol and paragraph pinpoint."""

    instrument: ShortText
    adopted: Date
    paragraph: ShortText
    paragraph_status: Literal["official", "official_reproduction", "secondary", "unverified"]
    """The best copy that cites the paragraph by its number (``unverified``: none)."""
    paragraph_basis: Text | None = None
    url: HttpUrl
    title: ShortText | None = None
    texts: tuple[ProvisionText, ...] = Field(min_length=1)
    related: tuple[ShortText, ...] = ()

    @property
    def pinpoint(self) -> str:
        """Citation such as ``S/RES/2375 (2017), para. 18``."""
        return f"{self.instrument}, para. {self.paragraph}"

    @property
    def paragraph_provenance(self) -> str:
        """How far the paragraph number is sourced, in words.

        >>> Provision.model_validate({"instrument": "S/RES/1 (2000)", "adopted": "2000-01-01",
        ...     "paragraph": "1", "paragraph_status": "secondary", "url": "https://undocs.org/x",
        ...     "texts": [{"kind": "summary", "text": "t"}]}).paragraph_provenance
        'cited by number in a secondary copy'
        """
        return PARAGRAPH_WORDS[self.paragraph_status]

    @property
    def wording(self) -> str:
        """The provenance of the wording, per quotation, e.g.
        ``secondary (en, excerpt); secondary (fr)``, or ``summary only``."""
        parts = []
        for text in sorted((t for t in self.texts if t.provenance is not None),
                           key=lambda t: (LEVEL_ORDER[t.provenance.level]  # type: ignore[union-attr]
                                          , t.language)):
            level = (text.level or "").replace("_", " ")
            parts.append(f"{level} ({text.language}{', excerpt' if text.excerpt else ''})")
        return "; ".join(dict.fromkeys(parts)) or "summary only"
