"""``compliance report``: write a cited PDF (or HTML) assessment of one case."""

from __future__ import annotations

import gc
from enum import StrEnum
from pathlib import Path

import typer

from compliance.cli import app
from compliance.cli.common import (
    INTERPRETATION_HELP,
    RULES_HELP,
    Process,
    echo,
    parse_date,
    parse_interpretations,
    path_arg,
    reported_errors,
)
from compliance.engine.assess import default_window, resolve_as_of
from compliance.errors import UsageError
from compliance.inputs.cases import load_case
from compliance.output.files import check_target, write_output
from compliance.pipeline import load_rulebook, report


class ReportFormat(StrEnum):
    pdf = "pdf"
    html = "html"


@app.command("report")
def report_command(
    case: Path = typer.Argument(..., parser=path_arg, help="Case file (.yaml, .yml or .json).",
                                show_default=False),
    as_of: str = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                              help="Assessment date. [default: the case's as_of]"),
    since: str = typer.Option(None, "--since", metavar="YYYY-MM-DD",
                              help="First day of the histories. [default: the earliest day a"
                                   " rule binds]"),
    until: str = typer.Option(None, "--until", metavar="YYYY-MM-DD",
                              help="Last day of the histories. [default: the assessment date]"),
    output: Path = typer.Option(None, "--output", "-o",
                                parser=path_arg,
                                help="Where to write. [default: reports/<case-id>-<as-of>.pdf]"),
    fmt: ReportFormat = typer.Option(ReportFormat.pdf, "--format", "-f", help="Output format."),
    rules: list[Path] = typer.Option(None, "--rules", "-r", parser=path_arg, help=RULES_HELP),
    interpretation: list[str] = typer.Option(None, "--interpretation", metavar="ID=READING",
                                             help=INTERPRETATION_HELP),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """Write a cited assessment of CASE: findings with quoted provisions and footnotes.

    The PDF is tagged PDF/A-3a with the case file and the findings (JSON) attached.  The
    same inputs always give a byte-identical file.
    """
    with reported_errors(debug):
        day = parse_date(as_of)
        first, last = parse_date(since, "--since"), parse_date(until, "--until")
        chosen = parse_interpretations(interpretation)
        loaded = load_case(case)
        when = resolve_as_of(loaded.case, day)
        path = output or Path("reports") / f"{loaded.case.id}-{when.isoformat()}.{fmt.value}"
        check_target(path, force)  # fail before the work; the write checks again
        rulebook = load_rulebook(rules or None)
        try:
            default_window(rulebook, when, first, last)
        except ValueError as exc:
            raise UsageError(f"--since/--until: {exc}") from None
        if Process.one_shot:
            # The process ends after the write: a collection would only walk the
            # laid-out document (0.05 s), so the cyclic GC stays off from here.
            gc.disable()
        made = report(loaded, rulebook, when, since=first, until=last,
                      for_print=fmt is ReportFormat.pdf, interpretations=chosen)
        if fmt is ReportFormat.html:
            data = made.html.encode()
        else:
            from compliance.render.report import report_pdf

            data = report_pdf(made)
        write_output(path, data, force=force)
    echo(str(path))
