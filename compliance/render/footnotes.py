"""Keep every footnote on the page of its call.

When a page is full, WeasyPrint 70 moves the last footnotes of the page to the
next one to make room for one more line of text (``_linebox_layout``: it "reports"
footnotes when a block's first lines would otherwise not fit).  The call then sits
on one page and its note on the next.  A report must not do that: a reader looks
for the note at the foot of the page that cites it.

The stylesheet makes paragraphs and list items unsplittable (``orphans`` and
``widows`` of 100), which keeps WeasyPrint from doing this in ordinary text; this
module catches what slips through.  The template marks each block that calls a
note with ``data-fn="7 8"``.  After
layout, :func:`stranded` finds notes printed on a later page than their call;
:func:`breaking_before` adds a forced page break before the blocks calling them,
and the document is laid out again (see ``pdf.layout``).  The page that loses
the block ends a little short.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def stranded(document: Any) -> list[str]:
    """Numbers of the notes printed on another page than their call, in order."""
    call_page: dict[str, int] = {}
    note_page: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for child in page._page_box.children:
            if type(child).__name__ == "FootnoteAreaBox":
                for note in child.children:
                    note_page.setdefault(_note_number(note), number)
            else:
                for box in _descendants(child):
                    if getattr(box, "element_tag", "") == "span::footnote-call":
                        call_page.setdefault(_note_number(box), number)
    return [n for n, page in call_page.items() if note_page.get(n, page) != page]


def breaking_before(html: str, numbers: Iterable[str]) -> str:
    """``html`` with a page break forced before each block calling one of ``numbers``."""
    rules = " ".join(f'[data-fn~="{int(n)}"] {{ break-before: page; }}' for n in numbers)
    return html.replace("</head>", f"<style>{rules}</style></head>", 1)


def _note_number(box: Any) -> str:
    element = getattr(box, "element", None)
    return str(element.get("data-n", "")) if element is not None else ""


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _descendants(child)
