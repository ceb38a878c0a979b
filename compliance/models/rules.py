"""Rule files: one provision per file, with scope, time, exemptions and reasons.

Conditions are kept as plain mappings here and parsed by
:mod:`compliance.engine.conditions`, which reports located errors with did-you-mean.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from compliance.models.common import (
    EDITOR_MESSAGE,
    YES,
    Bool,
    Date,
    Id,
    Model,
    ShortText,
    Text,
    schema_if,
)
from compliance.models.provenance import Provision, ProvisionText

CONDITION_MARK = "x-condition"
Condition = Annotated[dict[str, Any], WithJsonSchema({CONDITION_MARK: True})]
"""A condition mapping.  Its schema is built from the operators, so the model marks
the place and ``reviewing.schema`` puts a reference to ``$defs/Condition`` there."""

REASON_PLACEHOLDERS = ("relationship", "provision", "as_of", "deadline", "route", "states",
                       "in_force_from", "because")
"""The placeholders a reason template may use (``{relationship}``...)."""

Template = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4000, strict=True),
    # The tool reports an unknown placeholder with did-you-mean (engine.compile); the
    # pattern lets an editor underline it too.
    Field(json_schema_extra={
        "pattern": r"^(?:[^{}]|\{\{|\}\}|\{(?:" + "|".join(REASON_PLACEHOLDERS) + r")\})*$",
        EDITOR_MESSAGE: "unknown placeholder; expected {" + "}, {".join(REASON_PLACEHOLDERS) + "}",
    }),
]
"""A reason template: text with ``{placeholder}`` fields from :data:`REASON_PLACEHOLDERS`."""

__all__ = ["Provision", "ProvisionText", "RuleSpec"]


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


RouteBasis = Literal["text", "committee_decision", "state_determination", "state_notification"]


class Route(Model):
    """A carve-out or exemption: when it holds, the activity is exempt.

    ``basis`` says what makes it hold: the resolution's own ``text`` (a carve-out),
    a ``committee_decision``, a State's ``state_determination`` or a
    ``state_notification`` to the Committee.  The caveats a finding prints depend
    on it: only a route resting on a decision or a determination asks for an
    official document behind it.
    """

    id: Id
    title: ShortText
    when: Condition
    citation: Text
    basis: RouteBasis = "committee_decision"
    text: ProvisionText | None = None
    explanation: Text | None = None
    in_force: InForce | None = None
    """When the route exists, if not from the provision's own date (e.g. a later carve-out)."""


class Window(Model):
    """A wind-down period of ``days`` or ``months`` after a date, or an open-ended one.

    The start day is not counted; the day the period ends is the last permitted day.
    An ``open_ended`` window has no last day: it lasts while its condition holds
    (e.g. while a request for approval is pending, on one reading).
    """

    model_config = ConfigDict(json_schema_extra={"anyOf": [
        {"required": ["days", "starts"],
         "properties": {"days": {"minimum": 1}, "starts": {"type": "string"}}},
        {"required": ["months", "starts"],
         "properties": {"months": {"minimum": 1}, "starts": {"type": "string"}}},
        {"required": ["open_ended", "when"],
         "properties": {"open_ended": {"enum": [True, *YES]}, "when": {"type": "object"}},
         "not": {"anyOf": [
             {"required": ["starts"], "properties": {"starts": {"type": "string"}}},
             {"required": ["days"], "properties": {"days": {"minimum": 1}}},
             {"required": ["months"], "properties": {"months": {"minimum": 1}}}]}},
    ]})

    id: Id
    title: ShortText
    starts: ShortText | None = None
    """``provision.adopted`` or a relationship date fact path (not for open-ended windows)."""
    days: int = Field(default=0, ge=0, le=3650, strict=True)
    months: int = Field(default=0, ge=0, le=120, strict=True)
    open_ended: Bool = False
    when: Condition | None = None

    @model_validator(mode="after")
    def _has_length(self) -> Window:
        if self.open_ended:
            if self.days or self.months or self.starts or self.when is None:
                raise PydanticCustomError(
                    "open_ended_window",
                    "an open-ended window has a 'when' and no 'starts', 'days' or 'months'")
            return self
        if not self.days and not self.months:
            raise PydanticCustomError(
                "missing_period", "a window needs 'days' or 'months', e.g. days: 120"
            )
        if self.starts is None:
            raise PydanticCustomError(
                "missing_start", "a window needs 'starts', e.g. starts: provision.adopted")
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


class ReadingBasis(Model):
    """What a reading of an ambiguous text rests on."""

    kind: Literal["text", "official_guidance", "state_practice", "commentary", "analysis",
                  "none"]
    citation: Text


class Reading(Model):
    """One reading of an ambiguous provision."""

    id: Id
    statement: Text
    basis: tuple[ReadingBasis, ...] = Field(min_length=1)
    effect: Text | None = None


class Interpretation(Model):
    """A named interpretation: where the text is ambiguous and the reading changes the
    outcome, the readings, each with its basis, and the default (or none)."""

    id: Id
    question: Text
    readings: tuple[Reading, ...] = Field(min_length=2)
    default: Id | None = None
    default_reason: Text | None = None

    @model_validator(mode="after")
    def _default_is_a_reading(self) -> Interpretation:
        ids = [r.id for r in self.readings]
        if len(set(ids)) != len(ids):
            raise PydanticCustomError("duplicate_reading", "reading ids must be unique")
        if self.default is not None and self.default not in ids:
            raise PydanticCustomError(
                "unknown_reading", "'default' must be one of the readings: {ids}",
                {"ids": ", ".join(ids)})
        if self.default is not None and self.default_reason is None:
            raise PydanticCustomError(
                "missing_reason", "a default reading needs 'default_reason' saying why")
        return self

    def reading(self, reading_id: str) -> Reading | None:
        return next((r for r in self.readings if r.id == reading_id), None)


JurisdictionBasis = Literal["nationality_of_actor", "territory_of_conduct", "state_of_income",
                            "issuing_state"]


class Jurisdiction(Model):
    """One basis on which a State's obligation is engaged.

    - ``nationality_of_actor``: the State of incorporation or nationality of the
      parties whose conduct the provision reaches (``roles``; all when absent);
    - ``territory_of_conduct``: the States in whose territory it takes place
      (the relationship's ``territory``);
    - ``state_of_income``: the States in whose jurisdiction income is earned
      (``relationship.income_jurisdiction``);
    - ``issuing_state``: the State that issued a work authorization
      (``relationship.work_authorization_issued_by``).
    """

    basis: JurisdictionBasis
    roles: tuple[ShortText, ...] = ()
    citation: Text | None = None


class FactDefault(Model):
    """A value a rule assumes for an unrecorded fact, on a stated ground (printed as an
    assumption; a recorded value always wins)."""

    fact: ShortText
    value: Bool
    when: Condition
    because: Text


class Reasons(Model):
    """Plain-language reason templates, one per status.

    Placeholders: ``{relationship}``, ``{provision}``, ``{as_of}``, ``{deadline}``,
    ``{route}``, ``{states}``, ``{in_force_from}``, and ``{because}`` (the recorded
    facts that decided, in plain sentences).
    """

    prohibited: Template
    wind_down: Template | None = None
    exempt: Template
    not_applicable: Template
    undetermined: Template


class RuleSpec(Model):
    """A validated rule file, before compilation."""

    model_config = ConfigDict(json_schema_extra={"allOf": [
        schema_if({"properties": {"wind_down": {"type": "object"}}, "required": ["wind_down"]},
                  {"properties": {"reasons": {"required": ["wind_down"]}}}),
    ]})

    id: Id
    version: int = Field(ge=1, strict=True)
    title: ShortText
    regime: Id
    provision: Provision
    in_force: InForce
    summary: Text
    interpretations: tuple[Interpretation, ...] = ()
    jurisdiction: tuple[Jurisdiction, ...] = (
        Jurisdiction(basis="nationality_of_actor"), Jurisdiction(basis="territory_of_conduct"))
    """The bases on which States are obliged (default: every non-DPRK party's State,
    and the territory)."""
    defaults: tuple[FactDefault, ...] = ()
    definitions: dict[str, Definition] = Field(default_factory=dict)
    applies_when: Condition
    questions: tuple[Question, ...] = ()
    carve_outs: tuple[Route, ...] = ()
    exemptions: tuple[Route, ...] = ()
    wind_down: WindDown | None = None
    remarks: tuple[Remark, ...] = ()
    reasons: Reasons
    severity: int = Field(default=50, ge=0, le=100, strict=True)
    """Orders findings of the same status: higher is listed first."""

    @model_validator(mode="after")
    def _wind_down_reason(self) -> RuleSpec:
        if self.wind_down is not None and self.reasons.wind_down is None:
            raise PydanticCustomError(
                "missing_reason", "a rule with 'wind_down' needs a 'reasons.wind_down' template"
            )
        return self


class NotEncodedSpec(Model):
    """A provision known to be relevant that the catalogue does not encode."""

    provision: ShortText
    subject: Text
    reason: Text


class CatalogueScope(Model):
    """``scope.yaml`` beside a catalogue's ``rules/``: what it does not cover."""

    not_encoded: tuple[NotEncodedSpec, ...] = ()
    tool_assumptions: tuple[Text, ...] = ()
    not_checked: tuple[Text, ...] = ()
