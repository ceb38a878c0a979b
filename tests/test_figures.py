"""The relationship diagram and the timeline (compliance.render.svg, render.timeline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase, load_case
from compliance.models.case import Party, Relationship
from compliance.pipeline import assess
from compliance.render import measure, svg, timeline
from compliance.render.viewmodel import build_view
from compliance.render.viewtypes import Band, ReportView, TimelineRow
from tests import figure_geometry as geo
from tests.conftest import CASES, ROOT

STRESS = ROOT / "tests" / "fixtures" / "scripts" / "scripts-stress.yaml"
FIGURE_CASES = [*sorted(CASES.glob("*.yaml")), STRESS]


@pytest.fixture(scope="module")
def view(flagship: LoadedCase, rulebook: Rulebook) -> ReportView:
    return build_view(assess(flagship, rulebook), flagship, rulebook)


def _texts(figure: str) -> list[str]:
    return [label.text for label in geo.labels(figure)]


def test_diagram_shows_parties_kinds_shares_and_worst_status(view: ReportView) -> None:
    texts = _texts(view.diagram_svg)
    assert "JSC TransTeleCom" in texts
    assert "Russian Federation (RU)" in texts
    assert {"owns 99.99%", "owns 70%", "owns 30%"} <= set(texts)
    assert {"internet transit", "joint venture", "interconnection"} <= set(texts)
    strokes = {e.get("stroke") for e in geo.drawing(view.diagram_svg).iter(f"{geo.SVG}path")}
    assert svg.COLOURS["wind_down"] in strokes  # the Star JV edges
    assert svg.COLOURS["undetermined"] in strokes  # the transit edges
    assert svg.OWNERSHIP in strokes


def test_figures_draw_no_svg_text_and_have_alternative_text(view: ReportView) -> None:
    """WeasyPrint lays SVG text out a letter at a time; labels are HTML over the drawing.
    The drawing's <title> is the tagged PDF's alternative text."""
    for figure, name in ((view.diagram_svg, "Relationship diagram"),
                         (view.timeline_svg, "Timeline")):
        root = geo.drawing(figure)
        assert not list(root.iter(f"{geo.SVG}text"))
        title = root.find(f"{geo.SVG}title")
        assert title is not None
        assert (title.text or "").startswith(f"{name}. ")
        assert geo.labels(figure)
    alt = geo.drawing(view.timeline_svg).find(f"{geo.SVG}title")
    assert alt is not None
    assert "Star Joint Venture" in (alt.text or "")


@pytest.mark.parametrize("path", FIGURE_CASES, ids=lambda p: Path(p).stem)
def test_labels_are_not_clipped_and_cover_no_label_line_or_marker(
        path: Path, rulebook: Rulebook) -> None:
    loaded = load_case(path)
    view = build_view(assess(loaded, rulebook), loaded, rulebook)
    assert geo.problems(view.diagram_svg, timeline=False) == []
    assert geo.problems(view.timeline_svg, timeline=True) == []


def test_long_and_cjk_names_are_wrapped_or_keyed_not_cut(rulebook: Rulebook) -> None:
    loaded = load_case(STRESS)
    view = build_view(assess(loaded, rulebook), loaded, rulebook)
    texts = _texts(view.diagram_svg)
    assert "中国联合网络通信集团有限公司" in texts  # a full em a character, inside its box
    long_name = next(p.name for p in loaded.case.parties if p.id == "long-name")
    keyed = [t for t in texts if t.startswith("[") and long_name in t]
    assert len(keyed) == 1  # the legend gives the full name ...
    key = keyed[0].split()[0]
    assert any(t.endswith(f"\u2026 {key}") for t in texts)  # ... of the shortened label
    assert not any(t.endswith("...") for t in texts)


def test_label_widths_are_the_fonts_advance_widths() -> None:
    """DejaVu Sans: 'i' is narrow and 'W' wide; CJK ideographs are 1 em."""
    assert measure.width("i", 10) < 4 < measure.width("W", 10)
    assert measure.width("中国联通", 10) == pytest.approx(40)
    assert measure.width("조선", 10) == pytest.approx(18.4)  # Hangul: 0.92 em
    assert measure.width("AB", 10, bold=True) > measure.width("AB", 10)
    assert measure.wrap("中国联合网络通信集团有限公司", 10, 50) == [
        "中国联合网", "络通信集团", "有限公司"]
    lines, cut = measure.fit("one two three four five six", 10, 60, 2, key=" [1]")
    assert cut
    assert lines[-1].endswith("\u2026 [1]")
    assert all(measure.width(line, 10) <= 60 for line in lines)


def test_the_width_table_is_the_fonts_own() -> None:
    """widths.jsonl (written by scripts/subset_fonts.py) holds each font's advances."""
    from fontTools.ttLib import TTFont

    fonts = sorted(measure.FONTS.glob("*.ttf"))
    assert len(fonts) == 14
    for path in fonts:
        font = TTFont(path, lazy=True)
        metrics, upem = font["hmtx"].metrics, font["head"].unitsPerEm
        expected = {code: metrics[glyph][0] / upem for code, glyph in font.getBestCmap().items()}
        assert measure.advances(path.name) == expected, path.name
    for family in measure.FAMILIES:
        for bold in (False, True):
            assert (measure.FONTS / measure.font_file(family, bold)).is_file()


def test_timeline_marks_adoptions_deadline_and_assessment(view: ReportView) -> None:
    texts = _texts(view.timeline_svg)
    assert "S/RES/2375 (2017) adopted 2017-09-11" in texts
    assert "deadline (S/RES/2375 (2017), para. 18) 2018-01-09" in texts
    assert "assessed 2017-10-02" in texts
    assert any(t.startswith("TransTeleCom's internet transit") for t in texts)


def _rect_widths(figure: str) -> list[float]:
    return [b[2] - b[0] for b in geo.shapes(figure)["rect"]]


def test_open_end_markers_and_far_dates_are_drawn_at_the_edge() -> None:
    """9999-12-31 (an open end) and 0001-01-01 do not crash the timeline or stretch it."""
    rows = [TimelineRow("open", (Band(dt.date(2008, 12, 15), dt.date(9999, 12, 31),
                                      "undetermined", "from 2008-12-15 to 9999-12-31"),),
                        (dt.date(2008, 12, 15), dt.date(9999, 12, 31))),
            TimelineRow("always", (Band(dt.date(1, 1, 1), None, "exempt", "from 0001-01-01"),),
                        (dt.date(1, 1, 1), None))]
    marks = [(dt.date(2017, 9, 11), "S/RES/2375 (2017) adopted", "adopted")]
    figure = timeline.timeline(rows, marks)
    years = [t for t in _texts(figure) if t.isdigit()]
    assert years[0] == "2008"
    assert int(years[-1]) <= 2019
    assert any("drawn at the edge" in t for t in _texts(figure))
    assert geo.problems(figure, timeline=True) == []


def test_short_relationships_are_visible_and_a_one_day_act_is_a_marker() -> None:
    marks = [(dt.date(1990, 1, 1), "early", "adopted"), (dt.date(2020, 1, 1), "late", "adopted")]
    rows = [TimelineRow("month", (Band(dt.date(2005, 3, 1), dt.date(2005, 3, 31), "prohibited",
                                       "2005-03-01 to 2005-03-31"),),
                        (dt.date(2005, 3, 1), dt.date(2005, 3, 31))),
            TimelineRow("day", (Band(dt.date(2006, 5, 5), dt.date(2006, 5, 5), "exempt",
                                     "on 2006-05-05"),),
                        (dt.date(2006, 5, 5), dt.date(2006, 5, 5)))]
    figure = timeline.timeline(rows, marks)
    solid = [e for e in geo.drawing(figure).iter(f"{geo.SVG}rect")
             if e.get("fill") == svg.COLOURS["prohibited"] and e.get("fill-opacity") is None]
    assert [float(e.get("width", 0)) for e in solid] == [timeline.MIN_BAR]
    diamonds = [e for e in geo.drawing(figure).iter(f"{geo.SVG}path")
                if e.get("fill") == svg.COLOURS["exempt"]]
    assert len(diamonds) == 1


def test_crowded_marks_stack_without_covering_lines() -> None:
    """Ten provisions adopted within weeks: each label finds a tier clear of every line."""
    marks = [(dt.date(2017, 8, 1) + dt.timedelta(days=9 * i), f"S/RES/{2370 + i} (2017) adopted",
              "adopted") for i in range(10)]
    marks.append((dt.date(2006, 10, 14), "S/RES/1718 (2006) adopted", "adopted"))
    rows = [TimelineRow("a row", (), (None, None))]
    figure = timeline.timeline(rows, sorted(marks))
    assert len([t for t in _texts(figure) if "adopted" in t]) == 11
    assert geo.problems(figure, timeline=True) == []


def test_a_crowded_diagram_keys_the_labels_it_has_no_room_for() -> None:
    """Thirty parties and ninety relationships: a label with no room near its line
    becomes a key there, and the legend gives its text and parties."""
    import random

    rng = random.Random(8)
    countries = ["KP", "KP", "RU", "CN", "TH", "HK", "DE", "EG", "MY", "SG"]
    parties = [Party.model_validate({"id": f"p{i}", "name": f"Party number {i} Ltd",
                                     "kind": "company", "country": countries[i % 10]})
               for i in range(svg.MAX_PARTIES)]
    kinds = ["internet_transit", "joint_venture", "roaming", "equipment_supply", "financing"]
    relationships = [Relationship.model_validate({
        "id": f"r{i}", "kind": rng.choice(kinds),
        "parties": [{"party": f"p{a}", "role": "provider"},
                    {"party": f"p{b}", "role": "customer"}]})
        for i, (a, b) in enumerate((rng.randrange(30), rng.randrange(30)) for _ in range(90))
        if a != b]
    figure = svg.relationship_diagram(parties, relationships, {})
    assert geo.problems(figure, timeline=False) == []
    assert any(":" in t and t.startswith("[") for t in _texts(figure))  # keyed edge labels


def test_labels_are_escaped() -> None:
    party = Party.model_validate({"id": "p", "name": "<b>&x</b>", "kind": "company",
                                  "country": "KP"})
    figure = svg.relationship_diagram([party], [], {})
    assert "<b>" not in figure
    assert "&lt;b&gt;&amp;x&lt;/b&gt;" in figure


def test_too_many_parties_or_rows_are_listed_not_drawn() -> None:
    parties = [Party.model_validate({"id": f"p{i}", "name": f"P{i}", "kind": "company",
                                     "country": "CN"}) for i in range(svg.MAX_PARTIES + 1)]
    figure = svg.relationship_diagram(parties, [], {})
    assert "<svg" not in figure
    assert f"omitted: {svg.MAX_PARTIES + 1} items" in figure
    rows = [TimelineRow(f"r{i}", ()) for i in range(timeline.MAX_ROWS + 1)]
    assert "<svg" not in timeline.timeline(rows, [])


def test_parallel_relationships_of_one_kind_are_one_labelled_line(flagship: LoadedCase) -> None:
    """Many contracts between the same carriers: one line, their number, the worst colour."""
    transit = next(r for r in flagship.case.relationships if r.id == "ttk-star-jv-transit")
    copies = [transit.model_copy(update={"id": f"transit-{i}"}) for i in range(40)]
    worst = {f"transit-{i}": "exempt" for i in range(40)} | {"transit-7": "prohibited"}
    figure = svg.relationship_diagram(flagship.case.parties, copies, worst)
    texts = _texts(figure)
    assert texts.count("internet transit \u00d740") == 1
    assert not any(t == "internet transit" for t in texts)
    edges = [e for e in geo.drawing(figure).iter(f"{geo.SVG}path")
             if e.get("stroke-width") == "2.4"]
    assert [e.get("stroke") for e in edges] == [svg.COLOURS["prohibited"]]
    assert geo.problems(figure, timeline=False) == []


@pytest.mark.pdf
@pytest.mark.parametrize("path", [CASES / "dprk-internet-transit-2017.yaml", STRESS],
                         ids=lambda p: Path(p).stem)
def test_laid_out_labels_are_where_and_as_wide_as_the_figure_planned(path: Path) -> None:
    """WeasyPrint's own layout of each label: at its planned place, no wider than its
    measured width (so the checks above, made on the plan, hold for the PDF)."""
    prepared, document = geo.laid_out(path)
    planned = {(p.text, round(p.box[0], 1), round(p.box[1], 1)): p
               for figure in (prepared.view.diagram_svg, prepared.view.timeline_svg)
               for p in geo.labels(figure)}
    seen = 0
    for page in document.pages:
        charts = [b for b in geo.descendants(page._page_box)
                  if b.element is not None and b.element.get("class") == "chart"
                  and b.element_tag == "div"]
        for chart in charts:
            for box in geo.descendants(chart):
                kind = (box.element.get("class") or "") if box.element is not None else ""
                if not kind.startswith("chart-label") or box.element_tag != "span":
                    continue
                if type(box).__name__ != "AbsolutePlaceholder":
                    continue  # the positioned box, not its line or text
                text = "".join(box.element.itertext())
                x = box.border_box_x() - chart.content_box_x()
                y = box.border_box_y() - chart.content_box_y()
                plan = planned.get((text, round(x, 1), round(y, 1)))
                assert plan is not None, (text, x, y)
                assert box.border_width() <= plan.box[2] - plan.box[0] + 0.5, text
                seen += 1
    assert seen == len(planned)
