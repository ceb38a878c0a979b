"""Tests for ``compliance report``: citations, metadata, attachments, safety, determinism."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase, load_case
from compliance.pipeline import report as prepare
from compliance.render.html import TEMPLATES_DIR
from compliance.render.report import report_pdf as pdf_bytes
from tests.conftest import CASES, FLAGSHIP, RULES

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="http://example.com/x.css">',
    "@import url(http://x)",
    "{{ 7*7 }}",
    "</style>",
]


@pytest.fixture(scope="module")
def flagship_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("pdf") / "flagship.pdf"
    result = CliRunner().invoke(app, ["report", str(FLAGSHIP), "--rules", str(RULES),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    return out.read_bytes()


def _text(data: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join((page.extract_text() or "") for page in pages).replace("\x00", "")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.pdf
def test_pdf_cites_provisions_sources_and_deadline(flagship_pdf: bytes) -> None:
    text = _flat(_text(flagship_pdf))
    assert "S/RES/2375 (2017), para. 18" in text
    assert "states shall prohibit, by their nationals or in their territories" in text
    assert "Summary, not the wording of the resolution".upper() in text.upper()
    # Every quotation says which copy its words come from and that they were not checked.
    assert ("Excerpt (first clause). English"
            " wording as reproduced in China implements UNSC resolution 2375").upper() in (
        text.upper())
    assert "not checked against the official UN text".upper() in text.upper()
    assert "Verified wording".upper() not in text.upper()
    assert "Dyn Research (Oracle)" in text
    assert "hub.dyn.com/dyn-research/north-korea-gets-new-internet-link-via-russia" in (
        text.replace(" ", ""))
    assert "2018-01-09" in text
    assert re.search(r"Page 1 of \d+", text)


@pytest.mark.pdf
def test_figure_labels_are_text_in_the_pdf(flagship_pdf: bytes) -> None:
    text = _flat(_text(flagship_pdf))
    assert "owns 99.99%" in text
    assert "Russian Railways (RZD)" in text
    assert "deadline (S/RES/2375 (2017), para. 18) 2018-01-09" in text


@pytest.mark.pdf
def test_pdf_metadata_bookmarks_and_attachments(flagship_pdf: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(flagship_pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title is not None
    assert "internet transit" in meta.title
    assert meta.author == "compliance project (example case)"
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Executive summary" in titles
    assert "Findings" in titles
    assert any(isinstance(o, list) for o in reader.outline)  # findings nested
    attachments = reader.attachments
    assert "dprk-internet-transit-2017.yaml" in attachments
    assert attachments["dprk-internet-transit-2017.yaml"][0] == FLAGSHIP.read_bytes()
    json_name = "dprk-internet-transit-2017-2017-10-02-findings.json"
    assert b'"wind_down"' in attachments[json_name][0]
    assert b"pdfaid:part" in flagship_pdf or b"/Metadata" in flagship_pdf


def _structure(node: Any, found: list[dict[str, Any]]) -> None:
    """Every structure element under ``node``, depth first."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if not isinstance(node, dict):
        return
    if "/S" in node:
        found.append(node)
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if kid is not None:
            _structure(kid, found)


@pytest.mark.pdf
def test_pdf_is_tagged_with_language_headings_tables_lists_notes_and_figures(
        flagship_pdf: bytes) -> None:
    """PDF/A-3a: a structure tree screen readers and accessibility checks can follow."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(flagship_pdf))
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="A"' in xmp
    elements: list[dict[str, Any]] = []
    _structure(root["/StructTreeRoot"], elements)
    tags = {str(e["/S"]) for e in elements}
    assert {"/Document", "/H1", "/H2", "/H3", "/P", "/Table", "/THead", "/TR", "/TH", "/TD",
            "/L", "/LI", "/LBody", "/Note", "/Figure", "/Link"} <= tags
    notes = [e for e in elements if e["/S"] == "/Note"]
    assert [str(n["/ID"]) for n in notes] == [f"note-{i}" for i in range(1, len(notes) + 1)]
    assert len(notes) >= 20
    figures = [str(e.get("/Alt", "")) for e in elements if e["/S"] == "/Figure"]
    assert [f.split(".")[0] for f in figures] == ["Relationship diagram", "Timeline"]
    assert "JSC TransTeleCom" in figures[0]
    headings = [e for e in elements if e["/S"] == "/H1"]
    assert len(headings) >= 8


@pytest.mark.pdf
def test_each_attachment_is_listed_once(flagship_pdf: bytes) -> None:
    """WeasyPrint listed each attachment twice in the catalogue's /AF."""
    from pypdf import PdfReader

    root: Any = PdfReader(io.BytesIO(flagship_pdf)).trailer["/Root"]
    listed = [ref.idnum for ref in root["/AF"]]
    assert len(listed) == len(set(listed)) == 2
    names = {str(ref.get_object()["/F"]) for ref in root["/AF"]}
    assert names == {"dprk-internet-transit-2017.yaml",
                     "dprk-internet-transit-2017-2017-10-02-findings.json"}


@pytest.mark.pdf
def test_two_renders_are_byte_identical(flagship: LoadedCase, rulebook: Rulebook,
                                        flagship_pdf: bytes) -> None:
    again = pdf_bytes(prepare(flagship, rulebook, None))
    assert again == flagship_pdf


def test_refuses_to_overwrite_without_force(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "r.html"
    out.write_text("keep me")
    args = ["report", str(FLAGSHIP), "--rules", str(RULES), "--format", "html", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_text() == "keep me"
    result = runner.invoke(app, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_default_output_path(tmp_path: Path, runner: CliRunner,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(FLAGSHIP), "--rules", str(RULES),
                                 "--format", "html", "--as-of", "2018-02-01"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / "dprk-internet-transit-2017-2018-02-01.html").is_file()


def _hostile_case(tmp_path: Path) -> Path:
    """The flagship with every free-text value replaced by hostile strings."""
    import yaml

    data = yaml.safe_load(FLAGSHIP.read_text())
    counter = iter(range(10_000))
    free_text = {"title", "summary", "publisher", "author", "name", "quote", "locator",
                 "note", "description", "about", "assumption", "resolution", "prepared_by"}

    def poison(node: object) -> object:
        if isinstance(node, dict):
            return {k: (" ".join(HOSTILE) + f" #{next(counter)}"
                        if k in free_text and isinstance(v, str) else poison(v))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [poison(v) for v in node]
        return node

    data = poison(data)
    assert isinstance(data, dict)
    data["aliases"] = None
    data.pop("aliases")
    for party in data["parties"]:
        party["aliases"] = HOSTILE
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_hostile_strings_are_escaped_in_html(tmp_path: Path, rulebook: Rulebook) -> None:
    loaded = load_case(_hostile_case(tmp_path))
    html = prepare(loaded, rulebook, None).html
    for bad in ("<script>", '<img src="file:', "<link rel=stylesheet href=\"http",
                "</style>"):
        assert bad not in html
    assert "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html  # shown as text, never evaluated
    assert "49 #" not in html
    assert html.count("<style") == 0
    assert html.count("<link") == 1


@pytest.mark.pdf
def test_hostile_case_renders_and_fetches_only_templates(tmp_path: Path,
                                                         rulebook: Rulebook) -> None:
    from compliance.render.pdf import local_fetcher, render_pdf

    loaded = load_case(_hostile_case(tmp_path))
    log: list[str] = []
    data = render_pdf(prepare(loaded, rulebook, None).html,
                      url_fetcher=local_fetcher(log=log))
    assert data.startswith(b"%PDF")
    assert log, "the stylesheet and fonts must come through the fetcher"
    root = TEMPLATES_DIR.resolve().as_uri() + "/"
    assert all(url.startswith(root) for url in log), log
    assert "<script>" in _text(data)  # printed as text


@pytest.mark.pdf
def test_fetcher_refuses_outside_templates() -> None:
    from compliance.render.pdf import local_fetcher

    fetch = local_fetcher()
    for url in ("file:///etc/passwd", "http://example.com/x.css", "data:text/css,x",
                (TEMPLATES_DIR / ".." / "pyproject.toml").as_uri()):
        with pytest.raises(ValueError, match="refused"):
            fetch(url)
    assert fetch((TEMPLATES_DIR / "print.css").as_uri()).status == 200


@pytest.mark.pdf
@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.yaml")))
def test_footnotes_stay_on_their_pages(case: str, rulebook: Rulebook) -> None:
    """The footnote trap: a styled @footnote area pushes notes to later pages.

    Every note is printed at the bottom of the page that calls it, and every
    note the view model numbers is printed (repeated evidence refers back to
    its first note instead of printing a new one).  WeasyPrint 70 also strands a
    note when break-after: avoid chains down to its call, so every shipped case
    is checked, not only the flagship.
    """
    from compliance.render.pdf import layout

    prepared = prepare(load_case(CASES / case), rulebook, None)
    document = layout(prepared.html)

    def boxes(box: Any) -> Iterator[Any]:
        yield box
        for child in getattr(box, "children", None) or ():
            yield from boxes(child)

    placed: list[str] = []
    for page in document.pages:
        calls, bodies = set(), set()
        for child in page._page_box.children:
            if type(child).__name__ == "FootnoteAreaBox":
                bodies |= {b.element.get("data-n") for b in child.children}
            else:
                calls |= {b.element.get("data-n") for b in boxes(child)
                          if getattr(b, "element_tag", "") == "span::footnote-call"}
        assert calls == bodies, (page, sorted(calls), sorted(bodies))
        placed.extend(bodies)
    view = prepared.view
    numbered = {fn.number for sec in view.sections for f in sec.findings
                for fact in (*sec.facts, *f.facts) for fn in fact.footnotes}
    numbered |= {fn.number for d in view.disagreements for fn in d.footnotes}
    assert len(numbered) >= 5
    assert sorted(int(n) for n in placed) == sorted(numbered) == list(range(1, len(placed) + 1))


@pytest.mark.pdf
def test_only_bundled_fonts_are_used(flagship: LoadedCase, rulebook: Rulebook) -> None:
    """The fonts come from templates/fonts, never from the machine's own DejaVu.

    The bundled family was once also called "DejaVu Sans", and fontconfig picked
    the system files of that name for regular and bold text.
    """
    import hashlib

    from weasyprint.pdf.fonts import get_hb_object_data  # the font file as loaded

    from compliance.render.pdf import layout, write_document

    document = layout(prepare(flagship, rulebook, None).html)
    write_document(document)
    bundled = {hashlib.sha256(p.read_bytes()).hexdigest()
               for p in (TEMPLATES_DIR / "fonts").glob("*.ttf")}
    used = {hashlib.sha256(get_hb_object_data(f.hb_face)).hexdigest()
            for f in document.fonts.values()}
    assert len(used) == 4
    assert used <= bundled


@pytest.mark.pdf
def test_a_note_weasyprint_moves_to_the_next_page_is_brought_back(
        flagship: LoadedCase, rulebook: Rulebook) -> None:
    """WeasyPrint 70 moves a page's last note to the next page to fit one more line.

    With a larger bottom margin it does so on the flagship: under ordinary
    orphans and widows plain WeasyPrint strands a note, which layout() brings
    back; the stylesheet's unsplittable paragraphs alone already prevent it.
    Which margins reproduce it depends on the content (18-20 mm and 26.5-30 mm
    have done for the flagship); the first of several that does is used.
    """
    from compliance.render import footnotes
    from compliance.render.pdf import import_weasyprint, layout, local_fetcher

    html = prepare(flagship, rulebook, None).html

    def plain(extra: str) -> Any:
        return import_weasyprint().HTML(
            string=html.replace("</head>", f"<style>{extra}</style></head>", 1),
            base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=local_fetcher()).render()

    ordinary = "p, li { orphans: 2; widows: 2 }"
    margin = next((m for m in ("19mm", "28mm", "23mm", "31mm", "16mm", "25.5mm", "34mm")
                   if footnotes.stranded(plain(f"@page {{ margin-bottom: {m} }} {ordinary}"))),
                  None)
    assert margin, "no margin reproduces the move any more: pick new ones"
    extra = f"@page {{ margin-bottom: {margin} }}"
    moved = html.replace("</head>", f"<style>{extra} {ordinary}</style></head>", 1)
    assert footnotes.stranded(layout(moved)) == []
    assert footnotes.stranded(plain(extra)) == []


def test_findings_attachment_is_indented_utf8_json(flagship: LoadedCase,
                                                    rulebook: Rulebook) -> None:
    """pydantic-core writes the attachment; it matches the standard library's output."""
    import json

    from compliance.pipeline import assess
    from compliance.render.report import assessment_json as findings_json

    assessment = assess(flagship, rulebook)
    expected = json.dumps(assessment.model_dump(mode="json"), indent=2, ensure_ascii=False)
    assert findings_json(assessment) == (expected + "\n").encode()
