"""Tagged PDF: footnotes as Note elements, and each attachment once in the catalogue's /AF.

WeasyPrint 70 tags PDF/A-3a documents (a structure tree of H1, P, L, LI, Table,
TR, TH, TD, Figure...), but tags a footnote like any span; a screen reader then
reads a note's text in the middle of the page's last paragraph, unmarked.
:func:`tag_notes` makes each footnote (``span.fn``) a ``Note`` element with an
``ID``.  WeasyPrint's PDF/A code also lists each attachment twice in the
catalogue's ``/AF`` array (once from the embedded-files name tree, once from
the file specifications); :func:`finish` keeps each once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_PATCHED = "_compliance_notes"


def tag_notes() -> None:
    """Make WeasyPrint tag footnote bodies as ``Note`` (once per process).

    ``_build_box_tree`` is a recursive generator that yields the structure
    element of each box; the wrapper renames the element of a footnote's box as
    it passes (the recursion goes through the module attribute, so through the
    wrapper, at every level).
    """
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    if getattr(original, _PATCHED, False):
        return

    def build(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        for element in original(box, parent, *args):
            source = getattr(box, "element", None)
            if (element["S"] == "/Span" and source is not None
                    and box.element_tag == "span"
                    and "fn" in (source.get("class") or "").split()):
                element["S"] = "/Note"
                element["ID"] = pydyf.String(f"note-{source.get('data-n', '')}")
            yield element

    setattr(build, _PATCHED, True)
    tags._build_box_tree = build


def finish(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: each attachment once in the catalogue's ``/AF``."""
    del document
    listed = pdf.catalog.get("AF")
    if listed:
        unique = list(dict.fromkeys(listed))
        del listed[:]
        listed.extend(unique)
