"""Command-line interface: a thin Typer layer over the library.

Each command lives in its own module and registers itself on ``app``; this
module only assembles them and maps errors to exit codes (0 ok, 1 findings at
the ``--fail-on`` threshold, 2 invalid input or usage, 3 a bug in the tool;
130, 129 and 143 when interrupted, hung up or terminated, 141 when the reader of
the output went away).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import traceback

import typer

from compliance.version import __version__

app = typer.Typer(
    name="compliance",
    help="Assess telecom relationships against encoded UN Security Council DPRK provisions."
         "\n\nExit status: 0 ok, 1 a finding reached --fail-on, 2 invalid input or usage, 3 an"
         " internal error (a bug in the tool, never a finding).  Case, rule and official-text"
         " files are treated as untrusted input: see docs/security.md.",
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
    """Console-script entry point: run the command, flush its output, end the process.

    The process ends with ``os._exit`` instead of the interpreter's teardown,
    which frees every object one by one (a laid-out PDF document, cffi handles,
    every module): 0.3 s of a 2.7 s report.  So nothing may be left to clean up
    by then: files are written atomically and closed before a command returns;
    temporary files go in a folder of this process's own, removed here (WeasyPrint
    leaves a ``weasyprint-*`` folder of fonts that only its finaliser deletes);
    SIGTERM and SIGHUP raise :class:`~compliance.cli.common.Terminated` so that
    every ``finally`` runs, as Ctrl-C does.  A bug exits 3 with one line (the
    traceback with ``--debug``), never 1, which means a finding.  Tests drive
    ``app`` directly and never reach this.
    """
    from compliance.cli.common import EXIT_INTERNAL, Process, Terminated, internal_error

    Process.one_shot = True
    scratch = _private_tempdir()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _terminate)
    try:
        app()
        code = 0
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            code = stop.code or 0
        else:
            sys.stderr.write(f"{stop.code}\n")
            code = EXIT_INTERNAL
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            # click met a closed pipe outside a command's error handling and exits 1,
            # which reads as a finding: exit as if killed by SIGPIPE instead.
            code = 128 + signal.SIGPIPE
    except Terminated as stop:
        code = 128 + stop.signum
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # a reader such as ``head`` stopped early: as if by SIGPIPE
        code = 128 + signal.SIGPIPE
    except BaseException as exc:  # a bug outside any command's error handling
        if "--debug" in sys.argv:
            traceback.print_exc()
        else:
            sys.stderr.write(internal_error(exc) + "\n")
        code = EXIT_INTERNAL
    finally:
        for signum in (signal.SIGTERM, signal.SIGHUP):  # the clean-up is not interrupted
            signal.signal(signum, signal.SIG_IGN)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = code or 128 + signal.SIGPIPE
    os._exit(code)


def _private_tempdir() -> str | None:
    """Make a temporary folder for this process and make it the default for ``tempfile``."""
    try:
        folder = tempfile.mkdtemp(prefix="compliance-")
    except OSError:  # no usable temporary folder: libraries fail later, with a message
        return None
    tempfile.tempdir = folder
    return folder


def _terminate(signum: int, _frame: object) -> None:
    from compliance.cli.common import Terminated

    raise Terminated(signum)
