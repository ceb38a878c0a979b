"""Readable terminal output: one block per relationship, most serious finding first.

Lines are written straight to the stream; colour, when wanted, is a cached
ANSI prefix per style, so printing 100,000 screening lines costs little.  Every
line is escaped for the terminal as it is written (see :class:`Out`).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import textwrap
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import IO

from rich.color import ColorSystem
from rich.style import Style

from compliance.countries import country_name
from compliance.engine.assess import STATUSES, RelationshipResult, Screened, headline
from compliance.models.case import Case
from compliance.models.findings import Finding, Interval, Window
from compliance.output.terminal import shown

STYLES = {
    "prohibited": "bold red",
    "wind_down": "bold yellow",
    "undetermined": "bold magenta",
    "exempt": "bold green",
    "not_applicable": "dim",
}
WIDTH = 88
INDENT = " " * 16


class Out:
    """A text stream with optional colour; styles are rendered once and cached.

    Every line is escaped for the terminal (:func:`~compliance.output.terminal.shown`)
    as it is written; colour is marked by :meth:`paint` with a token that holds a
    random nonce and put in after escaping, so text from a case can neither carry
    raw escape sequences nor forge the tool's colours.
    """

    def __init__(self, stream: IO[str], color: bool) -> None:
        self.stream = stream
        self.color = color
        self._styles: dict[str, int] = {}
        self._codes: list[str] = []
        nonce = secrets.token_hex(8)
        self._open = f"\ue000{nonce}:"
        self._token = re.compile(re.escape(self._open) + "([0-9]+)\ue001")

    def paint(self, text: str, style: str) -> str:
        """``text`` in ``style`` when colour is on, else unchanged."""
        if not self.color:
            return text
        index = self._styles.get(style)
        if index is None:
            marker = "\0"
            rendered = Style.parse(style).render(marker, color_system=ColorSystem.STANDARD)
            before, _, after = rendered.partition(marker)
            index = self._styles[style] = len(self._codes)
            self._codes += [before, after]
        return f"{self._open}{index}\ue001{text}{self._open}{index + 1}\ue001"

    def line(self, text: str = "") -> None:
        if self.color and self._open in text:
            parts = self._token.split(text)  # text, code index, text, code index, ...
            text = "".join(self._codes[int(part)] if i % 2 else shown(part)
                           for i, part in enumerate(parts))
        else:
            text = shown(text)
        self.stream.write(text + "\n")


def case_header(out: Out, case: Case, as_of: dt.date, window: Window, rules: int) -> None:
    """Print the case title line."""
    out.line(out.paint(f"{case.id}: {case.title}", "bold"))
    out.line(f"assessed as of {as_of.isoformat()} against {rules} rule"
             f"{'s' if rules != 1 else ''}; history from {window.since.isoformat()} to"
             f" {window.until.isoformat()}")
    out.line()


def relationship_block(out: Out, result: RelationshipResult) -> None:
    """Print one relationship and its findings."""
    rel = result.relationship
    title = f"  {rel.title}" if rel.title else ""
    out.line(out.paint(f"{rel.id}{title}", "bold"))
    if not result.findings:
        out.line(out.paint(f"  no provision reaches it ({result.not_applicable} rules not"
                           " applicable)", "dim"))
    for finding in result.findings:
        _finding(out, finding)
    for brief in result.screened:
        out.line(f"  {_brief(out, brief)}")
    if result.findings and result.not_applicable:
        out.line(out.paint(f"  {result.not_applicable} other rules not applicable", "dim"))
    out.line()


def brief_lines(out: Out, result: RelationshipResult) -> None:
    """One line per reported finding, without explanations (``--quiet``)."""
    rid = result.relationship.id
    for s in result.screened:
        out.line(f"{rid}  {_brief(out, s)}")


def _brief(out: Out, s: Screened) -> str:
    if s.headline != s.status and s.most_serious is not None:
        return _head(out, s.headline, s.pinpoint, None) + f"  {_past(s.most_serious, s.status)}"
    return _head(out, s.status, s.pinpoint, s.deadline)


def _head(out: Out, status: str, pinpoint: str, deadline: dt.date | None) -> str:
    tail = f"  last permitted day {deadline.isoformat()}" if deadline else ""
    # The column is as wide as the longest status plus a space, so it never runs on.
    return f"{out.paint(f'{status.upper():<15}', STYLES[status])}{pinpoint}{tail}"


def span_text(interval: Interval) -> str:
    """``2017-09-11..2018-01-09``, ``2018-03-01`` for one day, ``2018-01-10..`` when open.

    >>> span_text(Interval(from_=dt.date(2018, 3, 1), to=dt.date(2018, 3, 1),
    ...                    status="prohibited", reason=""))
    '2018-03-01'
    """
    first = interval.from_.isoformat()
    if interval.to is None:
        return f"{first}.."
    if interval.to == interval.from_:
        return first
    return f"{first}..{interval.to.isoformat()}"


def _past(interval: Interval, now: str) -> str:
    return f"{span_text(interval)}; {now} on the assessment date"


def _finding(out: Out, f: Finding) -> None:
    status = headline(f)
    if f.explains == "most_serious" and f.most_serious is not None:
        head = (_head(out, status, f.provision.pinpoint, None)
                + f"  {_past(f.most_serious, f.status)}")
    else:
        head = _head(out, f.status, f.provision.pinpoint, f.deadline)
    if f.route:
        head += f"  via {f.route.title}"
    out.line("  " + head)
    if len(f.history) > 1 or (f.history and f.history[0].status != f.status):
        for interval in f.history:
            tail = (f" (last permitted day {interval.deadline.isoformat()})"
                    if interval.deadline else "")
            out.line(f"{INDENT}{span_text(interval):<24}"
                     f"{out.paint(interval.status.upper(), STYLES[interval.status])}{tail}")
    _para(out, f.reason)
    if f.obligations:
        _para(out, "obligation of: " + "; ".join(
            f"{country_name(o.state)} ({o.state}), as the {' and '.join(o.bases)}"
            for o in f.obligations))
    for used in f.relies_on:
        others = "; ".join(f"{a.answer} -> {a.status}" for a in used.outcomes)
        reading = (f"{used.reading} ({used.chosen_by})" if used.reading
                   else "open (no reading chosen)")
        _para(out, f"rests on the reading of {used.id}: {reading}; {others}")
    for remark in f.remarks:
        _para(out, remark)
    for caveat in f.caveats:
        _para(out, "caveat: " + caveat)
    for assumption in f.assumptions:
        _para(out, "assumes: " + assumption)
    for q in f.interpretive_questions:
        _para(out, "? (interpretation) " + q.ask)
        _para(out, "  " + "; ".join(f"{a.answer} -> {a.status}" for a in q.leads_to))
    for q in f.questions:
        _para(out, "? " + q.ask)
        telling = f.telling(q)
        if telling:
            _para(out, "  " + "; ".join(f"{a.answer} -> {a.status}" for a in telling))


def _para(out: Out, text: str) -> None:
    for line in _wrapped(text):
        out.line(line)


@lru_cache(maxsize=4096)
def _wrapped(text: str) -> tuple[str, ...]:
    """``text`` wrapped and indented; questions and answers repeat across relationships."""
    lines = textwrap.wrap(" ".join(text.split()), WIDTH - len(INDENT)) or [""]
    return tuple(INDENT + line for line in lines)


def summary(out: Out, counts: Mapping[str, int] | Counter[str],
            in_window: Mapping[str, int] | Counter[str], relationships: int,
            cases: int) -> None:
    """Print the closing counts lines: on the assessment date, then over the history."""
    parts = [f"{counts.get(s, 0)} {s}" for s in STATUSES]
    out.line(f"{', '.join(parts)} on the assessment date ({relationships} relationship"
             f"{'s' if relationships != 1 else ''}, {cases} case{'s' if cases != 1 else ''})")
    worst = [f"{in_window.get(s, 0)} {s}" for s in STATUSES]
    out.line(f"most serious in the history: {', '.join(worst)}")
