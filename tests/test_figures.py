"""The relationship diagram and the timeline (compliance.render.svg)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.models.case import Party
from compliance.pipeline import assess
from compliance.render import svg
from compliance.render.viewmodel import build_view
from compliance.render.viewtypes import ReportView

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def view(flagship: LoadedCase, rulebook: Rulebook) -> ReportView:
    return build_view(assess(flagship, rulebook), flagship, rulebook)


def _labels(figure: str) -> list[tuple[str, str]]:
    """(style, text) of every label laid over a figure."""
    return [(style, ET.fromstring(f"<x>{text}</x>").text or "") for style, text in
            re.findall(r'<span class="chart-label[^"]*" style="([^"]*)">([^<]*)</span>', figure)]


def _drawing(figure: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", figure, re.S).group(0))  # type: ignore[union-attr]


def test_diagram_shows_parties_kinds_shares_and_worst_status(view: ReportView) -> None:
    texts = [text for _, text in _labels(view.diagram_svg)]
    assert "JSC TransTeleCom" in texts
    assert "Russian Federation (RU)" in texts
    assert {"owns 99.99%", "owns 70%", "owns 30%"} <= set(texts)
    assert {"internet transit", "joint venture", "interconnection"} <= set(texts)
    strokes = {e.get("stroke") for e in _drawing(view.diagram_svg).iter(f"{SVG}path")}
    assert svg.COLOURS["wind_down"] in strokes  # the Star JV edges
    assert svg.COLOURS["undetermined"] in strokes  # the transit edges
    assert svg.OWNERSHIP in strokes


def test_figures_draw_no_svg_text(view: ReportView) -> None:
    """WeasyPrint lays SVG text out a letter at a time; labels are HTML over the drawing."""
    for figure in (view.diagram_svg, view.timeline_svg):
        assert not list(_drawing(figure).iter(f"{SVG}text"))
        assert _labels(figure)


def test_edge_labels_do_not_cover_each_other(view: ReportView) -> None:
    """Two relationships between the same parties bend apart; their labels do not overlap."""
    boxes = []
    for style, text in _labels(view.diagram_svg):
        if "translateX(-50%)" in style and "#1a1a1a" not in style and "#555555" not in style:
            x = float(re.search(r"left:([\d.]+)px", style).group(1))  # type: ignore[union-attr]
            y = float(re.search(r"top:([\d.-]+)px", style).group(1))  # type: ignore[union-attr]
            half = svg._width(text, svg.SMALL) / 2
            boxes.append((x - half, x + half, y, y + 8, text))
    assert len(boxes) >= 7
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2], (a, b)


def test_timeline_marks_adoptions_deadline_and_assessment(view: ReportView) -> None:
    texts = [text for _, text in _labels(view.timeline_svg)]
    assert "S/RES/2375 (2017) adopted 2017-09-11" in texts
    assert "deadline (S/RES/2375 (2017), para. 18) 2018-01-09" in texts
    assert "assessed 2017-10-02" in texts
    assert any(t.startswith("TransTeleCom's internet transit") for t in texts)


def test_labels_are_escaped() -> None:
    party = Party.model_validate({"id": "p", "name": "<b>&x</b>", "kind": "company",
                                  "country": "KP"})
    figure = svg.relationship_diagram([party], [], {})
    assert "<b>" not in figure
    assert "&lt;b&gt;&amp;x&lt;/b&gt;" in figure


def test_too_many_parties_are_listed_not_drawn() -> None:
    parties = [Party.model_validate({"id": f"p{i}", "name": f"P{i}", "kind": "company",
                                     "country": "CN"}) for i in range(svg.MAX_PARTIES + 1)]
    figure = svg.relationship_diagram(parties, [], {})
    assert "<svg" not in figure
    assert f"omitted: {svg.MAX_PARTIES + 1} items" in figure


def test_parallel_relationships_of_one_kind_are_one_labelled_line(flagship: LoadedCase) -> None:
    """Many contracts between the same carriers: one line, their number, the worst colour."""
    transit = next(r for r in flagship.case.relationships if r.id == "ttk-star-jv-transit")
    copies = [transit.model_copy(update={"id": f"transit-{i}"}) for i in range(40)]
    worst = {f"transit-{i}": "exempt" for i in range(40)} | {"transit-7": "prohibited"}
    figure = svg.relationship_diagram(flagship.case.parties, copies, worst)
    texts = [text for _, text in _labels(figure)]
    assert texts.count("internet transit \u00d740") == 1
    assert not any(t == "internet transit" for t in texts)
    edges = [e for e in _drawing(figure).iter(f"{SVG}path") if e.get("stroke-width") == "2.4"]
    assert [e.get("stroke") for e in edges] == [svg.COLOURS["prohibited"]]
    for style, _ in _labels(figure):
        assert float(re.search(r"top:([\d.-]+)px", style).group(1)) >= 0  # type: ignore[union-attr]
