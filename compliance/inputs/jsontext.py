"""Strict JSON: the standard's grammar only, and the position of whatever is refused.

Python's ``json`` module accepts ``NaN``, ``Infinity`` and ``-Infinity``, which
the JSON standard does not have (a share of ``NaN`` would slip past any range
check), and fails with a ``ValueError`` on integers of more than 4,300 digits.
:func:`loads` refuses the first and reads the second as a float (infinite, so
validation refuses it as it does the same number in YAML).  Parsed data is
walked, without recursion, for refused characters
(:func:`compliance.inputs.reading.bad_character`), which escapes such as
``\\u0000`` and ``\\u001b`` let in, only when the text holds an escape or a
raw C1 control.  Positions are found by scanning the text again, only when
something was refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from compliance.inputs.reading import bad_character, position

_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|-?Infinity|NaN')
_LONGEST_INT = 4000
"""Digits of the longest integer converted exactly (Python refuses past 4,300)."""


class NonStandardConstantError(ValueError):
    """The text uses ``NaN``, ``Infinity`` or ``-Infinity``."""


def _refuse_constant(name: str) -> Any:
    raise NonStandardConstantError(name)


def _integer(text: str) -> int | float:
    return int(text) if len(text) <= _LONGEST_INT else float(text)


def loads(text: str, pairs: Callable[[list[tuple[str, Any]]], Any]) -> Any:
    """Parse standard JSON; raises :class:`NonStandardConstantError` or ``json``'s errors."""
    return json.loads(text, object_pairs_hook=pairs, parse_constant=_refuse_constant,
                      parse_int=_integer)


_MAYBE_BAD = re.compile(r"\\u|[\x7f-\x9f]")
"""An escape or a raw DEL or C1 control: raw C0 controls are not valid JSON, so a
refused character can come from nothing else."""


def may_hold_bad_characters(text: str) -> bool:
    """Whether ``text`` could hold a refused character (checked at C speed)."""
    return _MAYBE_BAD.search(text) is not None


def bad_string(data: Any) -> tuple[str, str] | None:
    """(code, what is wrong) for the first string, key or value, of parsed ``data``
    holding a refused character (walked without recursion)."""
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            problem = bad_character(value)
            if problem is not None:
                return problem
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return None


def constant_position(text: str) -> tuple[int, int]:
    """Where the first ``NaN``, ``Infinity`` or ``-Infinity`` outside a string is."""
    for match in _TOKEN.finditer(text):
        if match.group()[0] in "-IN":
            return position(text, match.start())
    return 1, 1


def depth_position(text: str, max_depth: int) -> tuple[int, int]:
    """Where nesting first goes past ``max_depth`` (brackets inside strings do not count)."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                return position(text, match.start())
        elif token in "]}":
            depth -= 1
    return 1, 1


def string_position(text: str) -> tuple[int, int]:
    """Where the first string holding a refused character starts."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            try:
                value = json.loads(token)
            except ValueError:
                continue
            if bad_character(value) is not None:
                return position(text, match.start())
    return 1, 1
