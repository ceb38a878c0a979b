"""compliance.render.speedups.textpatches changes WeasyPrint's speed, never its output
(marker ``speedups``, as in ``test_render_patches``)."""

from __future__ import annotations

from typing import Any

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.pipeline import report as prepare
from compliance.render.speedups import textpatches
from tests.test_render_patches import STYLED, _notes_document, _pdfs, _removed, needs

pytestmark = [pytest.mark.pdf, pytest.mark.speedups, needs("remember_struts")]


def test_remembered_struts_give_the_same_pdfs(flagship: LoadedCase, rulebook: Rulebook) -> None:
    documents = (STYLED, _notes_document(), prepare(flagship, rulebook, None).html)
    with _removed("remember_struts", textpatches):
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
