"""``compliance rules validate|list|show|diff|verify-quotes``: reviewing rule files."""

from __future__ import annotations

import json
import sys
import tempfile
from enum import StrEnum
from pathlib import Path

import typer

from compliance.cli.common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    RULES_HELP,
    default_rules_dir,
    echo,
    path_arg,
    reported_errors,
)
from compliance.cli.rules import rules_app
from compliance.errors import summary_line
from compliance.inputs.cases import load_case
from compliance.inputs.rulefiles import load_rule_specs
from compliance.output.terminal import shown
from compliance.pipeline import load_rulebook


class Format(StrEnum):
    text = "text"
    json = "json"


def _rules(paths: list[Path] | None) -> list[Path]:
    return paths or [default_rules_dir()]


@rules_app.command("validate")
def validate_command(
    paths: list[Path] = typer.Argument(None, parser=path_arg, help="Rule files or directories."
                                       " [default: the installed catalogue]",
                                       show_default=False),
    tests: Path = typer.Option(None, "--tests", parser=path_arg, metavar="DIR",
                               help="Directory of YAML rule tests. [default: tests/ beside"
                                    " the rules folder]"),
    draft: bool = typer.Option(False, "--draft",
                               help="Validate rules that have no rule tests yet (the tests of"
                                    " rules that have them are still checked)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """Report every problem in every rule file at once.

    Checks YAML, the rule schema, conditions, unique ids, rule tests for every
    rule and rule tests that name no rule; the same checks as loading the rules for
    check or report, plus those across files. Exit 0 when all is valid, 2 otherwise.
    """
    with reported_errors(debug):
        from compliance.reviewing.validate import validate_rules

        report = validate_rules(_rules(paths), tests, require_tests=not draft)
    for diagnostic in report.diagnostics:
        echo(diagnostic.format())
    if report.ok:
        n = len(report.files)
        note = " (draft: rules without rule tests are allowed)" if draft else ""
        echo(f"{n} rule file{'s' if n != 1 else ''} valid{note}.")
        raise typer.Exit(EXIT_OK)
    echo(summary_line(report.diagnostics))
    raise typer.Exit(EXIT_INVALID)


@rules_app.command("list")
def list_command(
    rules: list[Path] = typer.Option(None, "--rules", "-r",
                                     parser=path_arg, help=RULES_HELP),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """List every rule: provision, dates, deadlines and verification status."""
    from compliance.reviewing import catalogue

    with reported_errors(debug):
        specs = load_rule_specs(_rules(rules))
    rows = catalogue.catalogue([spec for spec, _ in specs])
    cells = [row.cells() for row in rows]
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(highlight=False)
        for i, column in enumerate(catalogue.COLUMNS):
            table.add_column(column, no_wrap=i in (0, 3), overflow="fold")
        from rich.text import Text

        for row in cells:  # Text: rule files are input, never rich markup to interpret
            table.add_row(*(Text(shown(cell)) for cell in row))
        Console().print(table)
    else:
        for line in catalogue.aligned(catalogue.COLUMNS, cells):
            echo(line)


@rules_app.command("show")
def show_command(
    rule_id: str = typer.Argument(..., metavar="ID", help="The rule id, e.g. unscr-2375-op18."),
    rules: list[Path] = typer.Option(None, "--rules", "-r",
                                     parser=path_arg, help=RULES_HELP),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """Show one rule in full, with its provision texts marked quote or summary."""
    from compliance.reviewing import catalogue

    with reported_errors(debug):
        spec, doc = catalogue.find_spec(load_rule_specs(_rules(rules)), rule_id)
    for line in catalogue.describe(spec, doc.path):
        echo(line)


@rules_app.command("diff")
def diff_command(
    base: str = typer.Option(..., "--base", metavar="REV|DIR",
                             help="The rules to compare with: a directory or a git revision."),
    cases: Path = typer.Option(Path("cases"), "--cases", parser=path_arg, metavar="DIR",
                               help="Directory of saved cases."),
    rules: Path = typer.Option(None, "--rules", "-r", parser=path_arg, metavar="DIR",
                               help="The working rules directory."
                                    " [default: the installed catalogue]"),
    output: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """Show the findings on saved cases that change between two rule sets.

    Each case is assessed at its own as_of. Exit 1 when a finding changes, 0 when
    none does, 2 for invalid input.
    """
    from compliance.reviewing import diff

    with reported_errors(debug), tempfile.TemporaryDirectory(prefix="rules-base-") as tmp:
        work_dir = rules or default_rules_dir()
        base_dir = Path(base)
        if not base_dir.is_dir():
            base_dir = diff.export_rules(base, work_dir, Path(tmp))
        loaded = [load_case(path) for path in diff.case_files(cases)]
        changes = diff.diff_cases(loaded, load_rulebook([base_dir]), load_rulebook([work_dir]))
    if output is Format.json:
        typer.echo(json.dumps({"base": base, "cases": len(loaded),
                               "changes": [c.as_dict() for c in changes]}, indent=2))
    else:
        for line in diff.render_text(changes, len(loaded)):
            echo(line)
    raise typer.Exit(EXIT_FINDINGS if changes else EXIT_OK)


@rules_app.command("verify-quotes")
def verify_quotes_command(
    official: Path = typer.Option(..., "--official", parser=path_arg, metavar="DIR",
                                  help="Directory of official texts saved from"
                                       " https://undocs.org/S/RES/<number>(<year>), one file"
                                       " per resolution and language, named after the"
                                       " symbol: S_RES_2375(2017).txt, S_RES_2375(2017).pdf,"
                                       " S_RES_2375(2017).fr.txt."),
    rules: list[Path] = typer.Option(None, "--rules", "-r",
                                     parser=path_arg, help=RULES_HELP),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """Check that every quoted provision text appears verbatim in the official text.

    Official texts come from the UN's Official Document System: open
    https://undocs.org/S/RES/2375(2017) (it leads to documents.un.org), choose the
    language, and save the PDF, or copy the text into a UTF-8 .txt file. Name each
    file after the document symbol with / replaced by _ and spaces removed, adding
    .fr, .es, .ru, .zh or .ar for a language other than English:
    S_RES_2375(2017).pdf, S_RES_2375(2017).fr.txt. Nothing is downloaded.

    Exit 1 when a quote is not verbatim, 0 otherwise (missing official texts and
    summary-only rules are listed), 2 for invalid input.
    """
    from compliance.reviewing import quotes

    with reported_errors(debug):
        report = quotes.verify_quotes(load_rule_specs(_rules(rules)), official)
    for line in quotes.render_report(report):
        echo(line)
    raise typer.Exit(EXIT_FINDINGS if report.mismatches else EXIT_OK)
