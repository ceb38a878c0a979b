"""Provision wording as the report prints it: quotations with their provenance and
summaries, the texts each finding shows, and the rows of the appendices."""

from __future__ import annotations

from compliance.models.rules import ProvisionText, RuleSpec
from compliance.render.viewtypes import LANGUAGES, RuleRow, TextView


def rule_row(spec: RuleSpec, sha256: str, *, others: bool = False) -> RuleRow:
    """A rule's row; with ``others``, only the texts its findings do not print."""
    p = spec.provision
    texts = other_texts(p.texts) if others else tuple(text_view(t) for t in p.texts)
    return RuleRow(spec.id, spec.version, spec.title, p.pinpoint, sha256,
                   f"provision-{spec.id}", str(p.url), p.adopted.isoformat(),
                   p.paragraph_provenance, " ".join((p.paragraph_basis or "").split()), texts)


def text_view(t: ProvisionText) -> TextView:
    v = t.provenance.source if t.provenance else None
    return TextView(
        kind=t.kind, language=LANGUAGES.get(t.language, t.language),
        text=" ".join(t.text.split()), extent=t.extent or "", heading=t.heading(),
        source_title=v.title if v else "", source_publisher=(v.publisher or "") if v else "",
        source_url=str(v.url) if v and v.url else "", basis=" ".join((t.basis or "").split()))


def primary(texts: tuple[ProvisionText, ...]) -> list[ProvisionText]:
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


def primary_texts(texts: tuple[ProvisionText, ...]) -> tuple[TextView, ...]:
    return tuple(text_view(t) for t in primary(texts))


def other_texts(texts: tuple[ProvisionText, ...]) -> tuple[TextView, ...]:
    """The texts a finding does not print (e.g. the official French), for Appendix A."""
    shown = primary(texts)
    return tuple(text_view(t) for t in texts if t not in shown)
