"""Readable terminal output: one block per relationship, most serious finding first."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from collections.abc import Mapping

from rich.console import Console
from rich.text import Text

from compliance.assess import STATUSES, RelationshipResult
from compliance.models.case import Case
from compliance.models.common import country_name
from compliance.models.findings import Finding

STYLES = {
    "prohibited": "bold red",
    "wind_down": "bold yellow",
    "undetermined": "bold magenta",
    "exempt": "bold green",
    "not_applicable": "dim",
}
WIDTH = 88
INDENT = " " * 16


def case_header(console: Console, case: Case, as_of: dt.date, rules: int) -> None:
    """Print the case title line."""
    console.print(Text(f"{case.id}: {case.title}", style="bold"))
    console.print(f"assessed as of {as_of.isoformat()} against {rules} rule"
                  f"{'s' if rules != 1 else ''}")
    console.print()


def relationship_block(console: Console, result: RelationshipResult) -> None:
    """Print one relationship and its findings."""
    rel = result.relationship
    title = f"  {rel.title}" if rel.title else ""
    console.print(Text(f"{rel.id}{title}", style="bold"))
    if not result.findings:
        console.print(Text(f"  no provision reaches it ({result.not_applicable} rules not"
                           " applicable)", style="dim"))
    for finding in result.findings:
        _finding(console, finding)
    if result.findings and result.not_applicable:
        console.print(Text(f"  {result.not_applicable} other rules not applicable", style="dim"))
    console.print()


def brief_lines(console: Console, result: RelationshipResult) -> None:
    """One line per reported finding, without explanations (``--quiet``)."""
    for s in result.screened:
        line = Text(f"{result.relationship.id}  ")
        line.append(f"{s.status.upper():<14}", style=STYLES[s.status])
        line.append(s.pinpoint + (f"  last permitted day {s.deadline.isoformat()}"
                                  if s.deadline else ""))
        console.print(line)


def _finding(console: Console, f: Finding) -> None:
    label = Text(f"  {f.status.upper():<14}", style=STYLES[f.status])
    head = f.provision.pinpoint
    if f.deadline:
        head += f"  last permitted day {f.deadline.isoformat()}"
    if f.route:
        head += f"  via {f.route.title}"
    label.append(head)
    console.print(label)
    _para(console, f.reason)
    if f.obligated_states:
        _para(console, "obligation of: " + ", ".join(
            f"{country_name(c)} ({c})" for c in f.obligated_states))
    for remark in f.remarks:
        _para(console, remark)
    for caveat in f.caveats:
        _para(console, "caveat: " + caveat)
    for assumption in f.assumptions:
        _para(console, "assumes: " + assumption)
    current = "undetermined (" + " or ".join(f.possible_statuses) + ")"
    for q in f.questions:
        _para(console, "? " + q.ask)
        telling = [a for a in q.leads_to if a.status != current]
        if telling:
            _para(console, "  " + "; ".join(f"{a.answer} -> {a.status}" for a in telling))


def _para(console: Console, text: str) -> None:
    for line in textwrap.wrap(" ".join(text.split()), WIDTH - len(INDENT)) or [""]:
        console.print(INDENT + line, highlight=False, markup=False)


def summary(console: Console, counts: Mapping[str, int] | Counter[str], relationships: int,
            cases: int) -> None:
    """Print the closing counts line."""
    parts = [f"{counts.get(s, 0)} {s}" for s in STATUSES]
    console.print(f"{', '.join(parts)} ({relationships} relationship"
                  f"{'s' if relationships != 1 else ''}, {cases} case{'s' if cases != 1 else ''})",
                  highlight=False)
