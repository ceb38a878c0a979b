"""The case file an analyst writes: sources, parties and relationships.

The facts of a party and the attributes of a relationship are not written out
here: they come from the vocabulary (``compliance/vocabulary/facts.yaml``), so a
new fact is defined in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, HttpUrl, create_model, model_validator

from compliance.models.common import (
    Bool,
    Code,
    CountryCode,
    Date,
    DateFact,
    Evidence,
    Fact,
    Id,
    Model,
    Number,
    Percent,
    ShortText,
    SourceKind,
    Text,
    absent,
)
from compliance.vocabulary import FactDef, recorded

PartyKind = Literal[
    "company",
    "state_owned_enterprise",
    "government_body",
    "political_party",
    "joint_venture",
    "individual",
    "group",
    "international_organization",
    "other",
]
"""``group``: several natural persons recorded together (e.g. "DPRK IT workers in
Shenyang"); not a legal person, so never designated as such."""

RelationshipKind = Literal[
    "joint_venture",
    "cooperative_entity",
    "internet_transit",
    "peering",
    "interconnection",
    "roaming",
    "equipment_supply",
    "managed_service",
    "technical_cooperation",
    "training",
    "employment",
    "financing",
    "ownership",
    "hosting",
    "other",
]
"""The documented vocabulary of relationship kinds (see docs/case-format.md)."""

Role = Literal[
    "partner",
    "venture",
    "provider",
    "customer",
    "peer",
    "supplier",
    "recipient",
    "employer",
    "employee",
    "trainer",
    "trainee",
    "lender",
    "borrower",
    "insurer",
    "guarantor",
    "intermediary",
    "worker",
    "owner",
    "owned",
    "beneficiary",
    "other",
]
"""A party's place in a relationship.  ``insurer`` and ``guarantor`` give financial
support (2321 para. 32 names "export credits, guarantees or insurance");
``intermediary`` buys or forwards goods onward (indirect supply); ``worker`` works
under the arrangement without being its employee (contractor, seconded or outsourced
staff)."""

ApprovalStatus = Literal["approved", "pending", "denied", "none"]


class Source(Model):
    """A document relied on for facts; cited in footnotes and the bibliography."""

    id: Id
    title: Text
    publisher: ShortText
    author: ShortText | None = None
    published: Date | None = None
    accessed: Date | None = None
    url: HttpUrl | None = None
    kind: SourceKind
    local_copy: ShortText | None = None
    note: Text | None = None


class Ownership(Model):
    """A share of this party held by another party of the case."""

    owner: Id
    share: Fact[Percent] = absent(Fact[Percent]())
    since: DateFact = absent(DateFact())
    until: DateFact = absent(DateFact())
    evidence: tuple[Evidence, ...] = ()
    note: Text | None = None


class Designation(Model):
    """A listing on a sanctions list (e.g. the UN 1718 list, reference KPe.031)."""

    regime: ShortText
    reference: ShortText | None = None
    listed_on: Date
    delisted_on: Date | None = None
    evidence: tuple[Evidence, ...] = ()


class Screening(Model):
    """A recorded check of a party against a sanctions list, with its result."""

    regime: ShortText
    list_date: Date
    result: Literal["not_listed", "listed"]
    evidence: tuple[Evidence, ...] = ()
    note: Text | None = None


class PartyBase(Model):
    """A company, government body, joint venture or person in the case.

    The party's facts (``country``, ``state_owned``...) are added from the
    vocabulary; read them with :meth:`fact`.
    """

    id: Id
    name: ShortText
    aliases: tuple[ShortText, ...] = ()
    kind: PartyKind
    country: Fact[CountryCode] = absent(Fact[CountryCode]())
    owners: tuple[Ownership, ...] = ()
    designations: tuple[Designation, ...] = ()
    screenings: tuple[Screening, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: Text | None = None

    def fact(self, name: str) -> Fact[Any]:
        """The party's recorded fact ``name`` (e.g. ``country``)."""
        value: Fact[Any] = getattr(self, name)
        return value


class Participant(Model):
    """A party's place in a relationship."""

    party: Id
    role: Role
    evidence: tuple[Evidence, ...] = ()


class Approval(Model):
    """The Security Council Committee's decision on the arrangement, if any."""

    status: Fact[ApprovalStatus] = absent(Fact[ApprovalStatus]())
    requested_on: DateFact = absent(DateFact())
    decided_on: DateFact = absent(DateFact())
    reference: ShortText | None = None


class AttributesBase(Model):
    """The facts about a relationship that provisions ask about.

    Every field is a fact: absent means unknown, never false.  The simple facts
    come from the vocabulary; read them with :meth:`fact`.
    """

    committee_approval: Approval = absent(Approval())

    def fact(self, name: str) -> Fact[Any] | DateFact:
        """The recorded attribute ``name`` (e.g. ``cooperative_entity``)."""
        value: Fact[Any] | DateFact = getattr(self, name)
        return value


_VALUE_TYPES: dict[str, Any] = {
    "bool": Bool, "text": ShortText, "number": Number, "percent": Percent,
    "codes": tuple[Code, ...], "country": CountryCode, "countries": tuple[CountryCode, ...],
}


def field_type(definition: FactDef) -> Any:
    """The model type of a recorded fact (``Fact[bool]``, ``DateFact``...)."""
    if definition.type == "date":
        return DateFact
    generic: Any = Fact
    if definition.type == "enum":
        return generic[Literal.__getitem__(definition.values)]
    return generic[_VALUE_TYPES[definition.type]]


def _fields(context: Literal["relationship", "party"]) -> dict[str, Any]:
    out = {}
    for definition in recorded(context):
        kind = field_type(definition)
        out[definition.name] = (kind, Field(default=kind(), description=definition.doc,
                                            json_schema_extra=_no_default))
    return out


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


if TYPE_CHECKING:
    Attributes = AttributesBase
    Party = PartyBase
else:
    Attributes = create_model("Attributes", __base__=AttributesBase,
                              __module__=__name__, **_fields("relationship"))
    Party = create_model("Party", __base__=PartyBase, __module__=__name__, **_fields("party"))
    Attributes.__doc__ = AttributesBase.__doc__
    Party.__doc__ = PartyBase.__doc__


class Relationship(Model):
    """A telecom relationship between parties, with the facts provisions need."""

    id: Id
    kind: RelationshipKind
    title: ShortText | None = None
    description: Text | None = None
    parties: tuple[Participant, ...] = Field(min_length=1)
    start: DateFact = absent(DateFact())
    end: DateFact = absent(DateFact())
    territory: tuple[CountryCode, ...] = ()
    attributes: Attributes = absent(Attributes())
    evidence: tuple[Evidence, ...] = ()
    note: Text | None = None


class Disagreement(Model):
    """A recorded disagreement between sources, kept visible in the report."""

    about: ShortText
    summary: Text
    evidence: tuple[Evidence, ...] = Field(min_length=2)


class ChosenReading(Model):
    """The reading of a named interpretation the analyst chooses for this case, and why."""

    reading: Id
    reason: Text | None = None
    evidence: tuple[Evidence, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _short(cls, data: Any) -> Any:
        return {"reading": data} if isinstance(data, str) else data


class Case(Model):
    """A complete case file."""

    id: Id
    title: ShortText
    summary: Text | None = None
    as_of: Date | None = None
    prepared_on: Date | None = None
    prepared_by: ShortText | None = None
    sources: tuple[Source, ...] = ()
    parties: tuple[Party, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    relationships_file: ShortText | None = None
    """Optional JSON Lines file (relative to the case) with further relationships."""
    interpretations: dict[Id, ChosenReading] = Field(default_factory=dict)
    """Readings of the rules' named interpretations chosen for this case (``--interpretation``
    on the command line overrides them)."""
