"""Figure label widths from the bundled fonts' advance widths, and labels fitted to a width.

The figures place their labels themselves (``render.svg``, ``render.timeline``), so
they must know how wide a label will print.  A guess per character (0.62 em) cut
"Korea Posts and Telecommuni..." short and let a Chinese name, a full em a
character, spill out of its box.  Here each character's advance comes from the
font that will draw it, in the stylesheet's order (DejaVu first); kerning and
Arabic joining only narrow text, so the widths are never too small.
"""

from __future__ import annotations

import json
import re
from functools import cache

from compliance.resources import TEMPLATES

FONTS = TEMPLATES / "fonts"
WIDTHS = FONTS / "widths.jsonl"
"""Each bundled font's advance widths, read from the font by ``scripts/subset_fonts.py``
(reading them with fontTools at every render took 50 ms; a test checks they match)."""
FAMILIES = ("DejaVuSans", "NotoSansArabic", "NotoSansHebrew", "NotoSansThai",
            "NotoSansDevanagari", "NotoSansCJKkr")
"""print.css's families.  The Noto fonts share only spaces, digits and punctuation,
which DejaVu has first, so they may be searched in any order: the 5 MB CJK font is
read last, only for text that needs it."""
UNKNOWN = 1.0
"""The width (em) of a character no bundled font draws (render.display replaces
such characters by their code points before any label is made)."""
ELLIPSIS = "\u2026"
_WORDS = re.compile(r"\S+\s*|\s+")


@cache
def _lines() -> dict[str, str]:
    """Each bundled font's line of ``widths.jsonl``, by file name (parsed when used)."""
    lines = WIDTHS.read_text(encoding="ascii").splitlines()
    return {line.split('"', 4)[3]: line for line in lines if line}


def font_file(family: str, bold: bool) -> str:
    """The file name of a family's regular or bold font."""
    if family == "DejaVuSans":
        return "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return f"{family}-{'Bold' if bold else 'Regular'}.ttf"


@cache
def advances(name: str) -> dict[int, float]:
    """Code point to advance width in em, for the bundled font file ``name``."""
    data = json.loads(_lines()[name])
    upem = data["units_per_em"]
    return {code: advance / upem for first, last, advance in data["runs"]
            for code in range(first, last + 1)}


def width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` prints at ``size`` px (bold or regular), in px."""
    total = 0.0
    for char in text:
        code = ord(char)
        for family in FAMILIES:
            advance = advances(font_file(family, bold)).get(code)
            if advance is not None:
                total += advance
                break
        else:
            total += UNKNOWN
    return total * size


def wrap(text: str, size: float, limit: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``limit`` px: at spaces, and between
    characters in a word wider than a line (a Chinese name has no spaces)."""
    lines: list[str] = []
    line = ""
    for word in _WORDS.findall(" ".join(text.split())):
        if width((line + word).rstrip(), size, bold) <= limit:
            line += word
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = ""
        for char in word:
            if line and width((line + char).rstrip(), size, bold) > limit:
                lines.append(line.rstrip())
                line = char.lstrip()
            else:
                line += char
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def fit(text: str, size: float, limit: float, lines: int, bold: bool = False,
        key: str = "") -> tuple[list[str], bool]:
    """``text`` in at most ``lines`` lines of ``limit`` px, and whether it was shortened.

    Text that needs more lines is cut at the end of the last one, which then ends
    with an ellipsis and ``key`` (such as ``" [1]"``, the figure's legend entry for
    the full text).
    """
    wrapped = wrap(text, size, limit, bold)
    if len(wrapped) <= lines:
        return wrapped, False
    kept = wrapped[:lines]
    last = kept[-1]
    while last and width(last.rstrip() + ELLIPSIS + key, size, bold) > limit:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS + key
    return kept, True
