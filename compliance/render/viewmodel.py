"""The report's view model: everything the assessment template shows, precomputed.

Templates receive only a :class:`ReportView` (plain frozen dataclasses of strings,
numbers and tuples); they never see the case, the rules or raw YAML.  Footnotes are
numbered here, in document order, so the HTML and PDF agree on every number.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from markupsafe import Markup

from compliance.engine.assess import sort_key
from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.models.case import Party, Relationship, Source
from compliance.models.common import Evidence, country_name
from compliance.models.findings import STATUS_ORDER, Assessment, Finding, TraceStep
from compliance.models.rules import ProvisionText, RuleSpec
from compliance.render import display, svg, timeline
from compliance.render.questions import explain_once, join_words, merge_questions
from compliance.render.viewtypes import (
    LANGUAGES,
    STATUS_LABELS,
    Citation,
    DisagreementView,
    FactView,
    FindingView,
    Footnote,
    PartyRow,
    RelationshipRow,
    ReportView,
    RuleRow,
    SectionView,
    SourceView,
    SummaryLine,
    TextView,
)


class _Notes:
    """Numbers footnotes in document order and remembers where sources are cited."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self.count = 0
        self.cited: dict[str, list[int]] = {}
        self.first: dict[tuple[str, str | None, str | None, str | None], int] = {}

    def cite(self, evidence: tuple[Evidence, ...]) -> tuple[Footnote, ...]:
        """A note per piece of evidence; evidence cited before refers to its note.

        Evidence stays one note each rather than one note per fact: WeasyPrint
        defers the last note of a full page to the next one to fit another line,
        and long merged notes made that more likely (see pdf.layout).
        """
        out = []
        for ev in evidence:
            first = self.first.get(_evidence_key(ev))
            if first is not None:
                out.append(Footnote(first, repeat_of=first))
                continue
            self.count += 1
            self.first[_evidence_key(ev)] = self.count
            self.cited.setdefault(ev.source, []).append(self.count)
            out.append(Footnote(self.count, self._citation(ev)))
        return tuple(out)

    def _citation(self, ev: Evidence) -> Citation:
        src = self.sources.get(ev.source)
        return Citation(
            source_anchor=f"src-{ev.source}",
            publisher=src.publisher if src else ev.source,
            published=src.published.isoformat() if src and src.published else "",
            title=src.title if src else "",
            url=str(src.url) if src and src.url else "",
            quote=" ".join(ev.quote.split()) if ev.quote else "",
            locator=ev.locator or "",
            note=ev.note or "",
        )


def _evidence_key(ev: Evidence) -> tuple[str, str | None, str | None, str | None]:
    return (ev.source, ev.quote, ev.locator, ev.note)


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
    notes = _Notes({s.id: s for s in case.sources})
    findings = sorted(assessment.findings, key=sort_key(rulebook))
    sections = _sections(findings, relationships, specs, parties, notes)
    by_key = {(v.relationship_id, v.rule_id): v for sec in sections for v in sec.findings}
    views = [by_key[(f.relationship, f.rule)] for f in findings]
    worst = _worst(findings)
    cited = {f.rule for f in findings}
    disagreements = tuple(DisagreementView(d.about, d.summary, notes.cite(d.evidence))
                          for d in case.disagreements)
    deadlines = sorted((f.deadline, v.anchor, v.relationship_title)
                       for f, v in zip(findings, views, strict=True) if f.deadline)
    rel_rows = tuple(_relationship_row(r, parties, worst) for r in relationships.values())
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
        counts=tuple((s, STATUS_LABELS[s], assessment.counts.get(s, 0)) for s in STATUS_LABELS),
        nearest_deadline=deadlines[0][0].isoformat() if deadlines else "",
        nearest_deadline_anchor=deadlines[0][1] if deadlines else "",
        nearest_deadline_title=deadlines[0][2] if deadlines else "",
        summary=tuple(_summary_line(r, findings, views) for r in relationships.values()),
        findings=tuple(views),
        sections=sections,
        parties=tuple(_party_row(p, parties) for p in case.parties),
        relationships=rel_rows,
        diagram_svg=Markup(svg.relationship_diagram(case.parties, list(relationships.values()),
                                                    worst)),
        timeline_svg=Markup(timeline.timeline(
            timeline.rows_from_periods(list(relationships.values()), worst),
            timeline.marks(findings, specs, assessment.as_of))),
        disagreements=disagreements,
        sources=tuple(_source_view(s, notes.cited.get(s.id, [])) for s in case.sources),
        rules=tuple(_rule_row(specs[r.id], r.sha256) for r in assessment.rules),
        provisions=tuple(_rule_row(specs[r.id], r.sha256, others=True)
                         for r in assessment.rules if r.id in cited),
        keywords=("DPRK", "UN Security Council", "sanctions", "telecommunications",
                  *sorted({f.provision.instrument for f in findings})),
    )


def _rule_row(spec: RuleSpec, sha256: str, *, others: bool = False) -> RuleRow:
    """A rule's row; with ``others``, only the texts its findings do not print."""
    p = spec.provision
    texts = _other_texts(p.texts) if others else tuple(_text_view(t) for t in p.texts)
    return RuleRow(spec.id, spec.version, spec.title, p.pinpoint, sha256,
                   f"provision-{spec.id}", str(p.url), p.adopted.isoformat(),
                   p.paragraph_provenance, " ".join((p.paragraph_basis or "").split()), texts)


def _worst(findings: list[Finding]) -> dict[str, str]:
    worst: dict[str, str] = {}
    for f in findings:
        if f.relationship not in worst or STATUS_ORDER[f.status] < STATUS_ORDER[
                worst[f.relationship]]:
            worst[f.relationship] = f.status
    return worst


def _text_view(t: ProvisionText) -> TextView:
    v = t.provenance.source if t.provenance else None
    return TextView(
        kind=t.kind, language=LANGUAGES.get(t.language, t.language),
        text=" ".join(t.text.split()), extent=t.extent or "", heading=t.heading(),
        source_title=v.title if v else "", source_publisher=(v.publisher or "") if v else "",
        source_url=str(v.url) if v and v.url else "", basis=" ".join((t.basis or "").split()))


def _primary(texts: tuple[ProvisionText, ...]) -> list[ProvisionText]:
    """The wording a finding prints: an English quotation if any, else the first
    quotation, else the summaries; a partial quotation comes with the summaries of the rest."""
    quotes = [t for t in texts if t.kind == "quote"]
    english = [t for t in quotes if t.language == "en"]
    if english or quotes:
        chosen = (english or quotes)[:1]
        if chosen[0].extent:
            chosen += [t for t in texts if t.kind == "summary"]
        return chosen
    return list(texts)


def _primary_texts(texts: tuple[ProvisionText, ...]) -> tuple[TextView, ...]:
    return tuple(_text_view(t) for t in _primary(texts))


def _other_texts(texts: tuple[ProvisionText, ...]) -> tuple[TextView, ...]:
    """The texts a finding does not print (e.g. the official French), for Appendix A."""
    shown = _primary(texts)
    return tuple(_text_view(t) for t in texts if t not in shown)


def _sections(findings: list[Finding], relationships: dict[str, Relationship],
              specs: dict[str, RuleSpec], parties: dict[str, Party], notes: _Notes
              ) -> tuple[SectionView, ...]:
    """One section per relationship, in the order of its most serious finding.

    Footnotes are numbered here, in the order the sections print them.
    """
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.relationship, []).append(f)
    shown: dict[str, tuple[str, str]] = {}
    explained: dict[str, str] = {}
    sections = []
    for number, (rel_id, mine) in enumerate(grouped.items(), 1):
        rel = relationships.get(rel_id)
        title = rel.title if rel and rel.title else rel_id
        operating = next((s for s in mine[0].trace if s.fact == "relationship.operating"), None)
        common = _fact_views(_relied_on((operating,)) if operating else [], parties, notes, set())
        states = {f.obligated_states for f in mine}
        labelled = [(f"{number}.{i}", f) for i, f in enumerate(mine, 1)]
        questions = explain_once(merge_questions(labelled, lambda p: _party_name(p, parties)),
                                 number, explained)
        views = []
        for label, f in labelled:
            view = _finding_view(label, f, specs, parties, notes, shown, title,
                                 tuple(q.number for q in questions if label in q.labels))
            views.append(view)
            shown.setdefault(f.rule, (view.anchor, view.label))
        shared = _shared_caveats(views)
        if shared:
            views = [replace(v, caveats=tuple(c for c in v.caveats if c not in shared))
                     for v in views]
        sections.append(SectionView(
            anchor=f"section-{number}", number=number,
            title=title, id=rel_id, kind=rel.kind.replace("_", " ") if rel else "",
            parties=_participants(rel, parties) if rel else "",
            states=_states(mine[0].obligated_states) if len(states) == 1 else (),
            facts=common, findings=tuple(views), questions=questions, caveats=shared))
    return tuple(sections)


def _shared_caveats(views: list[FindingView]) -> tuple[str, ...]:
    """Caveats that every one of several findings carries (in the first one's order)."""
    if len(views) < 2:
        return ()
    return tuple(c for c in views[0].caveats if all(c in v.caveats for v in views[1:]))


def _states(codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{country_name(c)} ({c})" for c in codes)


def _finding_view(label: str, f: Finding, specs: dict[str, RuleSpec],
                  parties: dict[str, Party], notes: _Notes, shown: dict[str, tuple[str, str]],
                  relationship_title: str, questions: tuple[int, ...]) -> FindingView:
    spec = specs.get(f.rule)
    texts: tuple[TextView, ...] = ()
    title = paragraph_status = provision_title = ""
    if spec is not None:
        texts = _primary_texts(spec.provision.texts)
        title, paragraph_status = spec.title, spec.provision.paragraph_status
        provision_title = spec.provision.title or ""
    own = [s for s in f.trace if s.fact != "relationship.operating"]
    printed: set[str] = set()
    facts = _fact_views(_relied_on(tuple(own)), parties, notes, printed)
    return FindingView(
        anchor=f"finding-{label.replace('.', '-')}", label=label, status=f.status,
        status_label=STATUS_LABELS[f.status], relationship_id=f.relationship,
        relationship_title=relationship_title,
        rule_id=f.rule, rule_version=f.rule_version, rule_title=title,
        pinpoint=f.provision.pinpoint, provision_url=f.provision.url,
        provision_anchor=f"provision-{f.rule}",
        provision_title=provision_title, paragraph_status=paragraph_status, texts=texts,
        wording_ref=shown.get(f.rule),
        reason=" ".join(f.reason.split()), facts=facts,
        states=_states(f.obligated_states),
        deadline=f.deadline.isoformat() if f.deadline else "",
        route=f"{f.route.title} ({f.route.citation})" if f.route else "",
        remarks=tuple(" ".join(r.split()) for r in f.remarks),
        caveats=tuple(" ".join(c.split()) for c in f.caveats),
        assumptions=tuple(a for a in (" ".join(a.split()) for a in f.assumptions)
                          if a not in printed),
        possible=join_words([STATUS_LABELS.get(s, s).lower() for s in f.possible_statuses],
                            "or"),
        questions=questions,
    )


def _fact_views(steps: list[TraceStep], parties: dict[str, Party], notes: _Notes,
                printed: set[str]) -> tuple[FactView, ...]:
    """Fact views; an assumption is printed beside the first fact resting on it only."""
    out = []
    for step in steps:
        assumption = " ".join((step.assumption or "").split())
        if assumption in printed:
            assumption = ""
        elif assumption:
            printed.add(assumption)
        out.append(FactView(label=step.label, value=step.value or "", result=step.result,
                            party=_party_name(step.party, parties), assumption=assumption,
                            footnotes=notes.cite(step.evidence)))
    return tuple(out)


def _relied_on(trace: tuple[TraceStep, ...]) -> list[TraceStep]:
    """The facts (with evidence or an assumption) that decided the finding, once each.

    Below the top-level stages only the decisive branches are followed: children
    whose result equals their parent's (the true branch of a satisfied "any", the
    false branch of a failed "all").  The attached findings JSON has the full trace.
    """
    out: list[TraceStep] = []
    seen: set[tuple[str, str | None, str | None]] = set()

    def walk(step: TraceStep) -> None:
        key = (step.label, step.party, step.value)
        if (step.evidence or step.assumption) and key not in seen:
            seen.add(key)
            out.append(step)
        for child in step.children:
            if child.result == step.result:
                walk(child)

    for step in trace:
        walk(step)
    return out


def _party_name(party_id: str | None, parties: dict[str, Party]) -> str:
    if party_id is None:
        return ""
    party = parties.get(party_id)
    return party.name if party else party_id


def _summary_line(rel: Relationship, findings: list[Finding], views: list[FindingView]
                  ) -> SummaryLine:
    title = rel.title or rel.id
    mine = [(f, v) for f, v in zip(findings, views, strict=True) if f.relationship == rel.id]
    if not mine:
        return SummaryLine("", title, "not_applicable", STATUS_LABELS["not_applicable"],
                           f"{title}: no provision in the rule set reaches it.")
    f, v = mine[0]
    sentence = v.reason
    others = Counter(x.status for x, _ in mine[1:])
    if others:
        more = ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in sorted(
            others.items(), key=lambda kv: STATUS_ORDER[kv[0]]))
        sentence += f" (Further findings: {more}.)"
    return SummaryLine(v.anchor, title, f.status, STATUS_LABELS[f.status], sentence)


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
