"""Repairs to WeasyPrint's internals that change its speed, not what it draws.

:func:`compliance.render.speedups.install` installs each only on the library
versions listed in :data:`compliance.render.speedups.TESTED` (WeasyPrint 70's
layout context, tinyhtml5 2.1's pattern table, pydyf 0.13's streams), and the
tests check that the PDF is the same with and without it.  Each installer takes
``enabled=False`` to put the stock code back, imports every private name it
needs before it changes anything, and does nothing when already installed.  The
repair to text layout is in :mod:`compliance.render.speedups.textpatches`.

- :func:`stack_footnotes`: WeasyPrint lays out *every* note of the page again
  each time a note is added, removed or moved (quadratic in the notes on a
  page; a fifth of the flagship's layout).  Notes that are plain blocks with no
  vertical margins stack, so the area's height is the sum of each note's height,
  and each note needs laying out once.
- :func:`cache_tokenizer_patterns`: tinyhtml5 rebuilds a regular expression
  for every text run and attribute name, because its cache is keyed wrongly.
- :func:`compute_plain_styles_directly`: a property that no rule sets is
  inherited or takes its initial value, but WeasyPrint's ``ComputedStyle``
  still goes through var(), math, logical-property and special-case handling
  to find that out (a tenth of the layout).  A shortcut answers those cases
  and hands every other one to the original.
- :func:`compress_streams_once`: pydyf deflates every stream at level 9, and
  twice when the file has a fixed identifier (which the determinism needs):
  once to write it and once to hash the whole file.  83 ms of the flagship's
  write; at zlib's default level 6, once, 10 ms, for a file 2-3% larger.
"""

from __future__ import annotations

import contextvars
import math
import re
import zlib
from collections.abc import Callable
from typing import Any

ORIGINAL: dict[str, Any] = {}


def swap_method(cls: type, name: str, key: str, replacement: Callable[..., Any],
                 enabled: bool, before: Callable[[], None] | None = None) -> None:
    """Put ``replacement`` in place of ``cls.name``, or with ``enabled=False`` put the
    original back (kept in ``ORIGINAL[key]``).  It is installed only over the
    method WeasyPrint defines in the class's own module, and only once; ``before``
    runs just before installing (to build what the replacement reads)."""
    current = cls.__dict__[name]
    original = ORIGINAL.setdefault(key, current)
    if not enabled:
        setattr(cls, name, original)
    elif current is original and original.__module__ == cls.__module__:
        if before is not None:
            before()
        setattr(cls, name, replacement)


def stack_footnotes(enabled: bool = True) -> None:
    """Install (or, with ``enabled=False``, remove) the incremental footnote area."""
    from weasyprint.formatting_structure import boxes, build
    from weasyprint.layout import LayoutContext
    from weasyprint.layout.block import block_level_layout

    # Imported here, not per note, so that a WeasyPrint without them keeps its own code.
    _NOTES.update(block=boxes.BlockBox, anonymous=build.create_anonymous_boxes,
                  layout=block_level_layout)
    swap_method(LayoutContext, "_update_footnote_area", "footnote_area",
                 _update_footnote_area, enabled)


_NOTES: dict[str, Any] = {}


def _update_footnote_area(context: Any) -> bool:
    """``LayoutContext._update_footnote_area`` computed from cached note heights.

    Same contract as WeasyPrint's: give the page's footnote area the height of
    ``context.current_page_footnotes``, move ``page_bottom`` accordingly and
    return whether the notes overflow the area.  Falls back to the original
    whenever stacking is not exact: in columns, with an area whose height is
    constrained, or with a note that is not a margin-less block.
    """
    area = context.current_footnote_area
    notes = context.current_page_footnotes
    if context.in_column or not _free_area(area):
        return bool(ORIGINAL["footnote_area"](context))
    heights = [_note_height(context, note) for note in notes]
    stacked = [h for h in heights if h is not None]
    if len(stacked) < len(heights):
        return bool(ORIGINAL["footnote_area"](context))
    if area.height != "auto":
        context.page_bottom += area.margin_height()
    area.children = notes
    area.height = math.fsum(stacked)
    context.page_bottom -= area.margin_height()
    return False


def _free_area(area: Any) -> bool:
    """An area of automatic, unbounded height with no padding or border."""
    style = area.style
    if style["height"] != "auto" or style["max_height"].value != math.inf:
        return False
    if style["min_height"] != "auto" and not _zero(style["min_height"]):
        return False
    return not any(getattr(area, f"padding_{side}") or getattr(area, f"border_{side}_width")
                   for side in ("top", "bottom"))


def _zero(value: Any) -> bool:
    """A computed length of zero (``auto`` and percentages are not)."""
    return getattr(value, "value", None) == 0 and getattr(value, "unit", None) != "%"


def _note_height(context: Any, note: Any) -> float | None:
    """The height ``note`` takes alone in the area, or None if notes don't simply stack."""
    area = context.current_footnote_area
    cache: dict[tuple[Any, Any], float | None] = context.__dict__.setdefault(
        "_compliance_note_heights", {})
    key = (note, area.width)
    if key not in cache:
        height: float | None = None
        style = note.style
        if (isinstance(note, _NOTES["block"]) and style["footnote_display"] == "block"
                and _zero(style["margin_top"]) and _zero(style["margin_bottom"])):
            children, area.children = area.children, [note]
            alone = _NOTES["anonymous"](area.deepcopy())
            area.children = children
            laid = _NOTES["layout"](context, alone, -math.inf, None, area.page)[0]
            if len(laid.children) == 1:
                height = laid.height
        cache[key] = height
    return cache[key]


def compute_plain_styles_directly(enabled: bool = True) -> None:
    """Install (or remove) the shortcut for properties that no rule sets."""
    from weasyprint.css import ComputedStyle

    swap_method(ComputedStyle, "__missing__", "computed_style", _computed_style_missing,
                 enabled, before=_plain_style_tables)


_PLAIN: dict[str, Any] = {}


def _plain_style_tables() -> None:
    """What the shortcut needs from WeasyPrint's property tables, built once."""
    if _PLAIN:
        return
    from weasyprint.css import PHYSICAL_FUNCTIONS
    from weasyprint.css.functions import check_math
    from weasyprint.css.properties import INHERITED, INITIAL_NOT_COMPUTED, INITIAL_VALUES

    # The original looks at a physical property's logical twin (margin-top and
    # margin-block-start), which depends on the direction; any twin that a
    # rule sets sends the property to the original.
    logical = {key: frozenset(function(block="ttb", inline=direction)
                              for direction in ("ltr", "rtl"))
               for key, function in PHYSICAL_FUNCTIONS.items()}
    special = {"float", "display", "position", "page"}  # specified values, page lookup
    special.update(key for key in INITIAL_VALUES if key.startswith("text_decoration_"))
    _PLAIN.update(logical=logical, special=frozenset(special), inherited=INHERITED,
                  computed=INITIAL_NOT_COMPUTED, initial=INITIAL_VALUES,
                  check_math=check_math)


def _computed_style_missing(style: Any, key: str) -> Any:
    """``ComputedStyle.__missing__``, answering directly when no rule sets ``key``.

    With nothing cascaded for ``key`` (nor for its logical twin), the original
    computes ``inherit`` for an inherited property, the parent's computed value,
    and ``initial`` otherwise, the initial value, stored as is unless WeasyPrint
    lists it as needing computation.  Those two cases are answered here; the
    root element, custom properties, special cases, math in an inherited value
    and initial values that need computing all go to the original.
    """
    plain = _PLAIN
    cascaded = style.cascaded
    if key in cascaded or key in plain["special"] or key[:2] == "__":
        return ORIGINAL["computed_style"](style, key)
    twins = plain["logical"].get(key)
    if twins is not None and not twins.isdisjoint(cascaded):
        return ORIGINAL["computed_style"](style, key)
    if key in plain["inherited"]:
        parent = style.parent_style
        if parent is not None:
            value = parent[key]
            if not plain["check_math"](value):
                style[key] = value
                return value
    elif key not in plain["computed"]:
        value = style[key] = plain["initial"][key]
        return value
    return ORIGINAL["computed_style"](style, key)


class _PatternCache(dict[tuple[Any, bool], "re.Pattern[str]"]):
    """tinyhtml5's ``characters_until_regex`` table, filled on a miss.

    Builds each pattern exactly as ``HTMLUnicodeInputStream.chars_until`` does.
    """

    def __missing__(self, key: tuple[Any, bool]) -> re.Pattern[str]:
        characters, opposite = key
        body = "".join(f"\\x{ord(c):02x}" for c in characters)
        pattern = re.compile(f"[{body if opposite else '^' + body}]+")
        self[key] = pattern
        return pattern


def cache_tokenizer_patterns(enabled: bool = True) -> None:
    """Make tinyhtml5's tokenizer reuse its character-class patterns (or, with
    ``enabled=False``, put its own table back).

    tinyhtml5 2.1.0 (WeasyPrint's HTML parser) looks its patterns up under
    ``(characters, opposite)`` but stores them with the chained assignment
    ``characters = table[(characters, opposite)] = regex``, which rebinds
    ``characters`` before the key is built; every lookup misses and the pattern
    is rebuilt from its character set, once per attribute name and text run.  A
    table that fills itself on a miss gives the same patterns and always hits.
    It is installed only over tinyhtml5's own plain dict.
    """
    from tinyhtml5 import inputstream

    table = ORIGINAL.setdefault("tokenizer_patterns", inputstream.characters_until_regex)
    if not enabled:
        inputstream.characters_until_regex = table
    elif type(table) is dict and inputstream.characters_until_regex is table:
        inputstream.characters_until_regex = _PatternCache()


LEVEL = 6
"""zlib's own default: 4x faster than pydyf's 9 on the flagship, 2.5% larger."""

_WRITING: contextvars.ContextVar[dict[int, tuple[Any, bytes]] | None] = contextvars.ContextVar(
    "compliance_pdf_streams", default=None)


def compress_streams_once(enabled: bool = True) -> None:
    """Deflate each pydyf stream once per write, at :data:`LEVEL` (or restore pydyf's)."""
    import pydyf

    stream_data = ORIGINAL.setdefault("stream_data", pydyf.Stream.__dict__["data"])
    write = ORIGINAL.setdefault("pdf_write", pydyf.PDF.__dict__["write"])
    deflate = ORIGINAL.setdefault("zlib", pydyf.zlib)
    if not enabled:
        pydyf.Stream.data, pydyf.PDF.write, pydyf.zlib = stream_data, write, deflate
    elif isinstance(stream_data, property) and deflate is zlib:
        pydyf.Stream.data = property(_stream_data)
        pydyf.PDF.write = _write
        pydyf.zlib = _Deflate()


class _Deflate:
    """pydyf's view of :mod:`zlib`: every compressor at :data:`LEVEL`."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(LEVEL, *args, **kwargs)


def _stream_data(stream: Any) -> bytes:
    """``pydyf.Stream.data``, remembered for the duration of a write."""
    memo = _WRITING.get()
    compute = ORIGINAL["stream_data"].fget
    if memo is None:
        return bytes(compute(stream))
    if id(stream) not in memo:
        memo[id(stream)] = (stream, bytes(compute(stream)))  # the stream keeps its id
    return memo[id(stream)][1]


def _write(pdf: Any, *args: Any, **kwargs: Any) -> Any:
    token = _WRITING.set({})
    try:
        return ORIGINAL["pdf_write"](pdf, *args, **kwargs)
    finally:
        _WRITING.reset(token)
