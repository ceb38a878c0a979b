"""Tables and text fit the text block of every page, measured on WeasyPrint's layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CASES, ROOT
from tests.figure_geometry import descendants, laid_out

STRESS = ROOT / "tests" / "fixtures" / "scripts" / "scripts-stress.yaml"


def overflows(document: Any) -> list[str]:
    """Each table and each piece of text that reaches past its page's text block."""
    found = []
    for number, page in enumerate(document.pages, 1):
        area = page._page_box
        right = area.content_box_x() + area.width
        for box in descendants(area):
            kind = type(box).__name__
            if kind not in ("TableBox", "TextBox"):
                continue
            end = box.border_box_x() + box.border_width()
            if end > right + 0.5:
                what = box.text[:40] if kind == "TextBox" else box.element.get("class")
                found.append(f"page {number}: {kind} {what!r} ends {end - right:.1f} px past"
                             " the text block")
    return found


@pytest.mark.pdf
@pytest.mark.parametrize("path", [*sorted(CASES.glob("*.yaml")), STRESS],
                         ids=lambda p: Path(p).stem)
def test_tables_and_text_fit_the_text_block(path: Path) -> None:
    """The findings table once ran 29 pt into the right margin; a 300-letter title
    ran off the page."""
    _, document = laid_out(path)
    assert overflows(document) == []
