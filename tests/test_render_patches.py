"""compliance.render.patches changes WeasyPrint's speed, never its output."""

from __future__ import annotations

import re
from typing import Any

import pytest

from compliance.cli.report import prepare
from compliance.compile import Rulebook
from compliance.loading import LoadedCase
from compliance.render.html import TEMPLATES_DIR

pytestmark = pytest.mark.pdf

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
    from compliance.render import patches
    from compliance.render.pdf import import_weasyprint, local_fetcher, write_document

    weasyprint = import_weasyprint()
    patches.stack_footnotes(stacked)
    original = patches._ORIGINAL["footnote_area"]
    fallbacks = 0

    def counted(context: Any) -> Any:
        nonlocal fallbacks
        fallbacks += 1
        return original(context)

    patches._ORIGINAL["footnote_area"] = counted
    try:
        document = weasyprint.HTML(string=html, base_url=TEMPLATES_DIR.as_uri() + "/",
                                   url_fetcher=local_fetcher()).render()
    finally:
        patches._ORIGINAL["footnote_area"] = original
        patches.stack_footnotes(True)
    return write_document(document), fallbacks


def _note_pages(data: bytes) -> list[list[str]]:
    """The note numbers at the foot of each page, as text extraction sees them."""
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return [re.findall(r"^(\d+)\. ", page.extract_text() or "", re.M) for page in pages]


def test_stacked_notes_give_the_same_pdf_as_weasyprint(flagship: LoadedCase,
                                                       rulebook: Rulebook) -> None:
    html = prepare(flagship, rulebook, None).html
    original, _ = _pdf(html, stacked=False)
    stacked, fallbacks = _pdf(html, stacked=True)
    assert stacked == original
    assert fallbacks == 0


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


def test_the_patch_is_installed_only_over_weasyprint_70s_method() -> None:
    from compliance.render import patches
    from compliance.render.pdf import import_weasyprint

    import_weasyprint()
    from weasyprint.layout import LayoutContext

    patches.stack_footnotes(False)
    original = LayoutContext._update_footnote_area
    assert original.__module__ == "weasyprint.layout"
    patches.stack_footnotes(True)
    assert LayoutContext._update_footnote_area is patches._update_footnote_area
    patches.stack_footnotes(True)
    assert LayoutContext._update_footnote_area is patches._update_footnote_area


def test_html_parser_patterns_are_reused_with_the_same_result() -> None:
    """The tinyhtml5 repair: same parse tree, and its pattern table is hit.

    Unrepaired, the table is keyed by the patterns themselves (a lookup never
    hits, so each text run and attribute name rebuilds its pattern).
    """
    import xml.etree.ElementTree as ET

    import tinyhtml5
    from tinyhtml5 import inputstream

    from compliance.render.patches import cache_tokenizer_patterns

    html = ('<p class="a" data-n="1" id=x>Text &amp; more <a href="#y">link</a>'
            "<!-- note --><span title='t'>\u00e9\u2014</span></p><pre>\n a\n</pre>")
    saved = inputstream.characters_until_regex
    try:
        inputstream.characters_until_regex = {}
        plain = ET.tostring(tinyhtml5.parse(html))
        cache_tokenizer_patterns()
        repaired = ET.tostring(tinyhtml5.parse(html))
        table = inputstream.characters_until_regex
    finally:
        inputstream.characters_until_regex = saved
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


def test_streams_are_deflated_once_with_the_same_content(
        flagship: LoadedCase, rulebook: Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Level 6 once instead of level 9 twice: other bytes, the same decoded objects."""
    import zlib

    import pydyf

    from compliance.render import patches
    from compliance.render.pdf import layout, write_document

    document = layout(prepare(flagship, rulebook, None).html)
    install = patches.compress_streams_once
    install(False)
    monkeypatch.setattr(patches, "compress_streams_once", lambda enabled=True: None)
    try:
        original = write_document(document)
    finally:
        monkeypatch.undo()
        install(True)
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
