"""compliance.render.speedups.textpatches changes WeasyPrint's speed, never its output."""

from __future__ import annotations

from typing import Any

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.pipeline import report as prepare
from compliance.render.speedups import patches, textpatches
from tests.test_render_patches import STYLED, _notes_document, _pdfs, _removed

pytestmark = pytest.mark.pdf


@pytest.mark.parametrize("patch", ["remember_struts", "reuse_text_setup"])
def test_each_text_patch_gives_the_same_pdfs(patch: str, flagship: LoadedCase,
                                             rulebook: Rulebook) -> None:
    documents = (STYLED, _notes_document(), prepare(flagship, rulebook, None).html)
    with _removed(patch, textpatches):
        without = _pdfs(documents)
    assert without == _pdfs(documents)


def test_every_module_that_imported_strut_gets_the_memo() -> None:
    import sys

    from compliance.render.pdf import import_weasyprint

    import_weasyprint()
    from weasyprint.text import line_break

    def holders(function: Any) -> set[str]:
        return {name for name, module in list(sys.modules.items())
                if name.startswith("weasyprint.") and getattr(module, "strut", None) is function}

    textpatches.remember_struts(False)
    original = line_break.strut
    assert original.__module__ == "weasyprint.text.line_break"
    users = holders(original)
    assert {"weasyprint.text.line_break", "weasyprint.layout.inline",
            "weasyprint.css.units"} <= users
    for _ in range(2):
        textpatches.remember_struts(True)
        assert holders(textpatches._strut_memo) == users
        assert not holders(original)


def _layout_state(layout: Any) -> tuple[Any, ...]:
    """What a set-up ``Layout`` holds and how it shapes a mixed line, comparably."""
    from weasyprint.text.ffi import ffi
    from weasyprint.text.line_break import line_size

    layout.set_text("Stra\u00dfe 0123 office \u05e9\u05dc\u05d5\u05dd fi \u00e9t\u00e9")
    line, _ = layout.get_first_line()
    glyphs = []
    run = line.runs[0]
    while run != ffi.NULL:
        string = run.data.glyphs
        glyphs.append(tuple((g.glyph, g.geometry.width, g.geometry.x_offset)
                            for g in string.glyphs[0:string.num_glyphs]))
        run = run.next
    return (tuple(glyphs), line_size(line, layout.style), layout.first_line_direction,
            layout.language, layout.style,
            *[getattr(layout, name, "unset") for name in (
                "ascent", "underline_position", "strikethrough_position",
                "underline_thickness", "strikethrough_thickness")])


def test_text_setup_makes_the_layouts_weasyprint_makes() -> None:
    """Every style of the styled document (languages, directions, decorations,
    OpenType features), set up by WeasyPrint and by the shortcut, twice."""
    from weasyprint.css import get_all_computed_styles
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.text.line_break import Layout

    from compliance.render.pdf import parse

    document = parse(STYLED)
    textpatches.reuse_text_setup(True)
    styles = get_all_computed_styles(document, font_config=FontConfiguration())
    seen = set()
    for style in styles.get_computed_styles().values():
        original = Layout.__new__(Layout)
        patches.ORIGINAL["text_setup"](original, style)
        for _ in range(2):
            shortcut = Layout.__new__(Layout)
            textpatches._text_setup(shortcut, style)
            assert _layout_state(shortcut) == _layout_state(original)
        seen.add(_layout_state(original)[:2])
    assert len(seen) >= 6


def test_the_text_setup_is_installed_only_over_weasyprint_70s_method(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance.render.pdf import import_weasyprint

    weasyprint = import_weasyprint()
    from weasyprint.text.line_break import Layout

    textpatches.reuse_text_setup(False)
    assert Layout.setup.__module__ == "weasyprint.text.line_break"
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    textpatches.reuse_text_setup(True)
    assert Layout.setup.__module__ == "weasyprint.text.line_break"
    monkeypatch.undo()
    for _ in range(2):
        textpatches.reuse_text_setup(True)
        assert Layout.setup is textpatches._text_setup
