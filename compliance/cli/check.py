"""``compliance check``: assess case files and exit by the most serious finding."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from compliance.cli import app
from compliance.cli.common import (
    INTERPRETATION_HELP,
    RULES_HELP,
    parse_date,
    parse_interpretations,
    path_arg,
    reported_errors,
    stderr_is_terminal,
)
from compliance.engine.assess import STATUSES
from compliance.errors import UsageError

if TYPE_CHECKING:
    from rich.progress import Progress

PROGRESS_AFTER = 1000
"""Relationships before a progress indicator appears (on a terminal only)."""


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    junit = "junit"


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
    cases: list[Path] = typer.Argument(..., parser=path_arg,
                                       help="Case files (.yaml, .yml or .json), or"
                                       " directories searched for case files.",
                                       show_default=False),
    rules: list[Path] = typer.Option(None, "--rules", "-r",
                                     parser=path_arg, help=RULES_HELP),
    as_of: str = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                              help="Assessment date: the position reported on that day."
                                   " [default: the case's as_of]"),
    since: str = typer.Option(None, "--since", metavar="YYYY-MM-DD",
                              help="First day of the history. [default: the earliest day a"
                                   " rule binds]"),
    until: str = typer.Option(None, "--until", metavar="YYYY-MM-DD",
                              help="Last day of the history. [default: the assessment date]"),
    output: Format = typer.Option(Format.text, "--format", "-f",
                                  help="Output format: text, json, jsonl (one record per"
                                       " line), sarif (code scanning) or junit (test"
                                       " reports); see docs/ci.md."),
    interpretation: list[str] = typer.Option(None, "--interpretation", metavar="ID=READING",
                                             help=INTERPRETATION_HELP),
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
    from --since to --until, one line per change. A directory is searched for case
    files (YAML or JSON with parties or relationships at the top level).

    Exit status: 0 when no finding reaches --fail-on on any day of the history, 1
    when one does, 2 for invalid input or usage, 3 for an internal error (a bug in
    the tool, never a finding; --debug shows the traceback). Problems in the input
    are printed on standard error and, in json, jsonl, sarif and junit, recorded in
    the output, which stays valid.
    """
    from compliance.cli.check_run import Run
    from compliance.output.protocol import Options
    from compliance.output.writers import writer_for

    with reported_errors(debug):
        day = parse_date(as_of)
        first, last = parse_date(since, "--since"), parse_date(until, "--until")
        if first is not None and last is not None and first > last:
            raise UsageError(f"--since/--until: the window starts ({first.isoformat()}) after"
                             f" it ends ({last.isoformat()})")
        explained = _explained(explain, quiet)
        chosen = parse_interpretations(interpretation)
        failing = frozenset(THRESHOLDS[fail_on.value])
        options = Options(failing, explained,
                          _use_color(color) if output is Format.text else False)
        writer = writer_for(output.value, sys.stdout, options)
        run = Run(writer, options, day, first, last, show_all, chosen)
        with _progress() as progress:
            status = run.all(rules or None, cases, progress)
    raise typer.Exit(status)


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
