"""Footnotes citing evidence, numbered in document order.

The view model cites evidence as it builds each part of the report, in the order
the report prints them, so the HTML and the PDF agree on every number; evidence
cited before refers back to its first note.
"""

from __future__ import annotations

from compliance.models.case import Source
from compliance.models.common import Evidence
from compliance.render.viewtypes import Citation, Footnote


class Notes:
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
