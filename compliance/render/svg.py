"""The report's figures: labels and framing shared by both, and the relationship diagram.

Each figure is an inline SVG of lines, boxes and bars with its text laid over it
as absolutely positioned HTML: WeasyPrint lays SVG text out one letter at a
time (a Pango layout per character), which made the flagship's two figures a
fifth of the PDF write.  One SVG unit is one CSS pixel, so labels are placed in
the same coordinates, and measured with the bundled fonts' advance widths
(:mod:`compliance.render.measure`): a name too long for its place is wrapped, or
shortened with a numbered key whose legend under the figure gives it in full.
Everything is built as strings with every text escaped and shown as printed
(:mod:`compliance.render.display`), and laid out deterministically (columns by
country for the diagram, a date axis for the timeline in ``render.timeline``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from compliance.countries import country_name
from compliance.models.case import Party, Relationship
from compliance.models.findings import STATUS_ORDER
from compliance.render import display, measure

COLOURS = {
    "prohibited": "#b3261e",
    "wind_down": "#c46a00",
    "undetermined": "#6a3d9a",
    "exempt": "#2e7d32",
    "not_applicable": "#8c8c8c",
}
OWNERSHIP = "#444444"
MAX_PARTIES = 30
WIDTH = 656
"""The figure width in CSS pixels: A4's 174 mm text width is 657.6 px."""
BOX_W, BOX_H, ROW = 170, 38, 66
SMALL, MEDIUM, NAME = 7.2, 7.7, 8.7
"""Label sizes in px (5.4, 5.8 and 6.5 pt)."""
ASCENT = 0.85
"""Where the baseline falls below the top of a one-em line, in em (DejaVu Sans)."""
PAD = 1.5
"""The white ground's padding left and right of a grounded label."""


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

    @cached_property
    def width(self) -> float:
        """The printed width, with the ground's padding."""
        return measure.width(self.text, self.size, self.bold) + (2 * PAD if self.ground else 0)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the label's box in figure coordinates."""
        left = {"start": self.x, "middle": self.x - self.width / 2,
                "end": self.x - self.width}[self.anchor]
        top = self.y - ASCENT * self.size
        return left, top, left + self.width, top + self.size

    def html(self) -> str:
        left, top, _, _ = self.box
        weight = ";font-weight:bold" if self.bold else ""
        kind = "chart-label grounded" if self.ground else "chart-label"
        return (f'<span class="{kind}" style="left:{left:.1f}px;top:{top:.1f}px;'
                f'font-size:{self.size:g}px;color:{self.colour}{weight}">{_t(self.text)}</span>')


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float],
            gap: float = 0.0) -> bool:
    """Whether two boxes (left, top, right, bottom) come closer than ``gap``."""
    return (a[0] < b[2] + gap and b[0] < a[2] + gap
            and a[1] < b[3] + gap and b[1] < a[3] + gap)


@dataclass
class Keys:
    """The legend of shortened labels: ``[1] the full text``, one entry per text."""

    entries: list[tuple[str, str]] = field(default_factory=list)

    def fit(self, text: str, size: float, limit: float, lines: int, bold: bool = False
            ) -> list[str]:
        """``text`` in at most ``lines`` lines of ``limit`` px; shortened, with a key
        whose legend entry gives it in full, only when it needs more lines."""
        text = display.reveal(text)
        key = f" [{len(self.entries) + 1}]"
        shown, cut = measure.fit(text, size, limit, lines, bold, key)
        if cut:
            self.entries.append((key.strip(), text))
        return shown

    def add(self, text: str) -> str:
        """A new key, ``[n]``, whose legend entry is ``text``."""
        key = f"[{len(self.entries) + 1}]"
        self.entries.append((key, display.reveal(text)))
        return key

    def legend(self, y: float, labels: list[Label]) -> float:
        """Print the legend from baseline ``y``; return the baseline after it."""
        for key, text in self.entries:
            for line in measure.wrap(f"{key} {text}", SMALL, WIDTH - 4):
                labels.append(Label(0, y, line, SMALL, colour="#555555"))
                y += 9.5
        return y


def _t(value: str) -> str:
    return escape(value)


def _a(value: str | float) -> str:
    return quoteattr(value if isinstance(value, str) else f"{value:.1f}")


def figure(height: float, body: list[str], labels: list[Label], title: str,
           description: str) -> str:
    """The SVG drawing with its labels over it, in a box of the drawing's size.

    The drawing's ``<title>`` is the figure's alternative text in the tagged PDF
    (WeasyPrint's Figure element); the labels are real text after it.
    """
    alt = display.reveal(f"{title}. {description}")
    return (f'<div class="chart" style="width:{WIDTH}px;height:{height:.0f}px">'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}"'
            f' width="{WIDTH}" height="{height:.0f}" role="img" aria-label={_a(title)}>'
            f"<title>{_t(alt)}</title>" + "".join(body)
            + "</svg>" + "".join(label.html() for label in labels) + "</div>")


def omitted(what: str, count: int, limit: int) -> str:
    return (f'<p class="chart-omitted">{_t(what)} omitted: {count} items exceed the limit'
            f" of {limit}; see the tables.</p>")


def legend(y: float, body: list[str], labels: list[Label],
           items: Sequence[tuple[str, str, str]]) -> float:
    """Swatches with their text from top ``y``, wrapping at the figure's width;
    ``items`` are (colour, text, style) with style ``line``, ``dashed``, ``pale``
    or ``diamond``.  Returns the y below the legend."""
    x = 0.0
    for colour, text, style in items:
        need = 26 + measure.width(text, MEDIUM) + 8
        if x and x + need > WIDTH:
            x, y = 0.0, y + 12
        if style == "pale":
            body.append(f'<rect x="{x:.1f}" y="{y + 4:.1f}" width="22" height="8"'
                        f' fill="{colour}" fill-opacity="0.22"/>')
        elif style == "diamond":
            body.append(f'<path d="{diamond(x + 11, y + 8)}" fill="{colour}"/>')
        else:
            dash = ' stroke-dasharray="4 3"' if style == "dashed" else ""
            body.append(f'<line x1="{x:.1f}" y1="{y + 8:.1f}" x2="{x + 22:.1f}"'
                        f' y2="{y + 8:.1f}" stroke="{colour}" stroke-width="2.4"{dash}/>')
        labels.append(Label(x + 26, y + 11, text, MEDIUM))
        x += need
    return y + 16


def diamond(x: float, y: float, r: float = 4.5) -> str:
    return f"M{x:.1f},{y - r:.1f} L{x + r:.1f},{y:.1f} L{x:.1f},{y + r:.1f} L{x - r:.1f},{y:.1f} z"


def status_items() -> list[tuple[str, str, str]]:
    return [(COLOURS[s], s.replace("_", " "), "line") for s in COLOURS]


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


def _party_labels(party: Party, x: float, y: float, keys: Keys) -> list[Label]:
    """The party's name (one or two lines, else shortened with a key) and country."""
    room = BOX_W - 10
    name = party.name
    if len(measure.wrap(display.reveal(name), NAME, room, bold=True)) > 2:
        alias = next((a for a in party.aliases if len(measure.wrap(
            display.reveal(a), NAME, room, bold=True)) == 1), None)
        if alias is not None:  # a short alias, keyed to the full name
            keys.entries.append((f"[{len(keys.entries) + 1}]", display.reveal(name)))
            name = f"{alias} {keys.entries[-1][0]}"
    lines = keys.fit(name, NAME, room, 2, bold=True)
    code = party.country.value
    sub = f"{country_name(code)} ({code})" if code else "country unknown"
    if code and measure.width(sub, SMALL) > room:
        sub = f"{country_name(code).split(',')[0]} ({code})"
    first = y - 2 if len(lines) == 1 else y - 7.5
    out = [Label(x, first + 10 * i, line, NAME, "middle", bold=True)
           for i, line in enumerate(lines)]
    out.append(Label(x, y + 12.5, sub, SMALL, "middle", "#555555"))
    return out


def relationship_diagram(parties: Sequence[Party], relationships: Sequence[Relationship],
                         worst: dict[str, str]) -> str:
    """Parties as boxes, relationships as edges coloured by their most serious finding."""
    if len(parties) > MAX_PARTIES:
        return omitted("Relationship diagram", len(parties), MAX_PARTIES)
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
    keys = Keys()
    labels: list[Label] = []
    for party in parties:
        labels.extend(_party_labels(party, *pos[party.id], keys))
    boxes = [(x - BOX_W / 2, y - BOX_H / 2, x + BOX_W / 2, y + BOX_H / 2)
             for x, y in pos.values()]
    described = []
    names = {p.id: p.name for p in parties}
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
        spot = Label((sx + 2 * mx + ex) / 4, (sy + 2 * my + ey) / 4 + 2.5, text, SMALL,
                     "middle", colour, ground=True)
        found = _clear_of(labels, boxes, spot)
        if found is None:  # no room near the line: a key there, the text in the legend
            spot = replace(spot, text=keys.add(f"{text}: {names[a]} \u2013 {names[b]}"))
            found = _clear_of(labels, boxes, spot) or _clear_of([], [], spot) or spot
        labels.append(found)
        described.append(f"{names[a]} and {names[b]}: {text}")
    for party in parties:
        x, y = pos[party.id]
        stroke = "#1a1a1a" if party.country.value == "KP" else "#777777"
        body.append(f'<rect x="{x - BOX_W / 2:.1f}" y="{y - BOX_H / 2:.1f}" width="{BOX_W}"'
                    f' height="{BOX_H}" rx="4" fill="#f7f7f4" stroke="{stroke}"/>')
    height = max([y + BOX_H / 2 for _, y in pos.values()] + [lab.box[3] for lab in labels],
                 default=40) + 20
    height = legend(height, body, labels,
                    [*status_items(), (OWNERSHIP, "ownership share", "dashed")])
    height = keys.legend(height + 8, labels) - 2
    description = (f"{len(parties)} parties; " + "; ".join(described) + "."
                   if described else f"{len(parties)} parties and no relationship.")
    return figure(height, body, labels, "Relationship diagram", description)


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


def _clear_of(placed: Sequence[Label], boxes: Sequence[tuple[float, float, float, float]],
              label: Label) -> Label | None:
    """The nearest copy of ``label`` (moved by at most :data:`NUDGES`) that overlaps no
    placed label and no party's box, inside the figure's width; ``None`` if none does."""
    half = label.width / 2
    others = [p.box for p in placed] + list(boxes)
    for dx, dy in NUDGES:
        moved = replace(label, x=min(max(label.x + dx, half), WIDTH - half), y=label.y + dy)
        if moved.box[1] >= 0 and not any(overlap(moved.box, other, 1.0) for other in others):
            return moved
    return None


NUDGES = sorted(((dx, dy) for dx in range(-60, 61, 10) for dy in range(-50, 51, 5)),
                key=lambda d: (d[0] ** 2 + d[1] ** 2, d))
"""Where an edge label may move from its line's middle, nearest first."""
