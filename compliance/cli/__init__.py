"""Command-line interface: a thin Typer layer over the library.

Each command lives in its own module and registers itself on ``app``; this
module only assembles them and maps errors to exit codes (0 ok, 1 findings at
the ``--fail-on`` threshold, 2 invalid input or usage).
"""

from __future__ import annotations

import typer

from compliance import __version__

app = typer.Typer(
    name="compliance",
    help="Assess telecom relationships against encoded UN Security Council DPRK provisions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"compliance {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Assess telecom relationships against encoded UN Security Council DPRK provisions."""


def _register() -> None:
    # Imported for their side effect of adding commands to ``app``.
    from compliance.cli import (
        check,  # noqa: F401
        extras,  # noqa: F401
    )


_register()


def main() -> None:
    """Console-script entry point."""
    app()
