"""``compliance schema rules|tests|case``: print or write the JSON Schema of an input file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from compliance.cli import app
from compliance.cli.common import echo, path_arg
from compliance.errors import OutputError
from compliance.output.files import write_output


class SchemaName(StrEnum):
    rules = "rules"
    tests = "tests"
    case = "case"


@app.command("schema")
def schema_command(
    name: SchemaName = typer.Argument(..., help="Which file format: rules, tests (rule tests)"
                                                " or case."),
    output: Path = typer.Option(None, "--output", "-o", parser=path_arg, metavar="PATH",
                                help="Write the schema to PATH instead of printing it."),
) -> None:
    """Print the JSON Schema of rule, rule-test or case files, for editor completion."""
    from compliance.reviewing.schema import schema_text

    text = schema_text(name.value)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:  # atomically, and never through a link or into a device
        write_output(output, text.encode(), force=True)
    except OutputError as exc:
        echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
