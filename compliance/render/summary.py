"""The executive summary and the scope statement of the report.

The summary gives the position on the assessment date, one line per relationship,
and apart from it the prohibited periods that ended before that date: a past
violation is never folded into a present "not applicable".  The scope statement
says what the assessment covers and what it does not, so that "not applicable" is
never read as a clean bill.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from compliance.models.case import Relationship
from compliance.models.findings import STATUS_ORDER, Assessment, Finding
from compliance.render.findingview import period
from compliance.render.questions import join_words
from compliance.render.viewtypes import STATUS_LABELS, FindingView, ScopeView, SummaryLine

NOT_APPLICABLE_NOTE = (
    "'Not applicable' means only that the provisions as encoded do not reach a relationship"
    " on that date on the facts recorded; it is not a finding of compliance. What the"
    " assessment covers, and what it does not, follows the summary.")


def current_line(rel: Relationship, pairs: Sequence[tuple[Finding, FindingView]]
                 ) -> SummaryLine:
    """A relationship's position on the assessment date: its most serious finding's
    reason, and the count of its other findings by status."""
    title = rel.title or rel.id
    mine = sorted(((f, v) for f, v in pairs if f.relationship == rel.id),
                  key=lambda fv: STATUS_ORDER[fv[0].status])
    if not mine or mine[0][0].status == "not_applicable":
        past = [f for f, _ in mine if f.explains == "most_serious"]
        sentence = (f"{title}: no provision in the rule set reaches it on the assessment date"
                    + ("; earlier periods are listed under past conduct." if past else "."))
        return SummaryLine("", title, "not_applicable", STATUS_LABELS["not_applicable"],
                           sentence)
    f, v = mine[0]
    sentence = v.reason
    others = Counter(x.status for x, _ in mine[1:] if x.status != "not_applicable")
    if others:
        more = ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in sorted(
            others.items(), key=lambda kv: STATUS_ORDER[kv[0]]))
        sentence += f" (Further findings: {more}.)"
    return SummaryLine(v.anchor, title, f.status, STATUS_LABELS[f.status], sentence)


def past_lines(pairs: Sequence[tuple[Finding, FindingView]], as_of: dt.date
               ) -> tuple[SummaryLine, ...]:
    """Each prohibited period that ended before the assessment date, earliest first."""
    out = []
    for f, v in pairs:
        for interval in f.history:
            if (interval.status == "prohibited" and interval.to is not None
                    and interval.to < as_of):
                now = STATUS_LABELS[f.status].lower()
                out.append((interval.from_, SummaryLine(
                    v.anchor, v.relationship_title, "prohibited", STATUS_LABELS["prohibited"],
                    f"{v.pinpoint}: prohibited {period(interval)}; {now} on the assessment"
                    " date.")))
    return tuple(line for _, line in sorted(out, key=lambda x: (x[0], x[1].title)))


def window_counts(assessment: Assessment) -> str:
    """``the most serious status each finding reached from ... to ...: 1 prohibited, ...``"""
    window = assessment.window
    counted = [f"{n} {STATUS_LABELS[s].lower()}" for s, n in sorted(
        assessment.counts_in_window.items(), key=lambda kv: STATUS_ORDER[kv[0]]) if n]
    return (f"Over the period assessed, {window.since.isoformat()} to"
            f" {window.until.isoformat()}, the most serious status each finding reached:"
            f" {join_words(counted) or 'none'}.")


def scope_view(assessment: Assessment) -> ScopeView:
    """The assessment's scope statement, ready to print."""
    scope = assessment.scope
    window = assessment.window
    return ScopeView(
        statement=" ".join(scope.statement.split()),
        window=(f"Statuses are assessed on every day from {window.since.isoformat()} to"
                f" {window.until.isoformat()}; the position reported is that on"
                f" {assessment.as_of.isoformat()}."),
        provisions=tuple((p.pinpoint, f"{p.rule} v{p.version}", p.in_force_from.isoformat(),
                          p.wording, p.paragraph) for p in scope.provisions_applied),
        not_encoded=tuple((n.provision, n.subject, n.reason) for n in scope.not_encoded),
        lists=tuple(" ".join(s.split()) for s in scope.lists_consulted),
        interpretations=tuple(
            (" ".join(i.question.split()), i.reading or "open (findings depending on it are"
             " undetermined)", i.chosen_by, ", ".join(i.rules)) for i in scope.interpretations),
        open_readings=sum(i.chosen_by == "open" for i in scope.interpretations),
        assumptions=tuple(" ".join(a.split()) for a in scope.assumptions),
        not_checked=tuple(" ".join(n.split()) for n in scope.not_checked),
    )
