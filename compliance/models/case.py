"""The case file an analyst writes: sources, parties and relationships."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, HttpUrl

from compliance.models.common import (
    CountryCode,
    Date,
    DateFact,
    Evidence,
    Fact,
    Id,
    Model,
    ShortText,
    SourceKind,
    Text,
    absent,
)

PartyKind = Literal[
    "company",
    "state_owned_enterprise",
    "government_body",
    "political_party",
    "joint_venture",
    "individual",
    "international_organization",
    "other",
]

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
    "owner",
    "owned",
    "beneficiary",
    "other",
]

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
    share: Fact[float] = absent(Fact[float]())
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


class Party(Model):
    """A company, government body, joint venture or person in the case."""

    id: Id
    name: ShortText
    aliases: tuple[ShortText, ...] = ()
    kind: PartyKind
    country: Fact[CountryCode] = absent(Fact[CountryCode]())
    state_owned: Fact[bool] = absent(Fact[bool]())
    government_entity: Fact[bool] = absent(Fact[bool]())
    owners: tuple[Ownership, ...] = ()
    designations: tuple[Designation, ...] = ()
    screenings: tuple[Screening, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: Text | None = None


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


class Attributes(Model):
    """The facts about a relationship that provisions ask about.

    Every field is a fact: absent means unknown, never false.
    """

    cooperative_entity: Fact[bool] = absent(Fact[bool]())
    generates_profit: Fact[bool] = absent(Fact[bool]())
    commercial: Fact[bool] = absent(Fact[bool]())
    public_utility: Fact[bool] = absent(Fact[bool]())
    named_project: Fact[ShortText] = absent(Fact[ShortText]())
    additional_investment: Fact[bool] = absent(Fact[bool]())
    hs_codes: Fact[tuple[str, ...]] = absent(Fact[tuple[str, ...]]())
    trade_finance: Fact[bool] = absent(Fact[bool]())
    training_disciplines: Fact[tuple[str, ...]] = absent(Fact[tuple[str, ...]]())
    benefits_designated_party: Fact[bool] = absent(Fact[bool]())
    state_determination: Fact[bool] = absent(Fact[bool]())
    officially_sponsored: Fact[bool] = absent(Fact[bool]())
    dprk_nationals_earning_income: Fact[bool] = absent(Fact[bool]())
    work_authorization_granted_on: DateFact = absent(DateFact())
    contract_finalized_on: DateFact = absent(DateFact())
    value_usd: Fact[float] = absent(Fact[float]())
    approved_under: Fact[tuple[str, ...]] = absent(Fact[tuple[str, ...]]())
    """Rule ids of the provisions the Committee's approval was given under."""
    could_contribute_to_programmes: Fact[bool] = absent(Fact[bool]())
    medical_exchange: Fact[bool] = absent(Fact[bool]())
    cooperation_fields: Fact[tuple[str, ...]] = absent(Fact[tuple[str, ...]]())
    state_determined_no_contribution: Fact[bool] = absent(Fact[bool]())
    committee_notified_in_advance: Fact[bool] = absent(Fact[bool]())
    diplomatic_or_consular_purpose: Fact[bool] = absent(Fact[bool]())
    civil_aircraft_spare_parts: Fact[bool] = absent(Fact[bool]())
    repatriation_excepted: Fact[bool] = absent(Fact[bool]())
    committee_approval: Approval = absent(Approval())


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
