"""Text a rule derives from its data is checked against the data: nothing goes stale.

A wind-down window's ``title`` states its length ("120 days from adoption") and the
``convention`` states the lengths and a worked date ("11 September 2017 gives 9
January 2018").  Editing ``days: 90`` used to leave both saying 120.  Every length
written there ("120 days", "the 120th day", "24-month") must be one the windows
have, and every worked example "<date> gives <date>" must be what
:func:`~compliance.engine.compile.add_period` computes for one of the windows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from compliance.engine.compile import add_period
from compliance.errors import Diagnostic
from compliance.inputs.documents import Document
from compliance.models.rules import RuleSpec, Window

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_LENGTH = re.compile(r"\b(\d+)(?:st|nd|rd|th)?[\s-]+(day|month)s?\b", re.IGNORECASE)
_DATE = r"(\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}|\d{4}-\d{2}-\d{2})"
_WORKED = re.compile(_DATE + r"\s+gives\s+" + _DATE)


def parse_day(text: str) -> dt.date | None:
    """``11 September 2017`` or ``2017-09-11`` as a date.

    >>> parse_day("9 January 2018")
    datetime.date(2018, 1, 9)
    """
    try:
        if "-" in text:
            return dt.date.fromisoformat(text)
        day, month, year = text.split()
        return dt.date(int(year), MONTHS.index(month) + 1, int(day))
    except ValueError:
        return None


def _length(window: Window, unit: str) -> int:
    return window.days if unit == "day" else window.months


def stale_text(spec: RuleSpec, doc: Document) -> Iterator[Diagnostic]:
    """Window titles and the convention that disagree with the windows' data."""
    wind_down = spec.wind_down
    if wind_down is None:
        return
    timed = [w for w in wind_down.windows if not w.open_ended]
    for i, window in enumerate(wind_down.windows):
        if window.open_ended:
            continue
        for number, unit in _LENGTH.findall(window.title):
            unit = unit.lower()
            actual = _length(window, unit)
            if int(number) != actual:
                yield doc.diagnostic(
                    ("wind_down", "windows", i, "title"), "stale-text",
                    f"the title says {number} {unit}s but the window has {unit}s: {actual};"
                    f" expected the title to state the window's length")
    lengths = {(unit, _length(w, unit)) for w in timed for unit in ("day", "month")}
    stated = sorted({f"{n} {u}s" for u, n in lengths if n})
    written = {(unit.lower(), int(number))
               for number, unit in _LENGTH.findall(wind_down.convention)}
    for unit, number in sorted(written):  # "120 days" and "the 120th day" once
        if (unit, number) not in lengths:
            yield doc.diagnostic(
                ("wind_down", "convention"), "stale-text",
                f"the convention says {number} {unit}s but no window has {unit}s: {number};"
                f" expected the windows' lengths ({', '.join(stated) or 'none'})")
    for first, second in _WORKED.findall(wind_down.convention):
        start, end = parse_day(first), parse_day(second)
        if start is None or end is None:
            continue
        computed = sorted({add_period(start, w.days, w.months) for w in timed})
        if end not in computed:
            shown = " or ".join(_spoken(d) for d in computed)
            yield doc.diagnostic(
                ("wind_down", "convention"), "stale-text",
                f"the worked example '{first} gives {second}' does not match the windows:"
                f" {first} gives {shown}; expected the convention to show the computed day")


def _spoken(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
