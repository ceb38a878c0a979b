"""The report's timeline: each relationship's status bands against provision dates.

A row per relationship draws its :class:`~compliance.render.viewtypes.Band` s (a
colour per status, a one-day act as a diamond, a short stretch never thinner than
:data:`MIN_BAR`), pale where its dates are only bounded, and an arrow where it
continues.  Its caption on the left gives its title and the dates of each band.
Vertical lines mark the adoption dates, deadlines and the assessment date; their
labels sit above the rows, each in the lowest tier where it overlaps no other
label and crosses no other line.  The drawn range is the years of all these
dates but those more than :data:`REACH` years from the marked dates: an open end
written 9999-12-31 or a start of 0001-01-01 is drawn at the edge, with an arrow,
and the note under the figure says so.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from compliance.models.case import Relationship
from compliance.models.findings import STATUS_ORDER, Finding
from compliance.models.rules import RuleSpec
from compliance.render import measure
from compliance.render.svg import (
    COLOURS,
    MEDIUM,
    SMALL,
    WIDTH,
    Keys,
    Label,
    diamond,
    figure,
    legend,
    omitted,
    overlap,
    status_items,
)
from compliance.render.viewtypes import STATUS_LABELS, Band, TimelineRow

MAX_ROWS = 60
ONE_DAY = dt.timedelta(days=1)
LEFT, RIGHT = 200.0, WIDTH - 10.0
"""The plot's left and right edges; captions are left of it."""
MIN_BAR = 4.0
"""The narrowest a band is drawn, in px (a month is 3 px over 13 years)."""
REACH = 25
"""Years drawn at most before the first and after the last marked date."""
TIER = 10.0
"""The height of a tier of marker labels."""
Mark = tuple[dt.date, str, str]
"""(date, text, kind): kind ``adopted``, ``deadline`` or ``as_of``."""


def marks(findings: Sequence[Finding], specs: dict[str, RuleSpec], as_of: dt.date
          ) -> list[Mark]:
    """The adoption dates of the provisions applied, the deadlines found and the
    assessment date."""
    found: set[Mark] = {(as_of, "assessed", "as_of")}
    for f in findings:
        spec = specs.get(f.rule)
        if spec is not None:
            found.add((spec.provision.adopted, f"{f.provision.instrument} adopted", "adopted"))
        if f.deadline:
            found.add((f.deadline, f"deadline ({f.provision.pinpoint})", "deadline"))
    return sorted(found)


def rows_from_histories(relationships: Sequence[Relationship], findings: Sequence[Finding],
                        until: dt.date) -> list[TimelineRow]:
    """One row per relationship: on each day, the most serious status any of its
    findings has on that day, as bands.  "Not applicable" is drawn only inside the
    relationship's recorded period (it was operating, and no provision reached it)."""
    by_rel: dict[str, list[Finding]] = {}
    for f in findings:
        by_rel.setdefault(f.relationship, []).append(f)
    rows = []
    for rel in relationships:
        s_lo, s_hi = rel.start.bounds()
        e_lo, e_hi = rel.end.bounds()
        spans = _worst_by_day(by_rel.get(rel.id, []))
        start, end = s_hi or s_lo, e_lo or e_hi
        bands = []
        for first, last, status in spans:
            if status == "not_applicable":
                if start is None:
                    continue
                first = max(first, start)
                if end is not None and last is not None:
                    last = min(last, end)
                elif end is not None:
                    last = end
                if last is not None and last < first:
                    continue
            bands.append(Band(first, last, status, _band_label(status, first, last)))
        rows.append(TimelineRow(rel.title or rel.id, tuple(bands), (s_lo, e_hi), until))
    return rows


def _worst_by_day(findings: Sequence[Finding]
                  ) -> list[tuple[dt.date, dt.date | None, str]]:
    """(first, last, status) stretches of the most serious status of ``findings`` on
    each day of their histories; ``last`` is ``None`` for the open end."""
    cuts = sorted({i.from_ for f in findings for i in f.history}
                  | {i.to + ONE_DAY for f in findings for i in f.history
                     if i.to is not None and i.to < dt.date.max})
    out: list[tuple[dt.date, dt.date | None, str]] = []
    for k, day in enumerate(cuts):
        covering = [i.status for f in findings for i in f.history
                    if i.from_ <= day and (i.to is None or day <= i.to)]
        if not covering:
            continue
        status = min(covering, key=STATUS_ORDER.__getitem__)
        # Past the last cut only an open interval covers a day.
        last = cuts[k + 1] - ONE_DAY if k + 1 < len(cuts) else None
        if out and out[-1][2] == status and out[-1][1] is not None \
                and out[-1][1] + ONE_DAY == day:
            out[-1] = (out[-1][0], last, status)
        else:
            out.append((day, last, status))
    return out


def _band_label(status: str, first: dt.date, last: dt.date | None) -> str:
    if last is None:
        when = f"from {first}"
    elif last == first:
        when = f"on {first}"
    else:
        when = f"{first} to {last}"
    return f"{STATUS_LABELS[status]} {when}"


def _year(year: int, shift: int) -> int:
    return min(max(year + shift, dt.MINYEAR), dt.MAXYEAR - 1)


def _range(rows: Sequence[TimelineRow], marks: Sequence[Mark]) -> tuple[dt.date, dt.date, bool]:
    """The first and last drawn day (1 January of their years), and whether any date
    of the rows lies outside them."""
    dates = [d for row in rows for band in row.bands for d in (band.start, band.end) if d]
    dates += [d for row in rows for d in row.possible if d]
    anchors = [m[0] for m in marks] or dates
    first = dt.date(_year(min(anchors).year, -REACH), 1, 1)
    last = dt.date(_year(max(anchors).year, REACH), 12, 31)
    inside = [d for d in dates + anchors if first <= d <= last]
    lo = dt.date(min(inside).year, 1, 1)
    hi = dt.date(_year(max(inside).year, 1), 1, 1)
    return lo, hi, any(d < lo or d >= hi for d in dates)


@dataclass(frozen=True)
class Axis:
    """The drawn dates: 1 January of ``lo``'s year to 1 January of ``hi``'s."""

    lo: dt.date
    hi: dt.date

    def x(self, day: dt.date) -> float:
        """Where ``day`` is drawn; a day outside the range is drawn at its edge."""
        day = min(max(day, self.lo), self.hi)
        return LEFT + (RIGHT - LEFT) * (day - self.lo).days / (self.hi - self.lo).days


def timeline(rows: Sequence[TimelineRow], marks: Sequence[Mark]) -> str:
    """The timeline figure (HTML), or a note when there are too many rows to draw."""
    if len(rows) > MAX_ROWS:
        return omitted("Timeline", len(rows), MAX_ROWS)
    if not marks and not any(row.bands or any(row.possible) for row in rows):
        return omitted("Timeline", 0, 0)
    lo, hi, clamped = _range(rows, marks)
    axis = Axis(lo, hi)
    body: list[str] = []
    labels: list[Label] = []
    tiers = _place_marks(marks, axis)
    top = (max((t for _, t, _ in tiers), default=-1) + 1) * TIER + 8
    keys = Keys()
    y = top
    for row in rows:
        y = _row(row, y, axis, body, labels, keys)
    bottom = y + 2
    for label, _, (day, _, kind) in tiers:
        mx = axis.x(day)
        dash = ' stroke-dasharray="3 2"' if kind == "as_of" else ""
        body.append(f'<line x1="{mx:.1f}" y1="{label.box[1]:.1f}" x2="{mx:.1f}"'
                    f' y2="{bottom:.1f}" stroke="{label.colour}" stroke-width="0.9"{dash}/>')
        labels.append(label)
    _years(axis, top, bottom, body, labels)
    y = legend(bottom + 18, body, labels, [
        *status_items(), (COLOURS["not_applicable"], "possible (dates bounded)", "pale"),
        (COLOURS["not_applicable"], "one day", "diamond")])
    note = ("Bars: the relationship's status over time, to the end of the period assessed;"
            " pale: possible (start or end known only within bounds); arrow: continues after"
            " the period assessed.")
    if clamped:
        note += (f" Dates before {lo.year} or after {hi.year - 1} are drawn at the edge"
                 " (the captions give them).")
    for line in measure.wrap(note, SMALL, WIDTH - 4):
        y += 9.5
        labels.append(Label(0, y, line, SMALL, colour="#555555"))
    y = keys.legend(y + 12, labels) - 2
    description = (f"{len(rows)} relationships, {lo.year} to {hi.year - 1}. "
                   + " ".join(f"{r.title}: " + ("; ".join(b.label for b in r.bands)
                                                or "dates unknown") + "." for r in rows))
    return figure(y + 4, body, labels, "Timeline", description)


def _row(row: TimelineRow, y: float, axis: Axis, body: list[str], labels: list[Label],
         keys: Keys) -> float:
    """Draw one row from ``y``; return the y of the next."""
    title = keys.fit(row.title, MEDIUM, LEFT - 12, 2)
    dates = measure.wrap("; ".join(b.label for b in row.bands) or "dates unknown", SMALL,
                         LEFT - 12)
    for i, line in enumerate(title):
        labels.append(Label(0, y + 10 + 9.5 * i, line, MEDIUM))
    for i, line in enumerate(dates):
        labels.append(Label(0, y + 10 + 9.5 * len(title) + 8.6 * i, line, SMALL,
                            colour="#555555"))
    colour = COLOURS[row.bands[-1].status] if row.bands else COLOURS["not_applicable"]
    lo, hi = row.possible
    stop = axis.x(row.until + ONE_DAY) if row.until and row.until < dt.date.max else RIGHT
    pale_from = axis.x(lo) if lo else LEFT
    pale_to = min(axis.x(hi), stop) if hi else stop
    body.append(f'<rect x="{pale_from:.1f}" y="{y + 3:.1f}"'
                f' width="{max(pale_to - pale_from, 1):.1f}" height="10" fill="{colour}"'
                ' fill-opacity="0.22"/>')
    for band in row.bands:
        colour = COLOURS.get(band.status, COLOURS["not_applicable"])
        a = axis.x(band.start)
        if band.end == band.start:
            body.append(f'<path d="{diamond(a, y + 8, 5.5)}" fill="{colour}"/>')
            continue
        w = max((axis.x(band.end) if band.end else stop) - a, MIN_BAR)
        a = min(a, RIGHT - w)
        body.append(f'<rect x="{a:.1f}" y="{y + 3:.1f}" width="{w:.1f}" height="10"'
                    f' fill="{colour}"/>')
        if band.start < axis.lo:
            body.append(_arrow(LEFT, y, colour, -1))
    last = row.bands[-1] if row.bands else None
    if last is not None and last.end is not None and last.end >= axis.hi:
        body.append(_arrow(RIGHT, y, colour, 1))
    elif (last is not None and last.end is None) or (hi is None and row.until is None):
        body.append(_arrow(min(stop + 7, RIGHT), y, colour, 1))
    return y + max(22.0, 6 + 9.5 * len(title) + 8.6 * len(dates))


def _arrow(at: float, y: float, colour: str, direction: int) -> str:
    back = at - 7 * direction
    return (f'<path d="M{back:.1f},{y + 1:.1f} L{at:.1f},{y + 8:.1f} L{back:.1f},{y + 15:.1f} z"'
            f' fill="{colour}"/>')


def _place_marks(marks: Sequence[Mark], axis: Axis) -> list[tuple[Label, int, Mark]]:
    """Each mark's label in a tier above the rows (tier 0 lowest), beside its line.

    A mark's line runs from its label's tier down through the rows, so a label in
    tier k must not cover the line of a mark in tier k or above, and its own line
    must not cross a label in tier k or below.  In date order, each label takes the
    lowest tier, left of its line or else right of it, that keeps both true and
    overlaps no label (left of the line, in date order, always finds one).
    """
    placed: list[tuple[Label, int, Mark]] = []
    lines = {axis.x(m[0]) for m in marks}
    for mark in sorted(marks):
        day, text, kind = mark
        mx = axis.x(day)
        colour = COLOURS["wind_down"] if kind == "deadline" else "#1a1a1a"
        text = f"{text} {day.isoformat()}"
        for tier in range(len(marks) + 1):
            baseline = -tier * TIER  # moved down once the number of tiers is known
            options = [Label(mx - 2, baseline, text, SMALL, "end", colour, ground=True),
                       Label(mx + 2, baseline, text, SMALL, "start", colour, ground=True)]
            # Right of its line, a label would cover the lines of later marks.
            right = options[1].box
            if any(right[0] - 1 <= lx <= right[2] + 1 for lx in lines if lx != mx):
                options.pop()
            fits = [o for o in options if _free(o, tier, mx, placed, axis)]
            if fits:
                placed.append((fits[0], tier, mark))
                break
        else:  # pragma: no cover - a label too wide for either side of its line
            placed.append((options[0], len(marks) + 1, mark))
    tiers = max((t for _, t, _ in placed), default=0) + 1
    return [(Label(lab.x, (tiers - tier) * TIER - 1, lab.text, lab.size, lab.anchor,
                   lab.colour, ground=True), tier, mark) for lab, tier, mark in placed]


def _free(label: Label, tier: int, mx: float, placed: list[tuple[Label, int, Mark]],
          axis: Axis) -> bool:
    left, _, right, _ = label.box
    if left < 0 or right > WIDTH:
        return False
    for other, other_tier, (day, _, _) in placed:
        ox = axis.x(day)
        if ox == mx:
            continue  # the same line
        if other_tier == tier and overlap(label.box, other.box, 3):
            return False
        if other_tier >= tier and left - 1 <= ox <= right + 1:
            return False
        if other_tier <= tier and other.box[0] - 1 <= mx <= other.box[2] + 1:
            return False
    return True


def _years(axis: Axis, top: float, bottom: float, body: list[str], labels: list[Label]
           ) -> None:
    """Year lines through the rows, their labels below, spaced so none overlap."""
    per_year = (RIGHT - LEFT) / max(axis.hi.year - axis.lo.year, 1)
    step = max(1, math.ceil((measure.width("0000", SMALL) + 8) / per_year))
    for year in range(axis.lo.year, axis.hi.year + 1, step):
        gx = axis.x(dt.date(year, 1, 1))
        body.append(f'<line x1="{gx:.1f}" y1="{top - 2:.1f}" x2="{gx:.1f}" y2="{bottom:.1f}"'
                    f' stroke="#dddddd" stroke-width="0.6"/>')
        label = Label(gx, bottom + 11, str(year), SMALL, "middle", "#555555")
        if label.box[2] > WIDTH:
            label = Label(WIDTH, bottom + 11, str(year), SMALL, "end", "#555555")
        labels.append(label)
