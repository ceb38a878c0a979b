"""Shared CLI plumbing: error reporting, date options, default paths."""

from __future__ import annotations

import datetime as dt
import re
import sys
import traceback
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
from compliance.output.terminal import shown
from compliance.resources import CATALOGUE_RULES
from compliance.version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3
"""Exit statuses: 1 only ever means a finding reached --fail-on; 3 is a bug in the tool."""
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141
ISSUE_TRACKER = "the project's issue tracker (see README.md, 'Reporting a problem')"
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


def echo(line: str = "", *, err: bool = False) -> None:
    """Print one line of the tool's output, escaped for a terminal (input text such as
    titles, ids and quotes reaches every output; see :mod:`compliance.output.terminal`)."""
    typer.echo(shown(line), err=err)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived.  Raised from the signal handler (see ``cli.main``), so
    the command unwinds and every ``finally`` runs: no temporary file is left."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def internal_error(exc: BaseException) -> str:
    """The one line printed for a bug: what happened, where, and where to report it."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" at {Path(last.filename).name}:{last.lineno} ({last.name})"
    what = " ".join(str(exc).split())[:200]
    return (f"internal error: {type(exc).__name__}{': ' if what else ''}{what}{where}."
            f" This is a bug in compliance {__version__}, not a finding: please report it"
            f" at {ISSUE_TRACKER} with the command that failed (--debug shows the"
            " traceback).")


@contextmanager
def reported_errors(debug: bool = False) -> Iterator[None]:
    """Print user errors without a traceback and exit 2; a bug exits 3 with one line
    saying so (never 1, which means a finding); ``--debug`` re-raises."""
    try:
        yield
    except InvalidInputError as exc:
        if debug:
            raise
        for diagnostic in exc.diagnostics:
            echo(diagnostic.format(), err=True)
        echo(summary_line(exc.diagnostics), err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except (UsageError, NoAssessmentDateError, OutputError) as exc:
        if debug:
            raise
        echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except BrokenPipeError:  # the reader went away (``| head``): as if killed by SIGPIPE
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except KeyboardInterrupt:
        echo("interrupted", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Terminated as exc:
        echo("terminated", err=True)
        raise typer.Exit(128 + exc.signum) from None
    except Exception as exc:  # everything else is a bug (including MemoryError)
        if debug:
            raise
        echo(internal_error(exc), err=True)
        raise typer.Exit(EXIT_INTERNAL) from None


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
