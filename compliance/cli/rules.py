"""``compliance rules ...``: the reviewer's commands for rule files.

Subcommands live in their own modules and register on ``rules_app``.
"""

from __future__ import annotations

import importlib

import typer

from compliance.cli import app

rules_app = typer.Typer(help="Validate, test, list and compare rule files.",
                        no_args_is_help=True)
app.add_typer(rules_app, name="rules")

for _name in ("rules_test", "rules_tools"):
    try:
        importlib.import_module(f"compliance.cli.{_name}")
    except ModuleNotFoundError as exc:  # pragma: no cover - during development only
        if exc.name != f"compliance.cli.{_name}":
            raise
