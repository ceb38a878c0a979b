"""Shared CLI plumbing: error reporting, date options, default paths."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from compliance.errors import (
    InvalidInputError,
    NoAssessmentDateError,
    OutputError,
    UsageError,
    summary_line,
)
from compliance.resources import CATALOGUE_RULES

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
RULES_HELP = "Rule directory or file (repeatable). [default: the installed catalogue]"


class Process:
    """What commands may assume about the process they run in."""

    one_shot = False
    """Set by the console entry point, which ends the process when the command
    returns (``compliance.cli.main``); false when ``app`` is driven in-process."""


def default_rules_dir() -> Path:
    """The installed catalogue; ``--rules DIR`` chooses another, never the current folder."""
    return CATALOGUE_RULES


def path_arg(value: str | Path) -> Path:
    """A path given on the command line; an empty one is a usage error.

    ``Path("")`` is the current folder: ``-r ''`` from a script with an unset
    variable would otherwise read every YAML file below wherever it runs.
    """
    if isinstance(value, Path):  # a default
        return value
    if not value:
        raise typer.BadParameter("the path is empty; expected a file or folder name")
    return Path(value)


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    """Parse an ISO date option, raising a usage error with an example otherwise."""
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise UsageError(f"{option} must be a date as YYYY-MM-DD, e.g. 2017-10-02; got '{value}'")


INTERPRETATION_HELP = ("Choose a reading of a named interpretation, e.g."
                       " jv-pending-request=approval-only (repeatable; overrides the case).")


def parse_interpretations(values: list[str] | None) -> dict[str, str]:
    """``ID=READING`` options as a mapping; a usage error with an example otherwise."""
    out: dict[str, str] = {}
    for value in values or ():
        ident, sep, reading = value.partition("=")
        if not sep or not ident.strip() or not reading.strip():
            raise UsageError(f"--interpretation takes ID=READING, e.g."
                             f" jv-pending-request=approval-only; got '{value}'")
        out[ident.strip()] = reading.strip()
    return out


@contextmanager
def reported_errors(debug: bool = False) -> Iterator[None]:
    """Print user errors without a traceback and exit 2; ``--debug`` re-raises."""
    try:
        yield
    except InvalidInputError as exc:
        if debug:
            raise
        for diagnostic in exc.diagnostics:
            typer.echo(diagnostic.format(), err=True)
        typer.echo(summary_line(exc.diagnostics), err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except (UsageError, NoAssessmentDateError, OutputError) as exc:
        if debug:
            raise
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
