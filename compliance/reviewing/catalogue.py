"""The rule catalogue: one row per rule, and one rule described in full.

Deadlines are computed only for wind-down windows that start on a fixed date
(``provision.adopted`` or ``in_force.from``); windows that start on a fact of
the relationship (e.g. a Committee decision) have no catalogue deadline.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from compliance.engine.compile import add_period
from compliance.errors import UsageError, did_you_mean
from compliance.inputs.documents import Document
from compliance.models.rules import ProvisionText, RuleSpec

COLUMNS = ("id", "instrument", "para.", "in force from", "deadlines", "wording", "para. no.",
           "wording seen in")


@dataclass(frozen=True)
class RuleRow:
    """One line of ``compliance rules list``."""

    id: str
    instrument: str
    paragraph: str
    in_force_from: dt.date
    deadlines: tuple[tuple[str, dt.date], ...]
    text_status: str
    paragraph_status: str
    seen_in: str = "-"
    """What each quotation's provenance level rests on (:func:`quote_basis`)."""

    def cells(self) -> tuple[str, ...]:
        """The row as strings, in the order of :data:`COLUMNS`."""
        deadlines = ", ".join(f"{day.isoformat()} ({wid})" for wid, day in self.deadlines)
        return (self.id, self.instrument, self.paragraph, self.in_force_from.isoformat(),
                deadlines or "-", self.text_status, self.paragraph_status, self.seen_in)


def fixed_deadlines(spec: RuleSpec) -> tuple[tuple[str, dt.date], ...]:
    """Last permitted days of the windows that start on a fixed date."""
    if spec.wind_down is None:
        return ()
    starts = {"provision.adopted": spec.provision.adopted, "in_force.from": spec.in_force.from_}
    return tuple((w.id, add_period(starts[w.starts], w.days, w.months))
                 for w in spec.wind_down.windows if w.starts in starts)


def catalogue(specs: Sequence[RuleSpec]) -> list[RuleRow]:
    """One row per rule, sorted by id."""
    return [RuleRow(s.id, s.provision.instrument, s.provision.paragraph, s.in_force.from_,
                    fixed_deadlines(s), s.provision.wording, s.provision.paragraph_status,
                    "; ".join(dict.fromkeys(quote_basis(t) for t in s.provision.texts
                                            if t.provenance is not None)) or "-")
            for s in sorted(specs, key=lambda s: s.id)]


def quote_basis(text: ProvisionText) -> str:
    """What a quotation's provenance level rests on: the check against the UN document,
    or the copy the words were seen in (the act of an official reproduction).

    >>> quote_basis(ProvisionText.model_validate({"kind": "quote", "text": "t", "provenance": {
    ...     "level": "secondary", "source": {"title": "A blog", "publisher": "B"}}}))
    'en: A blog (B)'
    """
    provenance = text.provenance
    if provenance is None:
        return "summary"
    check = provenance.checked
    if check is not None:
        return (f"{text.language}: checked against {check.document} ({check.language})"
                f" by {check.by} on {check.on.isoformat()}")
    copy = provenance.source
    where = copy.act or copy.title
    if copy.publisher and copy.publisher not in where:
        where += f" ({copy.publisher})"
    if copy.seen_via:
        where += f", via {copy.seen_via}"
    return f"{text.language}: {where}"


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Plain text columns separated by two spaces, without trailing blanks.

    >>> aligned(["a", "bb"], [["xxx", "y"]])
    ['a    bb', 'xxx  y']
    """
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in [header, *rows]]


def find_spec(specs: Sequence[tuple[RuleSpec, Document]],
              rule_id: str) -> tuple[RuleSpec, Document]:
    """The rule with ``rule_id``, or a usage error with did-you-mean."""
    for spec, doc in specs:
        if spec.id == rule_id:
            return spec, doc
    ids = sorted(spec.id for spec, _ in specs)
    hint = did_you_mean(rule_id, ids)
    raise UsageError(f"'{rule_id}' is not a rule id{hint}"
                     + ("" if hint else f"; expected one of: {', '.join(ids)}"))


def _text_block(text: ProvisionText) -> list[str]:
    label = text.heading()
    if text.provenance is not None:
        copy = text.provenance.source
        if copy.url:
            label += f" <{copy.url}>"
    else:
        label += f" ({text.language})"
        if text.basis:
            label += f"; basis: {text.basis}"
    if text.extent and not text.excerpt:
        label += f" [extent: {text.extent}]"
    return [f"  - {label}", *(f"      {line}" for line in _wrap(text.text))]


def _wrap(text: str, width: int = 84) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width) or [""]


def describe(spec: RuleSpec, path: str) -> list[str]:
    """Every part of one rule a reviewer reads, as plain text lines."""
    p = spec.provision
    lines = [
        f"{spec.id} (version {spec.version}): {spec.title}",
        f"file:          {path}",
        f"provision:     {p.pinpoint} (paragraph number"
        f" {p.paragraph_provenance.removeprefix('cited by number ')})",
        f"adopted:       {p.adopted.isoformat()}",
        f"in force:      from {spec.in_force.from_.isoformat()}"
        + (f" until {spec.in_force.until.isoformat()}" if spec.in_force.until else ""),
        f"url:           {p.url}",
        f"wording:       {p.wording}",
        "",
        "summary:",
        *(f"  {line}" for line in _wrap(spec.summary)),
        "",
        "provision texts:",
    ]
    for text in p.texts:
        lines.extend(_text_block(text))
    for group, routes in (("carve-outs", spec.carve_outs), ("exemptions", spec.exemptions)):
        if routes:
            lines += ["", f"{group}:"]
            for route in routes:
                lines.append(f"  - {route.id}: {route.title} ({route.citation})")
                if route.text is not None:
                    lines.extend("  " + line for line in _text_block(route.text))
    if spec.wind_down is not None:
        fixed = dict(fixed_deadlines(spec))
        lines += ["", "wind-down windows:"]
        for w in spec.wind_down.windows:
            period = " ".join(part for part in (f"{w.months} months" if w.months else "",
                                                f"{w.days} days" if w.days else "") if part)
            last = f"; last permitted day {fixed[w.id].isoformat()}" if w.id in fixed else ""
            lines.append(f"  - {w.id}: {period} from {w.starts}{last}")
    if spec.questions:
        lines += ["", "questions:"]
        lines.extend(f"  - {q.fact}: {q.ask}" for q in spec.questions)
    if p.related:
        lines += ["", "related:", *(f"  - {r}" for r in p.related)]
    return lines
