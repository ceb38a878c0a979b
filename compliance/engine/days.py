"""Days, periods and date bounds, compared in three values (true, false, unknown).

A :data:`Day` is a period of days (one day for an assessment date); a :data:`Bounds`
is what a case knows of a date: an exact day, or the earliest and latest it can
be (``None`` where open).  Comparisons give ``None`` when the answer differs
within the bounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Bounds = tuple[dt.date | None, dt.date | None]
Day = tuple[dt.date, dt.date]
"""A period of days, first and last inclusive; ``(d, d)`` is the single day ``d``."""


def on_or_before(a: Bounds, b: Bounds) -> bool | None:
    """Three-valued ``a <= b`` for date intervals (``None`` ends are open).

    >>> d = dt.date
    >>> on_or_before((d(2017, 1, 1), d(2017, 1, 1)), (d(2017, 1, 1), d(2017, 12, 31)))
    True
    >>> on_or_before((d(2017, 6, 1), d(2017, 6, 1)), (d(2017, 1, 1), d(2017, 12, 31))) is None
    True
    """
    a_lo, a_hi = a
    b_lo, b_hi = b
    if a_hi is not None and b_lo is not None and a_hi <= b_lo:
        return True
    if a_lo is not None and b_hi is not None and a_lo > b_hi:
        return False
    return None


def before(a: Bounds, b: Bounds) -> bool | None:
    """Three-valued ``a < b`` for date intervals."""
    a_lo, a_hi = a
    b_lo, b_hi = b
    if a_hi is not None and b_lo is not None and a_hi < b_lo:
        return True
    if a_lo is not None and b_hi is not None and a_lo >= b_hi:
        return False
    return None


DATE_COMPARISONS: dict[str, Callable[[Bounds, Bounds], bool | None]] = {
    "before": before,
    "on_or_before": on_or_before,
    "after": lambda a, b: before(b, a),
    "on_or_after": lambda a, b: on_or_before(b, a),
}


def and3(a: bool | None, b: bool | None) -> bool | None:
    """Kleene conjunction."""
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True
