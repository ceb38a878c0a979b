"""Case text as printed: invisible, control and undrawable characters shown as code points.

A case file is text from anyone.  A right-to-left override makes
``\\u202edevorppa-ton`` display as "not-approved", a zero-width space makes
``KP\\u200bTC`` look like "KPTC", and a BEL or an emoji with no bundled glyph
prints as an empty box.  Every string of the report's view model passes through
:func:`reveal_all` once (``build_view``), and every figure label through
:func:`reveal`, so each such character is printed as a visible marker such as
``⟨U+202E⟩``; the text is otherwise unchanged.  Tabs and line breaks become spaces.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import cache
from typing import Any, TypeVar, cast

from markupsafe import Markup

from compliance.resources import TEMPLATES

COVERAGE = TEMPLATES / "fonts" / "coverage.txt"
"""The characters some bundled font draws (written by ``scripts/subset_fonts.py``)."""
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Controls (C0, DEL, C1), format characters (bidi controls, zero-width characters,
the byte-order mark, soft hyphen), surrogates, private use, unassigned, and the
line and paragraph separators."""
INVISIBLE = frozenset({
    0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x3164,
    0xFFA0, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})
"""Default-ignorable characters outside those categories: the combining grapheme
joiner, Hangul fillers, Khmer inherent vowels, Mongolian and other variation
selectors.  Each prints as nothing and could make two names look the same."""
SPACES = {"\t": " ", "\n": " ", "\r": " "}

T = TypeVar("T")


@cache
def covered() -> frozenset[int]:
    """The code points some bundled font has a glyph for."""
    codes: set[int] = set()
    for line in COVERAGE.read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.removeprefix("U+").partition("-")
            codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(codes)


def marker(char: str) -> str:
    """The visible stand-in for a character: ``⟨U+202E⟩``."""
    return f"\u27e8U+{ord(char):04X}\u27e9"


def hidden(char: str) -> bool:
    """Whether ``char`` would print as nothing, as a box, or change other text's order."""
    code = ord(char)
    return (code not in covered() or code in INVISIBLE
            or unicodedata.category(char) in HIDDEN_CATEGORIES)


_SHOWN: dict[str, str] = dict(SPACES)
"""Each character met so far and what prints for it (itself, a space, or its marker)."""


def _shown(char: str) -> str:
    shown = _SHOWN[char] = marker(char) if hidden(char) else char
    return shown


def reveal(text: str) -> str:
    """``text`` with every hidden character replaced by its marker (see :func:`hidden`);
    ``text`` itself when there is none (so that :func:`reveal_all` copies nothing)."""
    if text.isascii() and text.isprintable():
        return text
    shown = "".join([_SHOWN.get(c) or _shown(c) for c in text])
    return text if shown == text else shown


def reveal_all(value: T) -> T:
    """``value`` with :func:`reveal` applied to every string in it (through tuples and
    frozen dataclasses); markup (``Markup``, such as the figures) is left as it is.

    Objects with nothing to reveal are returned as they are, not copied.
    """
    return cast(T, _reveal_any(value))


def _reveal_any(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return reveal(value)
    if isinstance(value, tuple):
        items = tuple(_reveal_any(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _reveal_any(old)
            if new is not old:
                changed[field.name] = new
        return dataclasses.replace(value, **changed) if changed else value
    return value
