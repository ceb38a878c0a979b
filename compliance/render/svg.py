"""The report's figures: the relationship diagram and the timeline.

Each figure is an inline SVG of lines, boxes and bars with its text laid over it
as absolutely positioned HTML: WeasyPrint lays SVG text out one letter at a
time (a Pango layout per character), which made the flagship's two figures a
fifth of the PDF write.  One SVG unit is one CSS pixel, so labels are placed in
the same coordinates.  Everything is built as strings with every text escaped,
and laid out deterministically (columns by country for the diagram, a date axis
for the timeline): the same case gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from compliance.models.case import Party, Relationship
from compliance.models.common import country_name
from compliance.models.findings import STATUS_ORDER
from compliance.render import display

COLOURS = {
    "prohibited": "#b3261e",
    "wind_down": "#c46a00",
    "undetermined": "#6a3d9a",
    "exempt": "#2e7d32",
    "not_applicable": "#8c8c8c",
}
OWNERSHIP = "#444444"
MAX_PARTIES = 30
MAX_ROWS = 60
WIDTH = 656
"""The figure width in CSS pixels: A4's 174 mm text width is 657.6 px."""
BOX_W, BOX_H, ROW = 170, 38, 66
SMALL, MEDIUM = 7.2, 7.7
"""Label sizes in px (5.4 and 5.8 pt)."""
ASCENT = 0.85
"""Where the baseline falls below the top of a one-em line, in em (DejaVu Sans)."""


@dataclass(frozen=True)
class Label:
    """Text placed over a figure; ``y`` is the baseline, as in SVG."""

    x: float
    y: float
    text: str
    size: float
    anchor: Literal["start", "middle", "end"] = "start"
    colour: str = "#1a1a1a"
    bold: bool = False
    ground: bool = False
    """On a white ground, hiding the lines under it."""

    def __post_init__(self) -> None:
        # Every figure label is case text shown as printed (render.display).
        object.__setattr__(self, "text", display.reveal(self.text))

    def html(self) -> str:
        top = self.y - ASCENT * self.size
        where = {"start": f"left:{self.x:.1f}px",
                 "middle": f"left:{self.x:.1f}px;transform:translateX(-50%)",
                 "end": f"right:{WIDTH - self.x:.1f}px"}[self.anchor]
        weight = ";font-weight:bold" if self.bold else ""
        kind = "chart-label grounded" if self.ground else "chart-label"
        return (f'<span class="{kind}" style="{where};top:{top:.1f}px;font-size:{self.size:g}px;'
                f'color:{self.colour}{weight}">{_t(self.text)}</span>')


def _t(value: str) -> str:
    return escape(value)


def _a(value: str | float) -> str:
    return quoteattr(value if isinstance(value, str) else f"{value:.1f}")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _figure(height: float, body: list[str], labels: list[Label], title: str) -> str:
    """The SVG drawing with its labels over it, in a box of the drawing's size."""
    return (f'<div class="chart" role="img" aria-label={_a(title)}'
            f' style="width:{WIDTH}px;height:{height:.0f}px">'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}"'
            f' width="{WIDTH}" height="{height:.0f}" aria-hidden="true">' + "".join(body)
            + "</svg>" + "".join(label.html() for label in labels) + "</div>")


def _omitted(what: str, count: int, limit: int) -> str:
    return (f'<p class="chart-omitted">{_t(what)} omitted: {count} items exceed the limit'
            f" of {limit}; see the tables.</p>")


def _columns(parties: Sequence[Party]) -> dict[str, tuple[float, float]]:
    """DPRK parties in the middle column; other countries split left and right."""
    groups: dict[str, list[Party]] = {}
    for party in parties:
        groups.setdefault(party.country.value or "~", []).append(party)
    middle = groups.pop("KP", [])
    left: list[Party] = []
    right: list[Party] = []
    for code in sorted(groups):
        (left if len(left) <= len(right) else right).extend(groups[code])
    pos: dict[str, tuple[float, float]] = {}
    for x, column in ((100.0, left), (WIDTH / 2, middle), (WIDTH - 100.0, right)):
        for i, party in enumerate(column):
            pos[party.id] = (x, 40 + BOX_H / 2 + i * ROW)
    return pos


def _edges(rel: Relationship) -> list[tuple[str, str]]:
    ids = [p.party for p in rel.parties]
    hub = next((p.party for p in rel.parties if p.role in ("venture", "owned")), None)
    if hub is None:
        hub = ids[0]
    return [(other, hub) for other in dict.fromkeys(ids) if other != hub]


def _clip(cx: float, cy: float, tx: float, ty: float) -> tuple[float, float]:
    """Where the segment from a box centre towards (tx, ty) leaves the box."""
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min((BOX_W / 2 + 3) / abs(dx) if dx else math.inf,
                (BOX_H / 2 + 3) / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale


def relationship_diagram(parties: Sequence[Party], relationships: Sequence[Relationship],
                         worst: dict[str, str]) -> str:
    """Parties as boxes, relationships as edges coloured by their most serious finding."""
    if len(parties) > MAX_PARTIES:
        return _omitted("Relationship diagram", len(parties), MAX_PARTIES)
    pos = _columns(parties)
    lines = _bundled(relationships, worst, pos)
    for party in parties:
        for owner in party.owners:
            if owner.owner in pos and party.id in pos:
                share = owner.share.value
                text = f"owns {share:g}%" if share is not None else "owns (share unknown)"
                lines.append((owner.owner, party.id, OWNERSHIP, text, True))
    seen: dict[frozenset[str], int] = {}
    body: list[str] = ['<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5"'
                       ' markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                       f'<path d="M0,0 L10,5 L0,10 z" fill="{OWNERSHIP}"/></marker></defs>']
    labels: list[Label] = []
    for a, b, colour, text, owns in lines:
        key = frozenset((a, b))
        k = seen.get(key, 0)
        seen[key] = k + 1
        (x1, y1), (x2, y2) = pos[a], pos[b]
        bend: float = (k + 1) // 2 * 28 * (1 if k % 2 else -1)  # 0, 28, -28, 56, ...
        if x1 == x2 and abs(y1 - y2) > ROW:
            bend = bend or (-1 if x1 < WIDTH / 2 else 1) * (40 + abs(y1 - y2) / 6)
            mx, my = x1 + bend, (y1 + y2) / 2
        else:
            length = math.hypot(x2 - x1, y2 - y1) or 1
            mx = (x1 + x2) / 2 - (y2 - y1) / length * bend
            my = (y1 + y2) / 2 + (x2 - x1) / length * bend
        sx, sy = _clip(x1, y1, mx, my)
        ex, ey = _clip(x2, y2, mx, my)
        dash = ' stroke-dasharray="4 3"' if owns else ""
        arrow = ' marker-end="url(#arrow)"' if owns else ""
        width = "1.2" if owns else "2.4"
        body.append(f'<path d="M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}"'
                    f' fill="none" stroke="{colour}" stroke-width="{width}"{dash}{arrow}/>')
        lx, ly = _clear_of(labels, (sx + 2 * mx + ex) / 4, (sy + 2 * my + ey) / 4, text)
        labels.append(Label(lx, ly + 2.5, text, SMALL, "middle", colour, ground=True))
    for party in parties:
        x, y = pos[party.id]
        code = party.country.value
        sub = f"{country_name(code)} ({code})" if code else "country unknown"
        stroke = "#1a1a1a" if code == "KP" else "#777777"
        body.append(f'<rect x="{x - BOX_W / 2:.1f}" y="{y - BOX_H / 2:.1f}" width="{BOX_W}"'
                    f' height="{BOX_H}" rx="4" fill="#f7f7f4" stroke="{stroke}"/>')
        labels.append(Label(x, y - 2, _short(party.name, 28), 8.7, "middle", bold=True))
        labels.append(Label(x, y + 11, _short(sub, 38), SMALL, "middle", "#555555"))
    height = max((y for _, y in pos.values()), default=40) + BOX_H / 2 + 20
    _legend(height, body, labels, ownership=True)
    return _figure(height + 24, body, labels, "Relationship diagram")


def _bundled(relationships: Sequence[Relationship], worst: dict[str, str],
             pos: dict[str, tuple[float, float]]) -> list[tuple[str, str, str, str, bool]]:
    """One line per pair of parties and kind of relationship, coloured by the most
    serious status among the relationships it stands for and labelled with their
    number when there are several (a portfolio of 200 transit contracts between
    the same two carriers is one line, not 200 bent ever further apart)."""
    groups: dict[tuple[frozenset[str], str], tuple[str, str, list[str]]] = {}
    for rel in relationships:
        kind = rel.kind.replace("_", " ")
        for a, b in _edges(rel):
            if a in pos and b in pos:
                group = groups.setdefault((frozenset((a, b)), kind), (a, b, []))
                group[2].append(worst.get(rel.id, "not_applicable"))
    lines = []
    for (_, kind), (a, b, statuses) in groups.items():
        most = min(statuses, key=STATUS_ORDER.__getitem__)
        text = kind if len(statuses) == 1 else f"{kind} \u00d7{len(statuses)}"
        lines.append((a, b, COLOURS[most], text, False))
    return lines


def _clear_of(placed: Sequence[Label], x: float, y: float, text: str) -> tuple[float, float]:
    """(x, y), or the nearest point above or below it where ``text`` overlaps no label."""
    half = _width(text, SMALL) / 2 + 2
    for dy in (0, 10, -10, 20, -20, 30, -30):
        if not any(abs(p.x - x) < half + _width(p.text, p.size) / 2 + 2
                   and abs(p.y - 2.5 - (y + dy)) < 10 for p in placed if p.anchor == "middle"):
            return x, y + dy
    return x, y


def _width(text: str, size: float) -> float:
    """A generous estimate of a label's width (DejaVu Sans averages 0.6 em a character)."""
    return 0.62 * size * len(text)


def _legend(y: float, body: list[str], labels: list[Label], *, ownership: bool) -> None:
    x = 0.0
    items = [(COLOURS[s], s.replace("_", " "), False) for s in COLOURS]
    if ownership:
        items.append((OWNERSHIP, "ownership share", True))
    for colour, text, dashed in items:
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        body.append(f'<line x1="{x:.1f}" y1="{y + 8:.1f}" x2="{x + 22:.1f}" y2="{y + 8:.1f}"'
                    f' stroke="{colour}" stroke-width="2.4"{dash}/>')
        labels.append(Label(x + 26, y + 11, text, MEDIUM))
        x += 34 + 5.2 * len(text)


def timeline(relationships: Sequence[Relationship], worst: dict[str, str],
             markers: Sequence[tuple[dt.date, str, str]]) -> str:
    """Each relationship's known period against adoption dates, deadlines and as-of."""
    if len(relationships) > MAX_ROWS:
        return _omitted("Timeline", len(relationships), MAX_ROWS)
    dates = [m[0] for m in markers]
    for rel in relationships:
        dates.extend(d for d in (*rel.start.bounds(), *rel.end.bounds()) if d)
    if not dates:
        return _omitted("Timeline", 0, 0)
    lo = dt.date(min(dates).year, 1, 1)
    hi = dt.date(max(dates).year + 1, 1, 1)
    left, right, top = 200.0, WIDTH - 10.0, 56.0
    span = (hi - lo).days or 1

    def x(day: dt.date) -> float:
        return left + (right - left) * (day - lo).days / span

    body: list[str] = []
    labels: list[Label] = []
    step = max(1, math.ceil((hi.year - lo.year) / 10))
    bottom = top + len(relationships) * 22 + 6
    for year in range(lo.year, hi.year + 1, step):
        gx = x(dt.date(year, 1, 1))
        body.append(f'<line x1="{gx:.1f}" y1="{top - 4:.1f}" x2="{gx:.1f}" y2="{bottom:.1f}"'
                    f' stroke="#dddddd" stroke-width="0.6"/>')
        labels.append(Label(gx, bottom + 11, str(year), SMALL, "middle", "#555555"))
    levels: list[float] = []
    for day, text, kind in markers:
        mx = x(day)
        level = next((i for i, last in enumerate(levels) if mx - last > 150), len(levels))
        if level == len(levels):
            levels.append(mx)
        levels[level] = mx
        colour = COLOURS["wind_down"] if kind == "deadline" else "#1a1a1a"
        dash = ' stroke-dasharray="3 2"' if kind == "as_of" else ""
        ty = 10 + level * 11
        label = f"{text} {day.isoformat()}"
        body.append(f'<line x1="{mx:.1f}" y1="{ty + 2:.1f}" x2="{mx:.1f}" y2="{bottom:.1f}"'
                    f' stroke="{colour}" stroke-width="0.9"{dash}/>')
        labels.append(Label(mx - 2, ty, label, SMALL, "end", colour, ground=True))
    for i, rel in enumerate(relationships):
        y = top + i * 22
        colour = COLOURS[worst.get(rel.id, "not_applicable")]
        labels.append(Label(0, y + 11, _short(rel.title or rel.id, 42), MEDIUM))
        body.extend(_bar(rel, x, y, colour, x(lo), x(hi)))
    _legend(bottom + 18, body, labels, ownership=False)
    labels.append(Label(0, bottom + 44, "Solid: known to be in operation; pale: possible (start"
                        " or end known only within bounds); arrow: continues after the last"
                        " recorded date.", SMALL, colour="#555555"))
    return _figure(bottom + 50, body, labels, "Timeline")


def _bar(rel: Relationship, x: Callable[[dt.date], float], y: float, colour: str,
         x_min: float, x_max: float) -> list[str]:
    s_lo, s_hi = rel.start.bounds()
    e_lo, e_hi = rel.end.bounds()
    sure_from = s_hi or s_lo
    sure_to = e_lo or e_hi
    out = []
    pale_from = x(s_lo) if s_lo else x_min
    pale_to = x(e_hi) if e_hi else x_max
    pale_w = max(pale_to - pale_from, 1)
    out.append(f'<rect x="{pale_from:.1f}" y="{y + 3:.1f}" width="{pale_w:.1f}"'
               f' height="10" fill="{colour}" fill-opacity="0.22"/>')
    if sure_from and sure_to and sure_to >= sure_from:
        a, b = x(sure_from), x(sure_to)
        out.append(f'<rect x="{a:.1f}" y="{y + 3:.1f}" width="{max(b - a, 2):.1f}" height="10"'
                   f' fill="{colour}"/>')
    if e_hi is None:
        out.append(f'<path d="M{x_max - 7:.1f},{y + 1:.1f} L{x_max:.1f},{y + 8:.1f}'
                   f' L{x_max - 7:.1f},{y + 15:.1f} z" fill="{colour}"/>')
    return out
