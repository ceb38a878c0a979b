"""The report's view model: everything the assessment template shows, precomputed.

Templates receive only a :class:`ReportView` (plain frozen dataclasses of strings,
numbers and tuples); they never see the case, the rules or raw YAML.  Footnotes are
numbered here, in document order, so the HTML and PDF agree on every number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from markupsafe import Markup

from compliance.countries import country_name
from compliance.engine.assess import headline, sort_key
from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.models.case import Party, Relationship, Source
from compliance.models.findings import STATUS_ORDER, Assessment, Finding
from compliance.models.rules import RuleSpec
from compliance.render import display, svg, timeline
from compliance.render.citations import Notes
from compliance.render.findingview import Where, fact_views, finding_view
from compliance.render.provisions import rule_row
from compliance.render.questions import explain_once, merge_questions
from compliance.render.summary import (
    NOT_APPLICABLE_NOTE,
    current_line,
    past_lines,
    scope_view,
    window_counts,
)
from compliance.render.viewtypes import (
    STATUS_LABELS,
    DisagreementView,
    FindingView,
    PartyRow,
    RelationshipRow,
    ReportView,
    SectionView,
    SourceView,
)


def build_view(assessment: Assessment, loaded: LoadedCase, rulebook: Rulebook,
               relationships_read: tuple[Relationship, ...] | None = None) -> ReportView:
    """Build the report's view model; pure and deterministic.

    ``relationships_read`` are the case's relationships as read once for the run;
    without them the loaded case's are used (kept in memory when it was loaded).
    Every string in it is shown as printed (:func:`display.reveal_all`): control,
    bidi, zero-width and undrawable characters as visible code points.
    """
    return display.reveal_all(_build_view(assessment, loaded, rulebook, relationships_read))


def _build_view(assessment: Assessment, loaded: LoadedCase, rulebook: Rulebook,
                relationships_read: tuple[Relationship, ...] | None) -> ReportView:
    case = loaded.case
    relationships = {r.id: r for r in (relationships_read if relationships_read is not None
                                       else loaded.relationships())}
    parties = {p.id: p for p in case.parties}
    specs = {r.id: r.spec for r in rulebook.rules}
    where = Where({p.id: p.name for p in case.parties}, Notes({s.id: s for s in case.sources}),
                  {}, assessment.as_of)
    findings = sorted(assessment.findings, key=sort_key(rulebook))
    sections = _sections(findings, relationships, specs, parties, where)
    by_key = {(v.relationship_id, v.rule_id): v for sec in sections for v in sec.findings}
    views = [by_key[(f.relationship, f.rule)] for f in findings]
    pairs = list(zip(findings, views, strict=True))
    worst = _worst(findings)
    cited = {f.rule for f in findings}
    notes = where.notes
    disagreements = tuple(DisagreementView(d.about, d.summary, notes.cite(d.evidence))
                          for d in case.disagreements)
    deadlines = sorted((f.deadline, v.anchor, v.relationship_title)
                       for f, v in pairs if f.deadline)
    rel_rows = tuple(_relationship_row(r, parties, worst) for r in relationships.values())
    window = assessment.window
    return ReportView(
        title=f"Assessment: {case.title}",
        case_id=case.id,
        case_title=case.title,
        case_summary=" ".join(case.summary.split()) if case.summary else "",
        as_of=assessment.as_of.isoformat(),
        prepared_on=case.prepared_on.isoformat() if case.prepared_on else "not recorded",
        prepared_by=case.prepared_by or "not recorded",
        created=(case.prepared_on or assessment.as_of).isoformat(),
        tool_version=assessment.tool_version,
        case_sha256=assessment.case_sha256,
        rulebook_sha256=assessment.rulebook_sha256,
        rulebook_source=("the catalogue installed with the tool" if rulebook.source == "installed"
                         else "rule files given with --rules, not the installed catalogue"),
        counts=tuple((s, STATUS_LABELS[s], assessment.counts.get(s, 0)) for s in STATUS_LABELS),
        counts_in_window=window_counts(assessment),
        window=f"{window.since.isoformat()} to {window.until.isoformat()}",
        not_applicable_note=NOT_APPLICABLE_NOTE,
        nearest_deadline=deadlines[0][0].isoformat() if deadlines else "",
        nearest_deadline_anchor=deadlines[0][1] if deadlines else "",
        nearest_deadline_title=deadlines[0][2] if deadlines else "",
        summary=tuple(sorted((current_line(r, pairs) for r in relationships.values()),
                             key=lambda line: STATUS_ORDER[line.status])),
        past=past_lines(pairs, assessment.as_of),
        scope=scope_view(assessment),
        findings=tuple(views),
        sections=sections,
        parties=tuple(_party_row(p, parties) for p in case.parties),
        relationships=rel_rows,
        diagram_svg=Markup(svg.relationship_diagram(case.parties, list(relationships.values()),
                                                    worst)),
        timeline_svg=Markup(timeline.timeline(
            timeline.rows_from_histories(list(relationships.values()), findings,
                                         window.until),
            timeline.marks(findings, specs, assessment.as_of))),
        disagreements=disagreements,
        sources=tuple(_source_view(s, notes.cited.get(s.id, [])) for s in case.sources),
        rules=tuple(rule_row(specs[r.id], r.sha256) for r in assessment.rules),
        provisions=tuple(rule_row(specs[r.id], r.sha256, others=True)
                         for r in assessment.rules if r.id in cited),
        keywords=("DPRK", "UN Security Council", "sanctions", "telecommunications",
                  *sorted({f.provision.instrument for f in findings})),
    )


def _worst(findings: list[Finding]) -> dict[str, str]:
    """Each relationship's most serious status, on the assessment date or before."""
    worst: dict[str, str] = {}
    for f in findings:
        status = headline(f)
        if f.relationship not in worst or STATUS_ORDER[status] < STATUS_ORDER[
                worst[f.relationship]]:
            worst[f.relationship] = status
    return worst


def _sections(findings: list[Finding], relationships: dict[str, Relationship],
              specs: dict[str, RuleSpec], parties: dict[str, Party], where: Where
              ) -> tuple[SectionView, ...]:
    """One section per relationship, in the order of its most serious finding.

    Footnotes are numbered here, in the order the sections print them.
    """
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.relationship, []).append(f)
    explained: dict[str, str] = {}
    sections = []
    for number, (rel_id, mine) in enumerate(grouped.items(), 1):
        rel = relationships.get(rel_id)
        title = rel.title if rel and rel.title else rel_id
        operating = tuple(s for s in mine[0].trace if s.fact == "relationship.operating")
        where.said.clear()
        assumed: set[str] = set()
        common = fact_views(operating, where, assumed)
        where.said.update({f.sentence for f in common} | assumed)
        labelled = [(f"{number}.{i}", f) for i, f in enumerate(mine, 1)]
        questions = explain_once(merge_questions(labelled, where.name), number, explained)
        interpretive = merge_questions(labelled, where.name, interpretive=True,
                                       first=len(questions) + 1)
        views = []
        for label, f in labelled:
            asked = tuple(q.number for q in (*questions, *interpretive) if label in q.labels)
            view = finding_view(label, f, specs.get(f.rule), where, title, asked)
            views.append(view)
            where.shown.setdefault(f.rule, (view.anchor, view.label))
        shared = _shared_caveats(views)
        if shared:
            views = [replace(v, caveats=tuple(c for c in v.caveats if c not in shared))
                     for v in views]
        states = {v.states for v in views}
        sections.append(SectionView(
            anchor=f"section-{number}", number=number,
            title=title, id=rel_id, kind=rel.kind.replace("_", " ") if rel else "",
            parties=_participants(rel, parties) if rel else "",
            states=views[0].states if len(states) == 1 else (),
            facts=common, findings=tuple(views), questions=questions,
            interpretive=interpretive, caveats=shared))
    return tuple(sections)


def _shared_caveats(views: list[FindingView]) -> tuple[str, ...]:
    """Caveats that every one of several findings carries (in the first one's order)."""
    if len(views) < 2:
        return ()
    return tuple(c for c in views[0].caveats if all(c in v.caveats for v in views[1:]))


def _party_name(party_id: str | None, parties: dict[str, Party]) -> str:
    if party_id is None:
        return ""
    party = parties.get(party_id)
    return party.name if party else party_id


def _party_row(party: Party, parties: dict[str, Party]) -> PartyRow:
    country = party.country.value
    owners = "; ".join(
        f"{_party_name(o.owner, parties)}"
        + (f" {o.share.value:g}%" if o.share.value is not None else " (share unknown)")
        for o in party.owners)
    return PartyRow(party.name, ", ".join(party.aliases), party.kind.replace("_", " "),
                    f"{country_name(country)} ({country})" if country else "unknown", owners)


def _participants(rel: Relationship, parties: dict[str, Party]) -> str:
    """``Name (role); Name (role)`` for the parties of a relationship."""
    return "; ".join(f"{_party_name(p.party, parties)} ({p.role})" for p in rel.parties)


def _relationship_row(rel: Relationship, parties: dict[str, Party], worst: dict[str, str]
                      ) -> RelationshipRow:
    status = worst.get(rel.id, "not_applicable")
    return RelationshipRow(f"rel-{rel.id}", rel.id, rel.title or rel.id,
                           rel.kind.replace("_", " "), _participants(rel, parties),
                           _period(rel), status,
                           STATUS_LABELS[status])


def _period(rel: Relationship) -> str:
    def show(lo: dt.date | None, hi: dt.date | None) -> str:
        if lo and hi:
            return lo.isoformat() if lo == hi else f"{lo.isoformat()} to {hi.isoformat()}"
        if lo:
            return f"on or after {lo.isoformat()}"
        if hi:
            return f"by {hi.isoformat()}"
        return "unknown"

    start, end = show(*rel.start.bounds()), show(*rel.end.bounds())
    return f"start {start}; end {end}"


def _source_view(src: Source, cited: list[int]) -> SourceView:
    return SourceView(
        anchor=f"src-{src.id}", publisher=src.publisher, author=src.author or "",
        published=src.published.isoformat() if src.published else "n.d.",
        title=src.title, url=str(src.url) if src.url else "", kind=src.kind.replace("_", " "),
        cited_in=", ".join(str(n) for n in cited))
