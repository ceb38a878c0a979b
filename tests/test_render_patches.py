"""compliance.render.speedups.patches changes WeasyPrint's speed, never its output.

These tests compare PDFs with and without each speed-up (marker ``speedups``:
``-m "not speedups"`` skips them).  They run only where the speed-ups would be
installed: not with ``COMPLIANCE_SPEEDUPS=off``, and not on library versions
missing from ``speedups.TESTED``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.pipeline import report as prepare
from compliance.render import speedups


def needs(*names: str) -> pytest.MarkDecorator:
    """Skip a test of the speed-ups ``names`` where they would not be installed."""
    missing = [name for name in names if not speedups.allowed(name)]
    reason = ", ".join(f"{name}: {speedups.status()[name]}" for name in missing)
    return pytest.mark.skipif(bool(missing), reason=f"speed-up not installed here ({reason})")


pytestmark = [pytest.mark.pdf, pytest.mark.speedups]

WORDS = ["sanctions", "transit", "carrier", "provision", "evidence", "undetermined",
         "wind-down", "exemption", "Committee", "paragraph", "resolution", "ownership"]


def _notes_document(extra_css: str = "") -> str:
    """Two pages and more of paragraphs calling notes of very different lengths."""
    paragraphs = []
    for i in range(40):
        text = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(8 + 9 * (i % 5)))
        note = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(4 + 19 * (i % 4)))
        paragraphs.append(f'<p>{text}<span class="fn">{note}</span> {text}</p>')
    return ('<html><head><style>@font-face { font-family: T; src: url(fonts/DejaVuSans.ttf) }'
            " html { font: 9pt T } @page { size: A5; margin: 15mm }"
            " .fn { float: footnote; font-size: 7pt }" + extra_css + "</style></head><body>"
            + "".join(paragraphs) + "</body></html>")


def _pdf(html: str, stacked: bool) -> tuple[bytes, int]:
    """The PDF, and how often the stacked area handed a page back to WeasyPrint."""
    from compliance.render.pdf import parse, write_document
    from compliance.render.speedups import patches

    document = parse(html)
    patches.stack_footnotes(stacked)
    original = patches.ORIGINAL["footnote_area"]
    fallbacks = 0

    def counted(context: Any) -> Any:
        nonlocal fallbacks
        fallbacks += 1
        return original(context)

    patches.ORIGINAL["footnote_area"] = counted
    try:
        laid = document.render()
    finally:
        patches.ORIGINAL["footnote_area"] = original
        patches.stack_footnotes(True)
    return write_document(laid), fallbacks


def _note_pages(data: bytes) -> list[list[str]]:
    """The note numbers at the foot of each page, as text extraction sees them."""
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return [re.findall(r"^(\d+)\. ", page.extract_text() or "", re.M) for page in pages]


@needs("stack_footnotes")
def test_stacked_notes_give_the_same_pdf_as_weasyprint(flagship: LoadedCase,
                                                       rulebook: Rulebook) -> None:
    html = prepare(flagship, rulebook, None).html
    original, _ = _pdf(html, stacked=False)
    stacked, fallbacks = _pdf(html, stacked=True)
    assert stacked == original
    assert fallbacks == 0


@needs("stack_footnotes")
@pytest.mark.parametrize("css", ["", " p { orphans: 1; widows: 1 }", " @page { size: A6 }"])
def test_many_notes_per_page_and_moved_notes_are_placed_as_before(css: str) -> None:
    html = _notes_document(css)
    original, _ = _pdf(html, stacked=False)
    stacked, fallbacks = _pdf(html, stacked=True)
    assert stacked == original
    assert fallbacks == 0
    pages = _note_pages(original)
    assert sum(len(notes) for notes in pages) == 40
    assert len(pages) >= 3
    assert max(len(notes) for notes in pages) >= 2


@needs("stack_footnotes")
@pytest.mark.parametrize("css", [" .fn { margin-top: 2mm }", " .fn { footnote-display: inline }",
                                 " @page { @footnote { max-height: 20mm } }",
                                 " @page { @footnote { min-height: 30mm } }"])
def test_notes_that_do_not_simply_stack_are_left_to_weasyprint(css: str) -> None:
    """Margins collapse, inline notes share lines, a bounded area can overflow."""
    html = _notes_document(css)
    original, _ = _pdf(html, stacked=False)
    stacked, fallbacks = _pdf(html, stacked=True)
    assert stacked == original
    assert fallbacks > 0


@needs("stack_footnotes")
def test_the_footnote_area_is_installed_once_over_weasyprints_own_method() -> None:
    from compliance.render.pdf import import_weasyprint
    from compliance.render.speedups import patches

    import_weasyprint()
    from weasyprint.layout import LayoutContext

    patches.stack_footnotes(False)
    original = LayoutContext._update_footnote_area
    assert original.__module__ == "weasyprint.layout"
    patches.stack_footnotes(True)
    assert LayoutContext._update_footnote_area is patches._update_footnote_area
    patches.stack_footnotes(True)
    assert LayoutContext._update_footnote_area is patches._update_footnote_area


@needs("cache_tokenizer_patterns")
def test_html_parser_patterns_are_reused_with_the_same_result() -> None:
    """The tinyhtml5 repair: same parse tree, and its pattern table is hit.

    Unrepaired, the table is keyed by the patterns themselves (a lookup never
    hits, so each text run and attribute name rebuilds its pattern).
    """
    import xml.etree.ElementTree as ET

    import tinyhtml5
    from tinyhtml5 import inputstream

    from compliance.render.speedups.patches import _PatternCache, cache_tokenizer_patterns

    html = ('<p class="a" data-n="1" id=x>Text &amp; more <a href="#y">link</a>'
            "<!-- note --><span title='t'>\u00e9\u2014</span></p><pre>\n a\n</pre>")
    cache_tokenizer_patterns(False)
    try:
        assert type(inputstream.characters_until_regex) is dict
        plain = ET.tostring(tinyhtml5.parse(html))
        cache_tokenizer_patterns(True)
        cache_tokenizer_patterns(True)
        table = inputstream.characters_until_regex
        table.clear()
        repaired = ET.tostring(tinyhtml5.parse(html))
    finally:
        cache_tokenizer_patterns(True)
    assert isinstance(table, _PatternCache)
    assert repaired == plain
    assert table
    assert all(not isinstance(chars, re.Pattern) for chars, _ in table)


def _objects(data: bytes) -> list[Any]:
    """Every object of a PDF, streams decoded, but for the cross-reference stream
    (byte offsets and the file identifier, a hash of the bytes)."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    reader = PdfReader(io.BytesIO(data))
    out: list[Any] = []
    size = reader.trailer["/Size"]
    assert isinstance(size, int)
    for number in range(1, size):
        obj = reader.get_object(number)
        if isinstance(obj, StreamObject) and obj.get("/Type") == "/XRef":
            continue
        if isinstance(obj, StreamObject):
            head = {k: v for k, v in obj.items() if k not in ("/Length", "/Filter")}
            out.append((_stable(head), obj.get_data()))
        elif obj is not None:
            out.append(_stable(obj))
    return out


def _stable(obj: Any) -> str:
    """repr() without the reader's id, which pypdf puts in every reference."""
    return re.sub(r"IndirectObject\((\d+), (\d+), \d+\)", r"R(\1 \2)", repr(obj))


@needs("compress_streams_once")
def test_streams_are_deflated_once_with_the_same_content(
        flagship: LoadedCase, rulebook: Rulebook) -> None:
    """Level 6 once instead of level 9 twice: other bytes, the same decoded objects."""
    import zlib

    import pydyf

    from compliance.render.pdf import layout, write_document
    from compliance.render.speedups import patches

    document = layout(prepare(flagship, rulebook, None).html)
    with _removed("compress_streams_once"):
        original = write_document(document)
    deflated: list[int] = []
    real = zlib.compressobj

    def counted(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        deflated.append(level)
        return real(level, *args, **kwargs)

    saved, zlib.compressobj = zlib.compressobj, counted
    try:
        once = write_document(document)
    finally:
        zlib.compressobj = saved
    assert isinstance(pydyf.Stream.__dict__["data"], property)
    assert once != original
    assert _objects(once) == _objects(original)
    assert set(deflated) == {patches.LEVEL}
    streams = once.count(b"/FlateDecode")
    assert len(deflated) == streams, (len(deflated), streams)
    assert len(once) < len(original) * 1.05


STYLED = """<html lang="en"><head><style>
@font-face { font-family: T; src: url(fonts/DejaVuSans.ttf) }
:root { --gap: 3mm; --ink: #123456; font: 10pt T; line-height: calc(1em + 2pt) }
body { margin-inline-start: 12mm; padding-block: 2mm 4mm; color: var(--ink) }
.rtl { direction: rtl }
.rtl p { margin-inline-end: var(--gap); border-inline-start: 1pt solid red }
.deco { text-decoration: underline wavy blue }
.calc { width: calc(50% - 2mm); text-indent: calc(10% + 1mm); font-size: calc(0.9em + 1pt) }
.calc span { word-spacing: calc(0.5em + 1pt); letter-spacing: calc(0.05em) }
.float { float: right; position: relative; display: inline-block }
.named { page: wide }
@page wide { size: A5 landscape; @top-center { content: "Wide" } }
@page { margin: 15mm; @bottom-right { content: counter(page) " of " counter(pages) } }
li::marker { color: green }
p::before { content: "\\2022 " counter(item); counter-increment: item }
.keywords { color: inherit; margin-top: initial; font-style: inherit; border-color: currentColor }
.bad { width: var(--missing); margin-top: var(--ink) }
.fn { float: footnote; font-size: 7pt }
table { border-collapse: collapse } td { padding: 1mm; border: 1pt solid }
.features { font-variant: small-caps; font-variant-numeric: tabular-nums; font-kerning: none;
  font-feature-settings: "liga" 0; font-weight: bold; font-style: italic; font-stretch: condensed }
</style></head><body>
<p class="features" lang="fr">Caract\u00e8res 0123
<span class="deco" lang="de">Stra\u00dfe</span></p>
<h1 class="deco">Title <span>under<em>lined</em></span></h1>
<div class="rtl"><p>right to left <span class="float">float</span></p></div>
<p class="calc">calc <span class="keywords">keywords</span>
 <span class="bad">bad</span><span class="fn">a note</span></p>
<ol><li>one</li><li class="deco">two <a href="#x">link</a></li></ol>
<section class="named"><p id="x">named page</p></section>
<table><tr><td>cell</td><td><code>code</code></td></tr></table>
</body></html>"""


StyleKey = tuple[str, "str | None", "str | None", int]


def _style_table(html: str) -> dict[StyleKey, list[tuple[str, str]]]:
    """Every property (its repr, or the error it raises) of every element's and
    pseudo-element's computed style, keyed by tag, class, pseudo-element and the
    element's position."""
    from weasyprint.css import get_all_computed_styles
    from weasyprint.css.properties import INITIAL_VALUES

    from compliance.render.pdf import parse

    document = parse(html)
    styles = get_all_computed_styles(document).get_computed_styles()
    order = {element: i for i, element in enumerate(document.etree_element.iter())}
    table = {}
    for (element, pseudo), style in list(styles.items()):
        values = []
        for key in sorted(INITIAL_VALUES):
            try:
                value = repr(style[key])
            except Exception as error:  # compared below, not hidden
                value = f"raised {type(error).__name__}"
            values.append((key, value))
        table[element.tag, element.get("class"), pseudo, order[element]] = values
    return table


def _computed_values(html: str, direct: bool) -> list[tuple[str, str | None, str, str]]:
    """Every property of every element's and pseudo-element's computed style
    (WeasyPrint's user-agent sheet styles every pseudo-element of every element),
    with or without the shortcut."""
    from compliance.render.speedups import patches

    patches.compute_plain_styles_directly(direct)
    try:
        table = _style_table(html)
    finally:
        patches.compute_plain_styles_directly(True)
    return [(tag, pseudo, key, value) for (tag, _, pseudo, _), values in table.items()
            for key, value in values]


@needs("compute_plain_styles_directly")
@pytest.mark.parametrize("html", [STYLED, _notes_document()], ids=["styled", "notes"])
def test_plain_styles_are_computed_as_weasyprint_computes_them(html: str) -> None:
    """Every property of every style, with and without the shortcut, on a
    stylesheet with variables, math, logical properties, right-to-left text,
    decorations, named pages, floats, pseudo-elements and invalid values."""
    original = _computed_values(html, direct=False)
    direct = _computed_values(html, direct=True)
    assert len(original) > 5000
    assert direct == original


def _pdfs(documents: tuple[str, ...]) -> list[bytes]:
    from compliance.render.pdf import layout, write_document

    return [write_document(layout(html)) for html in documents]


@contextlib.contextmanager
def _removed(patch: str, module: Any = None) -> Iterator[None]:
    """The patch ``patch`` (of ``module``, by default ``compliance.render.speedups.patches``)
    removed for the block; ``layout`` and ``write_document`` would install it
    again, so its installer does nothing meanwhile."""
    from compliance.render.speedups import patches

    module = module or patches
    install = getattr(module, patch)
    install(False)
    try:
        with pytest.MonkeyPatch.context() as mocked:
            mocked.setattr(module, patch, lambda enabled=True: None)
            yield
    finally:
        install(True)


@needs("compute_plain_styles_directly")
def test_plain_styles_give_the_same_pdfs(flagship: LoadedCase, rulebook: Rulebook) -> None:
    documents = (STYLED, _notes_document(), prepare(flagship, rulebook, None).html)
    with _removed("compute_plain_styles_directly"):
        without = _pdfs(documents)
    assert without == _pdfs(documents)


@needs("compute_plain_styles_directly")
def test_the_style_shortcut_is_installed_once_over_weasyprints_own_method() -> None:
    from compliance.render.pdf import import_weasyprint
    from compliance.render.speedups import patches

    import_weasyprint()
    from weasyprint.css import ComputedStyle

    patches.compute_plain_styles_directly(False)
    assert ComputedStyle.__missing__.__module__ == "weasyprint.css"
    for _ in range(2):
        patches.compute_plain_styles_directly(True)
        assert ComputedStyle.__missing__ is patches._computed_style_missing
