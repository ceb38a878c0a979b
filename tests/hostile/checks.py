"""What must hold for every hostile input, whatever its exact outcome."""

from __future__ import annotations

import re
from pathlib import Path

from tests.hostile.harness import Result

_TOOL_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_FORGERY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                      "\u2066-\u2069\u2028\u2029\ufeff]")
"""Characters that must never reach a terminal raw: controls (a tab is escaped too),
bidi controls and zero-width characters, the line and paragraph separators."""


def shown(result: Result) -> str:
    """A result as it reads in a failure message."""
    return (f"exit {result.exit}\nstderr:\n{result.stderr[:3000]}\n"
            f"stdout:\n{result.stdout[:3000]}")


def check_guarantees(result: Result, folder: Path | None = None, *, color: bool = False) -> None:
    """No crash, hang or escaped exception; no network; no file opened outside the allowed
    folders; nothing raw on the terminal that could forge what it shows (only the
    tool's own colour codes, when ``color``); no temporary file left in ``folder``."""
    assert result.error is None, result.error
    assert "Traceback" not in result.stderr + result.stdout, shown(result)
    assert result.exit in (0, 1, 2), f"exit {result.exit} is not 0, 1 or 2:\n{shown(result)}"
    assert not result.sockets, f"network attempted: {result.sockets}"
    assert not result.opened, f"opened outside the allowed folders: {result.opened}"
    stdout = _TOOL_COLOUR.sub("", result.stdout) if color else result.stdout
    for stream in (stdout, result.stderr):
        forged = _FORGERY.search(stream)
        assert forged is None, f"raw {forged.group()!r} reached the terminal:\n{shown(result)}"
    if folder is not None:
        left = [p.name for p in folder.rglob("*") if p.name.startswith(".compliance-")]
        assert not left, f"temporary files left behind: {left}"
