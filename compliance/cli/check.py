"""``compliance check``: assess case files and exit by the most serious finding."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from compliance.cli import app
from compliance.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    INTERPRETATION_HELP,
    RULES_HELP,
    parse_date,
    parse_interpretations,
    reported_errors,
    stderr_is_terminal,
)
from compliance.engine.assess import STATUSES, assess_relationships, default_window, resolve_as_of
from compliance.engine.compile import Rulebook
from compliance.engine.scope import scope_statement
from compliance.errors import UsageError
from compliance.inputs.cases import load_case
from compliance.models.findings import Window
from compliance.output.jsonout import JsonWriter
from compliance.pipeline import load_rulebook, readings

if TYPE_CHECKING:
    from rich.progress import Progress

PROGRESS_AFTER = 1000
"""Relationships before a progress indicator appears (on a terminal only)."""


class Format(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    prohibited = "prohibited"
    wind_down = "wind_down"
    undetermined = "undetermined"
    never = "never"


class Explain(StrEnum):
    all = "all"
    prohibited = "prohibited"
    wind_down = "wind_down"
    undetermined = "undetermined"
    none = "none"


THRESHOLDS = {
    "prohibited": {"prohibited"},
    "wind_down": {"prohibited", "wind_down"},
    "undetermined": {"prohibited", "wind_down", "undetermined"},
    "never": set(),
}


@app.command()
def check(
    cases: list[Path] = typer.Argument(..., help="Case files (.yaml, .yml or .json).",
                                       show_default=False),
    rules: list[Path] = typer.Option(None, "--rules", "-r",
                                     help=RULES_HELP),
    interpretation: list[str] = typer.Option(None, "--interpretation", metavar="ID=READING",
                                             help=INTERPRETATION_HELP),
    as_of: str = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                              help="Assessment date: the position reported on that day."
                                   " [default: the case's as_of]"),
    since: str = typer.Option(None, "--since", metavar="YYYY-MM-DD",
                              help="First day of the history. [default: the earliest day a"
                                   " rule binds]"),
    until: str = typer.Option(None, "--until", metavar="YYYY-MM-DD",
                              help="Last day of the history. [default: the assessment date]"),
    output: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    fail_on: FailOn = typer.Option(FailOn.prohibited, "--fail-on",
                                   help="Exit 1 when a finding is this serious or worse on any"
                                        " day of the history (a past violation fails too)."),
    show_all: bool = typer.Option(False, "--all",
                                  help="Also report not-applicable findings."),
    explain: Explain = typer.Option(None, "--explain", show_default=False,
                                    help="Explain (reasons, questions, traces) only findings"
                                         " this serious or worse; others get a status line."
                                         " [default: all]"),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Statuses only: the same as --explain none"
                                    " (fast screening of large inputs)."),
    color: bool = typer.Option(None, "--color/--no-color",
                               help="Force colour on or off. [default: on for a terminal]"),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """Assess every relationship of each case against the rules.

    Each finding gives the position on the assessment date and its status history
    from --since to --until, one line per change.

    Exit status: 0 when no finding reaches --fail-on on any day of the history, 1
    when one does, 2 for invalid input or usage.
    """
    from compliance.output import text as text_out  # rich's styles: only for this command

    with reported_errors(debug):
        day = parse_date(as_of)
        first, last = parse_date(since, "--since"), parse_date(until, "--until")
        explained = _explained(explain, quiet)
        chosen = parse_interpretations(interpretation)
        rulebook = load_rulebook(rules or None)
        loaded = [load_case(path, stream=True) for path in cases]
        out = text_out.Out(sys.stdout, _use_color(color))
        writer = JsonWriter(sys.stdout) if output is Format.json else None
        totals: Counter[str] = Counter()
        worst: Counter[str] = Counter()
        relationships = 0
        with _progress() as progress:
            task = progress.add_task("assessing", total=None) if progress else None
            for case in loaded:
                when = resolve_as_of(case.case, day)
                window = _window(rulebook, when, first, last)
                in_force = readings(case, rulebook, chosen)
                counts: Counter[str] = Counter()
                in_window: Counter[str] = Counter()
                if writer:
                    writer.begin_case(case.case.id, when, window, case.sha256, rulebook)
                else:
                    text_out.case_header(out, case.case, when, window, len(rulebook.rules))
                for result in assess_relationships(case.case, case.relationships(), rulebook,
                                                   when, counts, window=window,
                                                   counts_in_window=in_window,
                                                   include_not_applicable=show_all,
                                                   explain=explained, readings=in_force):
                    relationships += 1
                    if progress is not None and task is not None:
                        progress.update(task, advance=1)
                    if writer:
                        for finding in result.findings:
                            writer.finding(finding)
                        for brief in result.screened:
                            writer.brief(result.relationship.id, brief)
                    elif result.findings or (explained and not result.screened):
                        # A block per relationship, also when no rule reaches it;
                        # status lines alone when nothing here is to be explained.
                        text_out.relationship_block(out, result)
                    else:
                        text_out.brief_lines(out, result)
                if writer:
                    writer.end_case({s: counts.get(s, 0) for s in STATUSES},
                                    {s: in_window.get(s, 0) for s in STATUSES},
                                    scope_statement(case.case, rulebook, in_force))
                totals.update(counts)
                worst.update(in_window)
        if writer:
            writer.close()
        else:
            text_out.summary(out, totals, worst, relationships, len(loaded))
    failing = THRESHOLDS[fail_on.value]
    raise typer.Exit(EXIT_FINDINGS if any(worst[s] for s in failing) else EXIT_OK)


def _window(rulebook: Rulebook, as_of: dt.date, since: dt.date | None,
            until: dt.date | None) -> Window:
    try:
        return default_window(rulebook, as_of, since, until)
    except ValueError as exc:
        raise UsageError(f"--since/--until: {exc}") from None


def _explained(explain: Explain | None, quiet: bool) -> frozenset[str]:
    """The statuses to explain, from ``--explain`` and ``--quiet``."""
    if quiet and explain not in (None, Explain.none):
        raise UsageError(f"--quiet means --explain none; it cannot be combined with"
                         f" --explain {explain.value if explain else ''}")
    if quiet or explain is Explain.none:
        return frozenset()
    if explain is None or explain is Explain.all:
        return frozenset(STATUSES)
    return frozenset(THRESHOLDS[explain.value])


def _use_color(color: bool | None) -> bool:
    """``--color/--no-color`` if given, else rich's view of stdout (terminal, NO_COLOR...)."""
    if color is not None:
        return color
    from rich.console import Console  # rich only when a command needs it

    return Console(file=sys.stdout).color_system is not None


class _NoProgress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress() -> Progress | _NoProgress:
    if not stderr_is_terminal():
        return _NoProgress()
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    return Progress(SpinnerColumn(), TextColumn("{task.completed} relationships assessed"),
                    console=Console(file=sys.stderr), transient=True,
                    disable=False, refresh_per_second=4)
