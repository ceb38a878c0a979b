"""Plain frozen dataclasses that make up the report's view model (see viewmodel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATUS_LABELS = {
    "prohibited": "Prohibited",
    "wind_down": "Wind down",
    "undetermined": "Undetermined",
    "exempt": "Exempt",
    "not_applicable": "Not applicable",
}
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian",
             "zh": "Chinese", "ar": "Arabic"}


@dataclass(frozen=True)
class Citation:
    """One piece of evidence as a footnote cites it."""

    source_anchor: str
    publisher: str
    published: str
    title: str
    url: str
    quote: str
    locator: str
    note: str


@dataclass(frozen=True)
class Footnote:
    """A page-bottom note citing evidence, or a reference back to an earlier note."""

    number: int
    citation: Citation | None = None
    """The evidence cited; ``None`` for a reference back (``repeat_of``)."""
    repeat_of: int = 0
    """When the evidence was cited before: the note that cites it.  A repeat is
    printed as a reference to the earlier note, not as a new note."""


@dataclass(frozen=True)
class FactView:
    """A fact a finding relies on, as a plain sentence, with the footnotes citing its
    evidence and the assumption behind it (once per finding)."""

    sentence: str
    assumption: str
    assumed_by: str
    """``analyst`` (recorded in the case) or ``rule`` (the rule's default), or empty."""
    footnotes: tuple[Footnote, ...]


@dataclass(frozen=True)
class HistoryLine:
    """One period of a finding's status history."""

    period: str
    """``2017-09-11 to 2018-01-09``, ``from 2018-01-10``, ``on 2018-03-01``."""
    status: str
    status_label: str
    note: str
    """The last permitted day of a wind-down, and the period's reason where the
    finding's own reason does not explain it."""


@dataclass(frozen=True)
class ReadingView:
    """A reading of an ambiguous text that a finding rests on."""

    question: str
    reading: str
    """The reading's statement (or ``open``)."""
    chosen_by: str
    """``the rule's default``, ``the case``, ``the command line``, or ``no one``."""
    others: str
    """What the finding would be under each other reading, e.g. ``request-suspends-
    closure: wind down until 2018-06-30``."""


@dataclass(frozen=True)
class TextView:
    """Provision wording: a quotation with its provenance, or a labelled summary."""

    kind: str
    language: str
    text: str
    extent: str
    heading: str
    """What the wording is and where it was seen, e.g. 'Excerpt (first clause). English
    wording as reproduced in ... (a secondary copy); not checked against the official UN text'."""
    source_title: str
    source_publisher: str
    source_url: str
    basis: str


@dataclass(frozen=True)
class AnswerEffect:
    """Answers to a question and what they would make of the findings they change."""

    answers: tuple[str, ...]
    """Answers with the same effect, e.g. ``("denied by then", "pending")``."""
    outcomes: tuple[tuple[str, str], ...]
    """(finding labels such as ``3.2 and 3.4``, outcome); labels are empty when the
    question bears on one finding only."""


@dataclass(frozen=True)
class SectionQuestion:
    """A fact that would help settle a relationship's findings, asked once."""

    number: int
    fact: str
    """The fact asked about (``relationship.cooperative_entity``, ``party.state_owned``)."""
    ask: str
    why: str
    party: str
    labels: tuple[str, ...]
    """The findings that ask it."""
    effects: tuple[AnswerEffect, ...]
    """Empty when no single answer settles any of those findings on its own."""
    why_ref: str = ""
    """Where the same "why it matters" note was printed first (then ``why`` is empty)."""


@dataclass(frozen=True)
class FindingView:
    """One finding, ready to print, inside its relationship's section."""

    anchor: str
    label: str
    """Section and position, e.g. ``2.1``: what the summary table and links show."""
    status: str
    status_label: str
    relationship_id: str
    relationship_title: str
    rule_id: str
    rule_version: int
    rule_title: str
    pinpoint: str
    provision_url: str
    provision_title: str
    paragraph_status: str
    texts: tuple[TextView, ...]
    """The wording shown with the finding: an English quote if verified, else the
    first quote, else the summaries.  Every text is in the provisions appendix."""
    wording_ref: tuple[str, str] | None
    """(anchor, label) of the earlier finding that prints the same wording, if any."""
    provision_anchor: str
    reason: str
    facts: tuple[FactView, ...]
    """Facts particular to this rule; the relationship's own are in its section."""
    when: str
    """When the status began and ended, e.g. ``Prohibited from 2018-01-10 (still on
    the assessment date, 2018-04-30).``"""
    history: tuple[HistoryLine, ...]
    """The status history when it has more than one period."""
    readings: tuple[ReadingView, ...]
    states: tuple[str, ...]
    """Each obligated State with the basis of its obligation."""
    deadline: str
    route: str
    remarks: tuple[str, ...]
    caveats: tuple[str, ...]
    assumptions: tuple[str, ...]
    """Assumptions not already printed beside a fact of this finding."""
    possible: str
    questions: tuple[int, ...]
    """Numbers of the section's questions that bear on this finding."""
    past: bool = False
    """The status shown is the most serious of the history, not the position on the
    assessment date (which is 'not applicable')."""


@dataclass(frozen=True)
class SectionView:
    """A relationship with its findings, most serious first."""

    anchor: str
    number: int
    title: str
    id: str
    kind: str
    parties: str
    states: tuple[str, ...]
    """Obligated States when every finding names the same ones (else per finding)."""
    facts: tuple[FactView, ...]
    """Facts every finding relies on: whether and when the relationship operated."""
    findings: tuple[FindingView, ...]
    questions: tuple[SectionQuestion, ...] = ()
    """The open questions of all its findings, one per fact (see render.questions)."""
    interpretive: tuple[SectionQuestion, ...] = ()
    """Questions of interpretation: which reading of an ambiguous text applies."""
    caveats: tuple[str, ...] = ()
    """Caveats every one of its findings carries, printed once (not per finding)."""


@dataclass(frozen=True)
class SummaryLine:
    anchor: str
    title: str
    status: str
    status_label: str
    sentence: str


@dataclass(frozen=True)
class ScopeView:
    """What the assessment covers and what it does not (from the assessment's scope)."""

    statement: str
    window: str
    provisions: tuple[tuple[str, str, str, str, str], ...]
    """(pinpoint, rule and version, in force from, wording, paragraph number)."""
    not_encoded: tuple[tuple[str, str, str], ...]
    """(provision, subject, why not encoded)."""
    lists: tuple[str, ...]
    interpretations: tuple[tuple[str, str, str, str], ...]
    """(question, reading, chosen by, rules)."""
    open_readings: int
    """How many of them no one chose (findings resting on them are undetermined)."""
    assumptions: tuple[str, ...]
    not_checked: tuple[str, ...]


@dataclass(frozen=True)
class PartyRow:
    name: str
    aliases: str
    kind: str
    country: str
    owners: str


@dataclass(frozen=True)
class RelationshipRow:
    anchor: str
    id: str
    title: str
    kind: str
    parties: str
    period: str
    status: str
    status_label: str


@dataclass(frozen=True)
class DisagreementView:
    about: str
    summary: str
    footnotes: tuple[Footnote, ...]


@dataclass(frozen=True)
class SourceView:
    anchor: str
    publisher: str
    author: str
    published: str
    title: str
    url: str
    kind: str
    cited_in: str


@dataclass(frozen=True)
class RuleRow:
    id: str
    version: int
    title: str
    pinpoint: str
    sha256: str
    anchor: str
    url: str
    adopted: str
    paragraph_status: str
    paragraph_basis: str
    texts: tuple[TextView, ...]


@dataclass(frozen=True)
class Band:
    """A stretch of a relationship's timeline row in one status (render.timeline).

    A row is a sequence of bands in date order, one per status the relationship
    had; the timeline colours each by its status and prints its ``label``.
    """

    start: dt.date
    end: dt.date | None
    """The last day in this status, or ``None`` when it continues past the last
    recorded date (drawn to the edge, with an arrow).  ``end == start`` is a
    one-day act, drawn as a marker."""
    status: str
    """A key of ``STATUS_LABELS``."""
    label: str
    """What the row's caption says of it, e.g. ``Wind down 2017-09-11 to 2018-01-09``."""


@dataclass(frozen=True)
class TimelineRow:
    """One relationship in the timeline."""

    title: str
    bands: tuple[Band, ...]
    possible: tuple[dt.date | None, dt.date | None] = (None, None)
    """The earliest it may have started and the latest it may have ended, drawn pale
    around the bands; ``None`` where the case gives no bound (to the figure's edge)."""
    until: dt.date | None = None
    """The last day of the period assessed: an open band (``end`` ``None``) stops
    there with an arrow; ``None`` draws it to the figure's edge."""


@dataclass(frozen=True)
class ReportView:
    """The whole report."""

    title: str
    case_id: str
    case_title: str
    case_summary: str
    as_of: str
    prepared_on: str
    prepared_by: str
    created: str
    """The document date for PDF metadata: prepared_on, else as_of (never the clock)."""
    tool_version: str
    case_sha256: str
    rulebook_sha256: str
    rulebook_source: str
    """``the catalogue installed with the tool`` or ``rule files given with --rules``."""
    counts: tuple[tuple[str, str, int], ...]
    counts_in_window: str
    """The most serious status each finding reached in the window, as a sentence."""
    window: str
    not_applicable_note: str
    nearest_deadline: str
    nearest_deadline_anchor: str
    nearest_deadline_title: str
    summary: tuple[SummaryLine, ...]
    """The position on the assessment date, one line per relationship."""
    past: tuple[SummaryLine, ...]
    """Prohibited periods that ended before the assessment date."""
    scope: ScopeView
    findings: tuple[FindingView, ...]
    """Every finding, most serious first (the summary table)."""
    sections: tuple[SectionView, ...]
    """The findings chapter: one section per relationship with findings."""
    parties: tuple[PartyRow, ...]
    relationships: tuple[RelationshipRow, ...]
    diagram_svg: str
    timeline_svg: str
    disagreements: tuple[DisagreementView, ...]
    sources: tuple[SourceView, ...]
    rules: tuple[RuleRow, ...]
    provisions: tuple[RuleRow, ...]
    """The rules with findings, whose texts Appendix A prints in full."""
    keywords: tuple[str, ...] = field(default=())
