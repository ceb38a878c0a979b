"""compliance.render.speedups.useragent scopes WeasyPrint's pseudo-element rules without
changing a report: the stylesheet keeps to its assumptions, the styles that remain
are WeasyPrint's, and the PDFs are the same."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase, load_case
from compliance.pipeline import report as prepare
from compliance.render.html import TEMPLATES_DIR
from compliance.render.speedups import useragent
from tests.conftest import CASES
from tests.test_render_patches import STYLED, _notes_document, _style_table

pytestmark = pytest.mark.pdf


def _declarations(rules: list[Any], selector: str = "") -> Iterator[tuple[str, str, str]]:
    """(selector, property, value) of every declaration, inside at-rules too."""
    import tinycss2

    for rule in rules:
        if rule.type == "qualified-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()
            yield from _declarations(tinycss2.parse_blocks_contents(rule.content), prelude)
        elif rule.type == "at-rule" and rule.content is not None:
            yield from _declarations(tinycss2.parse_blocks_contents(rule.content),
                                     f"@{rule.lower_at_keyword}")
        elif rule.type == "declaration":
            yield selector, rule.lower_name, tinycss2.serialize(rule.value).strip().lower()


def _report_css(rulebook: Rulebook) -> list[tuple[str, str, str]]:
    """print.css and every style attribute of the shipped cases' reports."""
    import tinycss2

    found = list(_declarations(tinycss2.parse_stylesheet(
        (TEMPLATES_DIR / "print.css").read_text(), skip_whitespace=True, skip_comments=True)))
    for path in sorted(CASES.glob("*.yaml")):
        html = prepare(load_case(path), rulebook, None).html
        for attribute in re.findall(r'style="([^"]*)"', html):
            found += _declarations(tinycss2.parse_blocks_contents(attribute), "[style]")
    return found


def test_the_report_css_keeps_to_the_scoped_pseudo_elements(rulebook: Rulebook) -> None:
    """List items only from ``li``, footnotes only in ``.fn``, no ``note()``."""
    declarations = _report_css(rulebook)
    assert len(declarations) > 200
    footnotes = [selector for selector, name, value in declarations
                 if name == "float" and "footnote" in value]
    assert footnotes
    assert set(footnotes) == {".fn"}
    assert not [d for d in declarations if d[1] == "display" and "list-item" in d[2]]
    assert not [d for d in declarations if d[1] in ("position", "float")
                and re.search(r"\bnote\b", d[2])]
    assert useragent.HOMES["footnote-call"] == useragent.HOMES["footnote-marker"] == ("class", "fn")
    assert useragent.HOMES["marker"] == ("element", "li")


@pytest.mark.parametrize("html", [STYLED, _notes_document()], ids=["styled", "notes"])
def test_pseudo_element_styles_remain_where_they_apply(html: str) -> None:
    original = _style_table(html, scoped_ua=False)
    scoped = _style_table(html)
    dropped = {key[2] for key in original.keys() - scoped.keys()}
    assert dropped == {"marker", "footnote-call", "footnote-marker", "note-call",
                       "note-marker", "note-callback"}
    assert len(scoped) * 3 < len(original)
    assert all(original[key] == values for key, values in scoped.items())
    for tag, kind, pseudo, _ in scoped:
        if pseudo == "marker":
            assert tag == "li"
        elif pseudo in ("footnote-call", "footnote-marker"):
            assert kind == "fn"


def test_the_scoped_sheet_gives_the_same_pdfs(flagship: LoadedCase, rulebook: Rulebook,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance.render.pdf import layout, write_document

    documents = (STYLED, _notes_document(), prepare(flagship, rulebook, None).html)
    scoped = [write_document(layout(html)) for html in documents]
    monkeypatch.setattr(useragent, "scoped", lambda sheet: None)
    assert [write_document(layout(html)) for html in documents] == scoped


def test_only_weasyprint_70s_pseudo_element_rules_are_scoped() -> None:
    from weasyprint import CSS
    from weasyprint.html import UA_STYLESHEET

    from compliance.render.pdf import import_weasyprint

    import_weasyprint()
    sheet = useragent.scoped(UA_STYLESHEET)
    assert sheet is not None
    assert sheet is not UA_STYLESHEET
    assert sheet.matcher is not UA_STYLESHEET.matcher
    assert useragent.scoped(UA_STYLESHEET) is sheet
    assert useragent.stylesheets() == [sheet]
    assert [entry for entry in UA_STYLESHEET.matcher.other_selectors if entry[3]]  # untouched
    assert useragent.scoped(CSS(string="::marker { color: red } ::before { content: 'x' }")) is None
