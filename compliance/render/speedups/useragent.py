"""WeasyPrint's user-agent stylesheet, with its pseudo-element rules where they apply.

WeasyPrint's HTML stylesheet styles six pseudo-elements of *every* element
(``::marker``, ``::footnote-call``, ``::footnote-marker`` and three ``::note-*``),
so every element gets six pseudo-element styles in the cascade and six computed
styles: six in every seven styles of a report, although only list items have a
marker and only footnotes have a call and a marker.  Matching and computing them
was 3.6% of the work per relationship of a large report.

The report's documents (``templates/``) have list items only in ``li`` elements,
footnotes only in ``.fn`` elements, and no ``note()`` positioning; the tests check
``print.css`` keeps to that.  :func:`stylesheets` gives WeasyPrint the same sheet
with those rules filed under ``li`` and ``.fn``, with their own specificity and
order, and without the note rules: the cascade of every ``li`` and ``.fn`` element
is unchanged, and no other element could use the styles dropped.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

HOMES = {"marker": ("element", "li"),
         "footnote-call": ("class", "fn"),
         "footnote-marker": ("class", "fn")}
"""Where each pseudo-element of the report's documents can occur."""

UNUSED = frozenset({"note-call", "note-marker", "note-callback"})
"""Pseudo-elements of ``note()`` positioning, which the report does not use."""

def stylesheets(forms: bool = False) -> list[Any]:
    """The user-agent stylesheets for ``HTML._ua_stylesheets`` (same signature)."""
    from weasyprint.html import UA_FORM_STYLESHEET, UA_STYLESHEET

    sheet = scoped(UA_STYLESHEET) or UA_STYLESHEET
    return [sheet, UA_FORM_STYLESHEET] if forms else [sheet]


@functools.cache
def scoped(sheet: Any) -> Any | None:
    """A copy of ``sheet`` with its universal pseudo-element rules moved to
    :data:`HOMES` (or dropped, :data:`UNUSED`); ``None`` unless those are exactly
    the universal pseudo-element rules it has (WeasyPrint 70's)."""
    matcher = sheet.matcher
    universal = [entry for entry in matcher.other_selectors if entry[3] is not None]
    if sorted(entry[3] for entry in universal) != sorted([*HOMES, *UNUSED]):
        return None
    moved = copy.copy(matcher)
    moved.other_selectors = [entry for entry in matcher.other_selectors if entry[3] is None]
    tables = {"element": {name: list(entries)
                          for name, entries in matcher.lower_local_name_selectors.items()},
              "class": {name: list(entries) for name, entries in matcher.class_selectors.items()}}
    for entry in universal:
        if entry[3] in HOMES:
            table, name = HOMES[entry[3]]
            tables[table].setdefault(name, []).append(entry)
    moved.lower_local_name_selectors = tables["element"]
    moved.class_selectors = tables["class"]
    result = copy.copy(sheet)
    result.matcher = moved
    return result
