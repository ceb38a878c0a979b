"""What an assessment produces: findings with reasons, questions and a trace."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from compliance.models.common import Evidence

Status = Literal["prohibited", "wind_down", "exempt", "undetermined", "not_applicable"]
TruthValue = Literal["true", "false", "unknown"]

STATUS_ORDER: dict[str, int] = {
    "prohibited": 0,
    "wind_down": 1,
    "undetermined": 2,
    "exempt": 3,
    "not_applicable": 4,
}
"""Most serious first; used to sort findings and colour diagrams."""


class Output(BaseModel):
    """Base for output models: frozen, and serialised in field order."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class TraceStep(Output):
    """One evaluated condition: what was read, the value used, and its evidence."""

    label: str
    result: TruthValue
    fact: str | None = None
    party: str | None = None
    value: str | None = None
    evidence: tuple[Evidence, ...] = ()
    assumption: str | None = None
    children: tuple[TraceStep, ...] = ()


class Answer(Output):
    """What a finding would become if a question were answered this way."""

    answer: str
    status: str


class QuestionOut(Output):
    """A question that would help settle an undetermined finding."""

    fact: str
    party: str | None
    ask: str
    why: str | None = None
    leads_to: tuple[Answer, ...] = ()


class ProvisionRef(Output):
    """The provision a finding applies, as cited in reports."""

    instrument: str
    paragraph: str
    pinpoint: str
    url: str
    wording: str
    """The provenance of the wording, e.g. 'secondary (en, excerpt); secondary (fr)'."""


class Obligation(Output):
    """A State whose obligation a finding engages, and on which bases."""

    state: str
    bases: tuple[str, ...]


class ReadingChoice(Output):
    """A named interpretation and the reading in force for it (``None``: none), with who
    chose it."""

    id: str
    question: str
    reading: str | None
    chosen_by: Literal["default", "case", "command line", "open"]


class ReadingUsed(ReadingChoice):
    """A named interpretation a finding depends on, and what each reading would make of
    the finding."""

    outcomes: tuple[Answer, ...]


class RouteRef(Output):
    """The carve-out or exemption that makes a finding ``exempt``."""

    id: str
    kind: Literal["carve_out", "exemption"]
    title: str
    citation: str
    basis: str = "committee_decision"


class Interval(Output):
    """One period of a status history: the same status (and deadline) on every day.

    ``from`` and ``to`` are the first and last days (inclusive); ``to`` is null
    when the period runs to the end of the window assessed.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True,
                              serialize_by_alias=True)

    from_: dt.date = Field(alias="from")
    to: dt.date | None
    status: Status
    deadline: dt.date | None = None
    reason: str


class Finding(Output):
    """The status of one relationship under one rule on the assessment date, and its history.

    ``status`` is the position on the assessment date.  ``history`` gives the
    status on every day of the window assessed, one interval per change, and
    ``most_serious`` the first interval with its most serious status.  The
    reason, questions and trace explain the position on the assessment date,
    unless nothing is to be reported on that date and something was earlier: then
    they explain ``most_serious`` (``explains`` says which).
    """

    relationship: str
    rule: str
    rule_version: int
    provision: ProvisionRef
    status: Status
    reason: str
    deadline: dt.date | None = None
    route: RouteRef | None = None
    obligated_states: tuple[str, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    possible_statuses: tuple[str, ...] = ()
    questions: tuple[QuestionOut, ...] = ()
    interpretive_questions: tuple[QuestionOut, ...] = ()
    """Questions of interpretation (which reading applies), apart from questions of fact."""
    relies_on: tuple[ReadingUsed, ...] = ()
    remarks: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    history: tuple[Interval, ...] = ()
    most_serious: Interval | None = None
    explains: Literal["as_of", "most_serious"] = "as_of"
    trace: tuple[TraceStep, ...] = ()

    def telling(self, question: QuestionOut) -> tuple[Answer, ...]:
        """The answers to ``question`` that would change this finding's outcome."""
        current = "undetermined (" + " or ".join(self.possible_statuses) + ")"
        return tuple(a for a in question.leads_to if a.status != current)


class RuleRef(Output):
    """A rule used in an assessment, with the digest of its file."""

    id: str
    version: int
    sha256: str


class ProvisionApplied(Output):
    """A provision the assessment applied, with the provenance of its wording."""

    rule: str
    version: int
    pinpoint: str
    in_force_from: dt.date
    wording: str
    paragraph: str


class NotEncoded(Output):
    """A provision known to be relevant that the catalogue does not encode, and why."""

    provision: str
    subject: str
    reason: str


class InterpretationInForce(ReadingChoice):
    """A named interpretation: the reading in force for this assessment, who chose it, and
    the rules that declare it."""

    rules: tuple[str, ...]


class Scope(Output):
    """What an assessment covers and what it does not: 'not applicable' is no clean bill."""

    statement: str
    provisions_applied: tuple[ProvisionApplied, ...]
    not_encoded: tuple[NotEncoded, ...]
    lists_consulted: tuple[str, ...]
    interpretations: tuple[InterpretationInForce, ...]
    assumptions: tuple[str, ...]
    not_checked: tuple[str, ...]


class Window(Output):
    """The days whose statuses an assessment covers, first and last inclusive."""

    since: dt.date
    until: dt.date


class Assessment(Output):
    """Every finding for one case as of one date, with its history over a window,
    reproducible from its inputs.

    ``counts`` are the statuses on the assessment date (one per relationship and
    rule); ``counts_in_window`` the most serious status each reached in the window.
    """

    schema_version: Literal[2] = 2
    case: str
    as_of: dt.date
    window: Window
    tool_version: str
    case_sha256: str
    rulebook_sha256: str
    rules: tuple[RuleRef, ...]
    findings: tuple[Finding, ...]
    counts: dict[str, int]
    counts_in_window: dict[str, int]
    scope: Scope
