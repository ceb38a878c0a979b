"""Read a figure's labels and shapes back from its HTML, and walk laid-out boxes, for tests."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

from compliance.render import measure, svg

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placed:
    """A label as the figure places it: its text and box (left, top, right, bottom)."""

    text: str
    box: Box
    size: float
    bold: bool
    ground: bool
    colour: str


@cache
def laid_out(path: Path) -> tuple[Any, Any]:
    """The report of a case file at its own date and WeasyPrint's layout of it, made
    once per test session (layout is the slow part of the figure and layout tests)."""
    from compliance.inputs.cases import load_case
    from compliance.pipeline import load_rulebook, report
    from compliance.render.pdf import layout
    from tests.conftest import RULES

    made = report(load_case(path), load_rulebook([RULES]), None)
    return made, layout(made.html)


def descendants(box: Any) -> Iterator[Any]:
    """A WeasyPrint ``box`` and every box inside it, margin boxes (running heads) left out."""
    yield box
    for child in getattr(box, "children", None) or ():
        if type(child).__name__ != "MarginBox":
            yield from descendants(child)


def labels(figure: str) -> list[Placed]:
    out = []
    for kind, style, text in re.findall(
            r'<span class="(chart-label[^"]*)" style="([^"]*)">([^<]*)</span>', figure):
        value = dict(part.split(":", 1) for part in style.split(";"))
        size = float(value["font-size"].removesuffix("px"))
        bold = value.get("font-weight") == "bold"
        ground = "grounded" in kind
        text = unescape(text)
        left = float(value["left"].removesuffix("px"))
        top = float(value["top"].removesuffix("px"))
        width = measure.width(text, size, bold) + (2 * svg.PAD if ground else 0)
        out.append(Placed(text, (left, top, left + width, top + size), size, bold, ground,
                          value["color"]))
    return out


def drawing(figure: str) -> ET.Element:
    found = re.search(r"<svg.*</svg>", figure, re.S)
    assert found, "no drawing"
    return ET.fromstring(found.group(0))


def size(figure: str) -> tuple[float, float]:
    root = drawing(figure)
    return float(root.get("width", 0)), float(root.get("height", 0))


def shapes(figure: str) -> dict[str, list[Box]]:
    """Bounding boxes of the drawing's lines, rectangles and paths (not the arrowhead
    marker's definition)."""
    root = drawing(figure)
    out: dict[str, list[Box]] = {"line": [], "rect": [], "path": []}
    for line in root.iter(f"{SVG}line"):
        x1, y1, x2, y2 = (float(line.get(a, 0)) for a in ("x1", "y1", "x2", "y2"))
        out["line"].append((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
    for rect in root.iter(f"{SVG}rect"):
        x, y, w, h = (float(rect.get(a, 0)) for a in ("x", "y", "width", "height"))
        out["rect"].append((x, y, x + w, y + h))
    defs = {id(p) for d in root.iter(f"{SVG}defs") for p in d.iter(f"{SVG}path")}
    for path in root.iter(f"{SVG}path"):
        if id(path) in defs:
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
        xs, ys = numbers[0::2], numbers[1::2]
        out["path"].append((min(xs), min(ys), max(xs), max(ys)))
    return out


def overlap(a: Box, b: Box, tolerance: float = 0.2) -> bool:
    return (a[0] < b[2] - tolerance and b[0] < a[2] - tolerance
            and a[1] < b[3] - tolerance and b[1] < a[3] - tolerance)


def inside(a: Box, outer: Box, tolerance: float = 0.5) -> bool:
    return (a[0] >= outer[0] - tolerance and a[1] >= outer[1] - tolerance
            and a[2] <= outer[2] + tolerance and a[3] <= outer[3] + tolerance)


def problems(figure: str, *, timeline: bool) -> list[str]:
    """Every clipped label, pair of overlapping labels, and (in the timeline) label on
    a line or marker; in the diagram, an edge label on a party's box or a name
    outside its box."""
    width, height = size(figure)
    placed = labels(figure)
    found = []
    for i, a in enumerate(placed):
        if not inside(a.box, (0, 0, width, height)):
            found.append(f"clipped: {a.text!r} {a.box}")
        found += [f"overlap: {a.text!r} / {b.text!r}" for b in placed[i + 1:]
                  if overlap(a.box, b.box)]
    drawn = shapes(figure)
    if timeline:
        for a in placed:
            for kind, boxes in drawn.items():
                found += [f"{a.text!r} on a {kind} {b}" for b in boxes if overlap(a.box, b)]
    else:
        for a in placed:
            if a.ground:
                found += [f"{a.text!r} on a party {b}" for b in drawn["rect"]
                          if overlap(a.box, b)]
            elif (a.size == svg.NAME or (a.colour == "#555555" and a.box[0] > 0)) and not any(
                    inside(a.box, b, 0.0) for b in drawn["rect"]):
                found.append(f"outside its box: {a.text!r}")
    return found
