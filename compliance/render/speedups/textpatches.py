"""Repairs to WeasyPrint's text layout that change its speed, not what it draws.

Like :mod:`compliance.render.speedups.patches`, each is installed only on the tested
WeasyPrint versions (:data:`compliance.render.speedups.TESTED`), and the tests check
that the PDF is the same without it.

- :func:`remember_struts`: WeasyPrint caches the height of an empty line per
  font, but builds the cache key from fourteen properties on every call.
"""

from __future__ import annotations

from typing import Any

from compliance.render.speedups.patches import ORIGINAL


def remember_struts(enabled: bool = True) -> None:
    """Install (or remove) the per-style memo of WeasyPrint's ``strut``.

    ``strut(style)`` (the line height and baseline a style gives an empty line)
    is cached by WeasyPrint under a key it builds each call from fourteen
    properties and ``str()`` of their values; the key cost more than the cache
    saved (2% of the work per relationship).  The memo keeps the answer on the
    style object itself, which WeasyPrint never changes the font properties of
    once computed, and asks WeasyPrint the first time.  Every WeasyPrint module
    that imported ``strut`` gets the memo.
    """
    import sys

    from weasyprint.text import line_break

    original = ORIGINAL.setdefault("strut", line_break.strut)
    if original.__module__ != "weasyprint.text.line_break":
        return
    current, wanted = (_strut_memo, original) if not enabled else (original, _strut_memo)
    for name, module in list(sys.modules.items()):
        if name.startswith("weasyprint.") and getattr(module, "strut", None) is current:
            module.strut = wanted  # type: ignore[attr-defined]


def _strut_memo(style: Any) -> tuple[float, float]:
    """``strut(style)``, computed once per style object."""
    memo = style.__dict__
    if "_compliance_strut" not in memo:
        memo["_compliance_strut"] = ORIGINAL["strut"](style)
    return memo["_compliance_strut"]  # type: ignore[no-any-return]
