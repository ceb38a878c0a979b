"""Every script a DPRK case needs prints with a bundled font, and hidden characters show."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase, load_case
from compliance.pipeline import report as prepare
from compliance.render import display
from compliance.render.html import TEMPLATES_DIR
from compliance.render.report import Report as Prepared
from tests.conftest import ROOT
from tests.figure_geometry import laid_out

STRESS = ROOT / "tests" / "fixtures" / "scripts" / "scripts-stress.yaml"
FONTS = TEMPLATES_DIR / "fonts"
NAMES = {
    "Korean": "조선체신회사",
    "Chinese": "中国联合网络通信集团有限公司",
    "Chinese (traditional)": "中國聯通",
    "Cyrillic": "ТрансТелеКом",
    "Arabic": "أوراسكوم للاتصالات والإعلام والتكنولوجيا القابضة",
    "Thai": "บริษัท ล็อกซเล่ย์ จำกัด (มหาชน)",
    "Devanagari": "भारती एयरटेल लिमिटेड",
}


@pytest.fixture(scope="module")
def stress(rulebook: Rulebook) -> Prepared:
    return prepare(load_case(STRESS), rulebook, None)


@pytest.fixture(scope="module")
def written() -> tuple[Any, bytes]:
    from compliance.render.pdf import write_document

    _, document = laid_out(STRESS)
    return document, write_document(document)


def _cmaps() -> dict[str, set[int]]:
    from fontTools.ttLib import TTFont

    return {p.name: set(TTFont(p, lazy=True).getBestCmap()) for p in sorted(FONTS.glob("*.ttf"))}


def test_each_name_has_a_glyph_in_a_bundled_font_of_its_script() -> None:
    cmaps = _cmaps()
    for script, name in NAMES.items():
        for char in name.replace(" ", ""):
            fonts = [f for f, codes in cmaps.items() if ord(char) in codes]
            assert fonts, f"{script}: no bundled font draws {char!r} (U+{ord(char):04X})"
    assert all(ord(c) in cmaps["NotoSansCJKkr-Bold.ttf"] for c in NAMES["Korean"])


def test_coverage_lists_exactly_what_the_bundled_fonts_draw() -> None:
    """coverage.txt is written by scripts/subset_fonts.py; it must match the fonts."""
    assert display.covered() == frozenset().union(*_cmaps().values())


@pytest.mark.pdf
def test_every_embedded_font_is_bundled_and_no_glyph_is_missing(
        written: tuple[Any, bytes]) -> None:
    from weasyprint.pdf.fonts import get_hb_object_data  # the font file as loaded

    document, _ = written
    bundled = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in FONTS.glob("*.ttf")}
    used = {hashlib.sha256(get_hb_object_data(f.hb_face)).hexdigest()
            for f in document.fonts.values()}
    assert used <= set(bundled), "a font not in templates/fonts was used"
    names = {bundled[h] for h in used}
    for script in ("CJKkr", "Arabic", "Thai", "Devanagari"):
        assert any(script in n for n in names), (script, names)
    for font in document.fonts.values():
        assert not font.missing, (font.family, sorted(font.missing))  # no .notdef drawn
        assert 0 not in font.to_unicode, font.family


@pytest.mark.pdf
def test_names_extract_back_from_the_pdf(written: tuple[Any, bytes]) -> None:
    from pypdf import PdfReader

    _, data = written
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    flat = unicodedata.normalize("NFKC", re.sub(r"\s+", " ", text))
    for script in ("Korean", "Chinese", "Chinese (traditional)", "Cyrillic"):
        assert NAMES[script] in flat, script
    # Shaped scripts come back in visual order or as clusters; every letter is there.
    for script in ("Arabic", "Thai", "Devanagari"):
        name = unicodedata.normalize("NFKC", NAMES[script])
        letters = {c for c in name if unicodedata.category(c) == "Lo"}
        assert letters <= set(flat), (script, letters - set(flat))
    assert "⟨U+202E⟩devorppa-ton" in flat
    assert "KP⟨U+200B⟩TC" in flat
    assert "⟨U+2060⟩" in flat
    assert "⟨U+1F4E1⟩" in flat


@pytest.mark.pdf
def test_layout_never_uses_a_machine_font() -> None:
    """A character no bundled font has stays undrawn, even where the machine's own
    DejaVu Sans has it (♔): Pango must not fall back on installed fonts."""
    from weasyprint.pdf.fonts import get_hb_object_data

    from compliance.render.pdf import layout, write_document

    html = ('<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="print.css">'
            '<link rel="stylesheet" href="fonts/cjk.css">'
            "</head><body><p>King \u2654 and 조선</p></body></html>")
    document = layout(html)
    write_document(document)
    bundled = {hashlib.sha256(p.read_bytes()).hexdigest() for p in FONTS.glob("*.ttf")}
    used = {hashlib.sha256(get_hb_object_data(f.hb_face)).hexdigest()
            for f in document.fonts.values()}
    assert used <= bundled


def test_a_report_links_the_font_sheets_of_the_scripts_it_prints(
        stress: Prepared, flagship: LoadedCase, rulebook: Rulebook) -> None:
    """Registering the 11 MB of CJK fonts cost every report 50 ms: only reports
    with CJK text link them."""
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', stress.html)
    assert links == ["print.css", "fonts/cjk.css", "fonts/arabic.css", "fonts/thai.css",
                     "fonts/devanagari.css"]
    plain = prepare(flagship, rulebook, None).html
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', plain) == ["print.css"]
    sheets = {p.name for p in FONTS.glob("*.css")}
    assert sheets == {f"{s}.css" for s in ("cjk", "arabic", "hebrew", "thai", "devanagari")}


def test_reveal_marks_controls_bidi_invisible_and_undrawable_characters() -> None:
    assert display.reveal("plain text") == "plain text"
    assert display.reveal("\u202edevorppa-ton") == "⟨U+202E⟩devorppa-ton"
    assert display.reveal("KP\u200bTC") == "KP⟨U+200B⟩TC"
    assert display.reveal("bell\x07") == "bell⟨U+0007⟩"
    assert display.reveal("a\tb\nc") == "a b c"
    assert display.reveal("\u2066x\u2069\u200e\u061c") == "⟨U+2066⟩x⟨U+2069⟩⟨U+200E⟩⟨U+061C⟩"
    assert display.reveal("\ufeff\u2060\u3164") == "⟨U+FEFF⟩⟨U+2060⟩⟨U+3164⟩"
    assert display.reveal("\x85\x9f") == "⟨U+0085⟩⟨U+009F⟩"
    assert display.reveal("satellite \U0001f4e1") == "satellite ⟨U+1F4E1⟩"
    for name in NAMES.values():
        assert display.reveal(name) == name


def test_reveal_all_reaches_every_string_but_not_markup(stress: Prepared) -> None:
    view = stress.view
    assert "\u202e" not in repr(view)
    assert "\u200b" not in repr(view)
    assert isinstance(view.diagram_svg, Markup)
    assert view.prepared_by.endswith("⟨U+202E⟩devorppa-ton")
    party = next(p for p in view.parties if "devorppa" in p.name)
    assert party.name == "⟨U+202E⟩devorppa-ton Ltd"
    assert "KP⟨U+200B⟩TC" in next(p.aliases for p in view.parties if "KP" in p.aliases)
    assert "⟨U+202E⟩devorppa-ton" in stress.html
    for hidden in ("\u202e", "\u200b", "\x07", "\U0001f4e1"):
        assert hidden not in stress.html


def test_undated_sources_and_notes_end_with_one_full_stop(stress: Prepared) -> None:
    text = re.sub(r"<[^>]+>", "", stress.html)
    assert "n.d.." not in text
    assert "n.d. Analysis." in text
    assert ".." not in re.sub(r"\.\.\.|…", "", text.replace("Rings a bell", ""))


def test_the_fonts_and_their_files_ship_in_the_package() -> None:
    """pyproject's package data takes templates/fonts/* (fonts, sheets, coverage.txt,
    fonts.conf, licences): nothing there may sit in a subfolder it would miss."""
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "render/templates/fonts/*" in data["tool"]["setuptools"]["package-data"][
        "compliance"]
    assert all(p.is_file() for p in FONTS.iterdir() if p.name != "__pycache__")
    for needed in ("coverage.txt", "fonts.conf", "OFL.txt", "LICENSE", "cjk.css"):
        assert (FONTS / needed).is_file(), needed


def test_the_stress_case_is_not_in_the_shipped_cases() -> None:
    assert not (ROOT / "cases" / STRESS.name).exists()
    assert Path(STRESS).is_file()
