"""Rule files: one provision per file, with scope, time, exemptions and reasons.

Conditions are kept as plain mappings here and parsed by
:mod:`compliance.engine.conditions`, which reports located errors with did-you-mean.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, HttpUrl, model_validator
from pydantic_core import PydanticCustomError

from compliance.models.common import Date, Id, Model, ShortText, Text

Condition = dict[str, Any]


class VerifiedIn(Model):
    """Where quoted wording was checked word for word."""

    title: ShortText
    url: HttpUrl | None = None
    publisher: ShortText | None = None
    note: Text | None = None


class ProvisionText(Model):
    """Either verified wording (``quote``) or a ``summary`` marked as such."""

    kind: Literal["quote", "summary"]
    language: Literal["en", "fr", "es", "ru", "zh", "ar"] = "en"
    text: Text
    extent: ShortText | None = None
    """For a quote: which part of the paragraph it covers, e.g. 'first clause only'."""
    verified_in: VerifiedIn | None = None
    basis: Text | None = None
    """For a summary: what it rests on (paraphrase, implementing act, press)."""

    @model_validator(mode="after")
    def _quotes_are_verified(self) -> ProvisionText:
        if self.kind == "quote" and self.verified_in is None:
            raise PydanticCustomError(
                "unverified_quote",
                "a quote needs 'verified_in' saying where the wording was checked;"
                " unverified wording must be a summary (kind: summary)",
            )
        if self.kind == "summary" and self.verified_in is not None:
            raise PydanticCustomError(
                "summary_with_verification",
                "a summary cannot carry 'verified_in'; use kind: quote for verified wording",
            )
        return self


class Provision(Model):
    """The provision a rule encodes, cited by symbol and paragraph pinpoint."""

    instrument: ShortText
    adopted: Date
    paragraph: ShortText
    paragraph_status: Literal["verified", "unverified"]
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
    def verification(self) -> str:
        """``verbatim`` if some English or French wording is a verified quote."""
        kinds = {t.kind for t in self.texts}
        if "quote" in kinds and "summary" in kinds:
            return "partly verbatim"
        return "verbatim" if "quote" in kinds else "summary only"


class InForce(Model):
    """When the provision binds: ``from`` (inclusive) and optional ``until``."""

    from_: Date = Field(alias="from")
    until: Date | None = None
    note: Text | None = None


class Definition(Model):
    """A derived notion the rule declares, e.g. what counts as a DPRK party."""

    meaning: Text
    context: Literal["party", "relationship"] = "party"
    when: Condition


class Question(Model):
    """What to ask a person when a fact the rule needs is unknown."""

    fact: ShortText
    ask: Text
    why: Text | None = None


class Route(Model):
    """A carve-out or exemption: when it holds, the activity is exempt."""

    id: Id
    title: ShortText
    when: Condition
    citation: Text
    text: ProvisionText | None = None
    explanation: Text | None = None


class Window(Model):
    """A wind-down period of ``days`` or ``months`` after a date.

    The start day is not counted; the day the period ends is the last permitted day.
    """

    id: Id
    title: ShortText
    starts: ShortText
    """``provision.adopted`` or a relationship date fact path."""
    days: int = Field(default=0, ge=0, le=3650)
    months: int = Field(default=0, ge=0, le=120)
    when: Condition | None = None

    @model_validator(mode="after")
    def _has_length(self) -> Window:
        if not self.days and not self.months:
            raise PydanticCustomError(
                "missing_period", "a window needs 'days' or 'months', e.g. days: 120"
            )
        return self


class WindDown(Model):
    """Existing arrangements may continue until a deadline."""

    applies_when: Condition
    windows: tuple[Window, ...] = Field(min_length=1)
    convention: Text


class Remark(Model):
    """A sentence added to a finding when its condition holds."""

    when: Condition
    text: Text


class Reasons(Model):
    """Plain-language reason templates, one per status.

    Placeholders: ``{relationship}``, ``{provision}``, ``{as_of}``, ``{deadline}``,
    ``{route}``, ``{states}``, ``{in_force_from}``.
    """

    prohibited: Text
    wind_down: Text | None = None
    exempt: Text
    not_applicable: Text
    undetermined: Text


class RuleSpec(Model):
    """A validated rule file, before compilation."""

    id: Id
    version: int = Field(ge=1)
    title: ShortText
    regime: Id
    provision: Provision
    in_force: InForce
    summary: Text
    definitions: dict[str, Definition] = Field(default_factory=dict)
    applies_when: Condition
    questions: tuple[Question, ...] = ()
    carve_outs: tuple[Route, ...] = ()
    exemptions: tuple[Route, ...] = ()
    wind_down: WindDown | None = None
    remarks: tuple[Remark, ...] = ()
    reasons: Reasons
    severity: int = Field(default=50, ge=0, le=100)
    """Orders findings of the same status: higher is listed first."""

    @model_validator(mode="after")
    def _wind_down_reason(self) -> RuleSpec:
        if self.wind_down is not None and self.reasons.wind_down is None:
            raise PydanticCustomError(
                "missing_reason", "a rule with 'wind_down' needs a 'reasons.wind_down' template"
            )
        return self
