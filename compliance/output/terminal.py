"""Text for a terminal: control, bidi and invisible characters shown as visible escapes.

Case, rule and official-text files are text from anyone.  Written raw to a
terminal, an escape sequence in a title prints a forged green "All clear" line or
retitles the window, a carriage return overwrites what came before, a
right-to-left override makes ``\\u202edevorppa-ton`` read "not-approved" and a
zero-width space makes ``KP\\u200bTC`` look like "KPTC".  Every line the tool
prints passes through :func:`shown` once, where it is written (the CLI's
:func:`echo`, the diagnostics, :class:`compliance.output.text.Out`): C0 and C1
controls and DEL become ``\\x1b``-style escapes, and format characters (bidi
controls, zero-width characters), line and paragraph separators, surrogates,
private-use, unassigned and other invisible code points become ``<U+202E>``.
Everything else prints as it is.  Colour the tool adds is put in after escaping,
so input can never forge it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""Controls, format characters (bidi controls, zero-width characters, the byte-order
mark, the soft hyphen), surrogates, private use, unassigned, and the line and
paragraph separators."""
INVISIBLE = frozenset({
    0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180E, 0x180F,
    0x3164, 0xFFA0, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})
"""Default-ignorable characters outside those categories (the combining grapheme
joiner, Hangul fillers, Khmer inherent vowels, variation selectors): each prints as
nothing and could make two names look the same."""


def shown(text: str) -> str:
    """``text`` safe to write to a terminal as one line.

    >>> shown("All clear")
    'All clear'
    >>> shown("\\x1b[32mAll clear\\x1b[0m\\r\\n")
    '\\\\x1b[32mAll clear\\\\x1b[0m\\\\x0d\\\\x0a'
    >>> shown("\\u202edevorppa-ton KP\\u200bTC")
    '<U+202E>devorppa-ton KP<U+200B>TC'
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(_char(c) for c in text)


@lru_cache(maxsize=4096)
def _char(char: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    if code in INVISIBLE or unicodedata.category(char) in HIDDEN_CATEGORIES:
        return f"<U+{code:04X}>"
    return char
