"""Shared building blocks: strict dates, country codes, evidence and facts.

A *fact* is a value the assessment relies on.  It may be known (with evidence),
explicitly ``unknown``, absent (which also means unknown, never false), or
*contested* (sources disagree; it stays unknown until the analyst resolves it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNKNOWN = "unknown"


class Model(BaseModel):
    """Base for every input model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


def schema_if(condition: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema ``if``/``then``: how a model states, for editors, a check its
    validator makes (the tool's message stays the better one)."""
    return {"if": condition, "then": then}


_OPEN = {"enum": [None, UNKNOWN]}
"""A fact's ``value`` that leaves it unknown."""
_CONTEST_NEEDS_RESOLUTION = schema_if(
    {"required": ["contested", "value"],
     "properties": {"contested": {"minItems": 1}, "value": {"not": _OPEN}}},
    {"required": ["resolution"], "properties": {"resolution": {"type": "string"}}})


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError(
            "invalid_date", "expected a date as YYYY-MM-DD without a time, e.g. 2017-09-11"
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "invalid_date", "'{got}' is not a real calendar date; expected YYYY-MM-DD",
                {"got": value},
            ) from None
    raise PydanticCustomError(
        "invalid_date", "expected a date as YYYY-MM-DD, e.g. 2017-09-11; got '{got}'",
        {"got": str(value)},
    )


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
"""An ISO 8601 calendar date; ``03/01/2017`` and timestamps are refused."""

EDITOR_MESSAGE = "patternErrorMessage"
"""The message editors' JSON language services show for a pattern that does not match
(a keyword of VS Code's and yaml-language-server's, ignored by other validators)."""

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$", strict=True),
    Field(json_schema_extra={EDITOR_MESSAGE: "expected an id of lowercase letters, digits,"
                                             " '-', '.' or '_', e.g. star-jv"}),
]
"""A stable lowercase identifier such as ``star-jv`` or ``unscr-2375-op18``."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, strict=True)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=400, strict=True)]
"""A code or slug in a list, such as an HS code (``"8517.62"``) or a discipline."""


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise PydanticCustomError("invalid_number",
                                  "'{got}' is not a finite number; expected e.g. 25 or 12.5",
                                  {"got": str(value)})
    return value


Number = Annotated[float, Strict(), AfterValidator(_finite)]
"""A finite number: NaN, infinity and overflowing literals such as 1e309 are refused, and
so are text ("70") and booleans, which JSON Schema refuses too."""
Percent = Annotated[float, Strict(), Field(ge=0, le=100), AfterValidator(_finite)]
"""A percentage from 0 to 100."""
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=400, strict=True)]


def _check_country(code: str) -> str:
    if pycountry.countries.get(alpha_2=code) is None:
        raise PydanticCustomError(
            "invalid_country",
            "'{got}' is not an ISO 3166-1 alpha-2 country code; expected e.g. KP, RU, CN",
            {"got": code},
        )
    return code


CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$", strict=True),
    AfterValidator(_check_country),
    # A pattern of the assigned codes rather than an enum: editors merge an enum with the
    # fact's other forms into a list of 250 values instead of showing this message.
    WithJsonSchema({"type": "string",
                    "pattern": "^(?:" + "|".join(sorted(c.alpha_2 for c in pycountry.countries))
                               + ")$",
                    "description": "an ISO 3166-1 alpha-2 country code, e.g. KP, RU, CN",
                    EDITOR_MESSAGE: "expected an ISO 3166-1 alpha-2 country code in capitals,"
                                    " e.g. KP (North Korea), RU, CN, NO"}),
]
"""ISO 3166-1 alpha-2, upper case.  ``NO`` is Norway: YAML is read as 1.2, where it is text."""

YES_NO: dict[str, bool] = {
    spelling: meaning
    for word, meaning in (("yes", True), ("no", False), ("on", True), ("off", False))
    for spelling in (word, word.capitalize(), word.upper())
}
"""The words YAML 1.1 read as booleans.  Files are read as YAML 1.2 (as editors read
them), where they are text; where a yes/no value is expected they mean what they say."""


YES = tuple(word for word, meaning in YES_NO.items() if meaning)
"""The words that mean true (for schemas that need a true value)."""


def as_bool(value: Any) -> Any:
    """``yes``/``no`` (and ``on``/``off``) as booleans; anything else unchanged.

    >>> as_bool("yes"), as_bool("NO"), as_bool(True), as_bool("maybe")
    (True, False, True, 'maybe')
    """
    if isinstance(value, str):
        return YES_NO.get(value, value)
    return value


Bool = Annotated[
    bool,
    BeforeValidator(as_bool),
    Strict(),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": list(YES_NO)}],
                    "description": "true or false (yes or no)"}),
]
"""A yes/no value: ``true``/``false`` or the words ``yes``/``no`` (``on``/``off``), the
same in the tool and in an editor's schema; ``1``, ``'y'`` or ``'maybe'`` are refused."""


class Evidence(Model):
    """Where a fact comes from: a source in the case, a short quote and a locator."""

    source: Id
    quote: Annotated[str, StringConstraints(max_length=1500, strict=True)] | None = None
    locator: ShortText | None = None
    note: Text | None = None


T = TypeVar("T")


def _fact_shorthand(value: Any) -> Any:
    """Accept ``x``, ``unknown`` and ``null`` as shorthands for ``{value: ...}``."""
    if value is None or value == UNKNOWN:
        return {"value": None}
    if isinstance(value, dict):
        if value.get("value") == UNKNOWN:
            return {**value, "value": None}
        return value
    return {"value": value}


class Position(Model, Generic[T]):
    """One side of a disagreement between sources."""

    value: T
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    note: Text | None = None


class Fact(Model, Generic[T]):
    """A value with its evidence; ``None`` means unknown.

    A value may hold only for a period (``since``/``until``, inclusive), or the
    fact may list ``periods``, each a value with its own period and evidence.
    Outside every stated period the fact is unknown: nothing is extrapolated.
    """

    model_config = ConfigDict(json_schema_extra={"allOf": [
        _CONTEST_NEEDS_RESOLUTION,
        schema_if({"required": ["periods"], "properties": {"periods": {"minItems": 1}}},
                  {"properties": {"value": _OPEN, "since": {"type": "null"},
                                  "until": {"type": "null"}, "contested": {"maxItems": 0}}}),
    ]})

    value: T | None = None
    since: Date | None = None
    until: Date | None = None
    evidence: tuple[Evidence, ...] = ()
    contested: tuple[Position[T], ...] = ()
    resolution: Text | None = None
    assumption: Text | None = None
    """Set when the value is the analyst's assumption rather than a sourced fact."""
    note: Text | None = None
    periods: tuple[Fact[T], ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return _fact_shorthand(data)

    @model_validator(mode="after")
    def _consistent(self) -> Fact[T]:
        if self.contested and self.value is not None and self.resolution is None:
            raise PydanticCustomError(
                "unresolved_contest",
                "a contested fact has a value but no 'resolution'; either explain how the"
                " disagreement was resolved or leave the value unknown",
            )
        if self.since and self.until and self.since > self.until:
            raise PydanticCustomError(
                "conflicting_bounds", "'since' is after 'until'; expected since <= until")
        if self.periods:
            if self.value is not None or self.since or self.until or self.contested:
                raise PydanticCustomError(
                    "conflicting_periods",
                    "a fact with 'periods' gives its values there; expected no 'value',"
                    " 'since', 'until' or 'contested' beside them")
            _check_periods(self.periods)
        return self

    @property
    def known(self) -> bool:
        """True when the value can be relied on (given, and not an open contest)."""
        return self.value is not None or any(p.value is not None for p in self.periods)

    @property
    def dated(self) -> bool:
        """True when the value holds only for stated periods."""
        return bool(self.periods) or self.since is not None or self.until is not None

    def holding(self, lo: dt.date, hi: dt.date) -> Fact[T] | None:
        """The fact (or the period of it) whose value holds on every day from ``lo`` to
        ``hi``; ``None`` when no single stated value covers them all."""
        if not self.periods:
            return self if _covers(self.since, self.until, lo, hi) else None
        for period in self.periods:
            if _covers(period.since, period.until, lo, hi):
                return period
        return None

    def over(self, lo: dt.date, hi: dt.date) -> T | None:
        """The value on every day from ``lo`` to ``hi``, or ``None`` (unknown).

        >>> f = Fact[bool].model_validate({"periods": [
        ...     {"value": False, "until": "2018-01-31"}, {"value": True, "since": "2018-02-01"}]})
        >>> f.over(dt.date(2018, 2, 1), dt.date(2019, 1, 1)), f.over(dt.date(2018, 1, 1),
        ...                                                        dt.date(2018, 3, 1))
        (True, None)
        """
        if not self.periods and self.since is None and self.until is None:
            return self.value
        held = self.holding(lo, hi)
        return None if held is None else held.value

    def silent(self, lo: dt.date, hi: dt.date) -> bool:
        """Whether nothing is recorded for any day from ``lo`` to ``hi``: no value, no
        contested positions, no period that reaches into those days.

        >>> f = Fact[bool].model_validate({"value": True, "since": "2018-02-01"})
        >>> f.silent(dt.date(2017, 1, 1), dt.date(2018, 1, 31)), f.silent(
        ...     dt.date(2017, 1, 1), dt.date(2018, 2, 1))
        (True, False)
        """
        for span in self.periods or (self,):
            if (span.value is not None or span.contested) and _meets(span.since, span.until,
                                                                     lo, hi):
                return False
        return True

    def dates(self) -> tuple[dt.date, ...]:
        """Every date at which the stated value may change (for status histories)."""
        spans = self.periods or (self,)
        return tuple(d for p in spans for d in (p.since, p.until) if d is not None)


def _covers(since: dt.date | None, until: dt.date | None, lo: dt.date, hi: dt.date) -> bool:
    return (since is None or since <= lo) and (until is None or hi <= until)


def _meets(since: dt.date | None, until: dt.date | None, lo: dt.date, hi: dt.date) -> bool:
    return (since is None or since <= hi) and (until is None or lo <= until)


def _check_periods(periods: tuple[Fact[Any], ...]) -> None:
    spans = []
    for period in periods:
        if period.periods:
            raise PydanticCustomError("conflicting_periods",
                                      "a period cannot have periods of its own")
        spans.append((period.since or dt.date.min, period.until or dt.date.max))
    spans.sort()
    for (_lo, hi), (lo, _hi) in itertools.pairwise(spans):
        if lo <= hi:
            raise PydanticCustomError(
                "overlapping_periods",
                "two periods of this fact overlap (one starts on {day} before the other"
                " ends); expected periods that do not overlap", {"day": lo.isoformat()})


class DateFact(Model):
    """A date that may be exact, bounded (``earliest``/``latest``), or unknown."""

    model_config = ConfigDict(json_schema_extra={"allOf": [
        _CONTEST_NEEDS_RESOLUTION,
        schema_if({"required": ["value"], "properties": {"value": {"not": _OPEN}}},
                  {"properties": {"earliest": {"type": "null"}, "latest": {"type": "null"}}}),
    ]})

    value: Date | None = None
    earliest: Date | None = None
    latest: Date | None = None
    evidence: tuple[Evidence, ...] = ()
    contested: tuple[Position[Date], ...] = ()
    resolution: Text | None = None
    assumption: Text | None = None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return _fact_shorthand(data)

    @model_validator(mode="after")
    def _consistent(self) -> DateFact:
        if self.value is not None and (self.earliest or self.latest):
            raise PydanticCustomError(
                "conflicting_bounds", "give either 'value' or 'earliest'/'latest', not both"
            )
        if self.earliest and self.latest and self.earliest > self.latest:
            raise PydanticCustomError(
                "conflicting_bounds", "'earliest' is after 'latest'; expected earliest <= latest"
            )
        if self.contested and self.value is not None and self.resolution is None:
            raise PydanticCustomError(
                "unresolved_contest",
                "a contested date has a value but no 'resolution'; explain the resolution"
                " or leave the value unknown",
            )
        return self

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """Return (earliest, latest) possible dates; ``None`` is open-ended.

        An open contest is bounded by the dates its positions give.
        """
        if self.value is not None:
            return self.value, self.value
        if self.contested and not (self.earliest or self.latest):
            dates = [p.value for p in self.contested]
            return min(dates), max(dates)
        return self.earliest, self.latest

    @property
    def known(self) -> bool:
        return self.value is not None


M = TypeVar("M", bound=BaseModel)


def absent(value: M) -> M:
    """A field default shared by every instance (models are frozen, so sharing is safe).

    Building a fresh unknown fact for each of the two dozen absent attributes of
    every relationship was a measurable share of bulk loading.  The default is
    left out of the JSON Schema, where it would only be noise.
    """
    default: M = Field(default=value, json_schema_extra=_no_default)
    return default


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


SourceKind = Literal["official_document", "press", "company_statement", "analysis", "data_set"]
