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
from typing import Any, Final

_PATCHED = "_compliance_notes"
TESTED: Final = frozenset({"70.0"})
"""WeasyPrint versions the note tagging was checked on (``tests/test_report.py`` reads
the structure tree).  On any other version WeasyPrint's own tagging runs: footnotes
are then tagged as spans, and the PDF is still tagged and valid."""


def tag_notes() -> bool:
    """Make WeasyPrint tag footnote bodies as ``Note`` (once per process); whether it is
    in place.

    ``_build_box_tree`` (private) is a recursive generator that yields the structure
    element of each box; the wrapper renames the element of a footnote's box as it
    passes (the recursion goes through the module attribute, so through the
    wrapper, at every level).  It is installed only on a tested WeasyPrint version
    that still has that function; otherwise nothing is changed.
    """
    from compliance.render.speedups import installed

    if installed("weasyprint") not in TESTED:
        return False
    import pydyf

    try:
        from weasyprint.pdf import tags

        original = tags._build_box_tree
    except (ImportError, AttributeError):
        return False
    if getattr(original, _PATCHED, False):
        return True

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
    build.__wrapped__ = original  # type: ignore[attr-defined]
    tags._build_box_tree = build
    return True


def finish(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: each attachment once in the catalogue's ``/AF``."""
    del document
    listed = pdf.catalog.get("AF")
    if listed:
        unique = list(dict.fromkeys(listed))
        del listed[:]
        listed.extend(unique)
