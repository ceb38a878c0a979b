"""One font subsetter on every machine: fontTools, so that a report's bytes do not
depend on whether the machine has HarfBuzz-Subset.

WeasyPrint subsets each embedded font with HarfBuzz-Subset when the system has
that library (``libharfbuzz-subset.so.0``, a separate package on Debian) and with
fontTools otherwise.  The two give different font programs, so the same case gave
different PDF bytes on two machines that differed only by that package (measured:
the flagship report, 365,538 bytes with fontTools, 365,369 with HarfBuzz-Subset
6.0.0).  fontTools is a locked Python dependency; HarfBuzz-Subset is whatever the
machine has.  :func:`use_fonttools` therefore makes WeasyPrint take its fontTools
path everywhere.

It replaces the module attribute ``weasyprint.pdf.fonts.harfbuzz_subset``
(private), so it is done only on the WeasyPrint versions where that was checked
(:data:`TESTED`); on any other version WeasyPrint chooses as it always does.
``COMPLIANCE_FONT_SUBSETTER=machine`` also leaves the choice to WeasyPrint, for
speed where byte-identity across machines does not matter.
"""

from __future__ import annotations

import os
from typing import Any, Final

SWITCH: Final = "COMPLIANCE_FONT_SUBSETTER"
"""``machine``: let WeasyPrint use HarfBuzz-Subset where installed (default ``fonttools``)."""

TESTED: Final = frozenset({"70.0"})
"""WeasyPrint versions on which the attribute was checked (``tests/test_subsetting.py``)."""

_STOCK = "_compliance_stock_subsetter"


def wanted() -> bool:
    """Whether fontTools is to subset on every machine (the switch is not ``machine``)."""
    return os.environ.get(SWITCH, "").strip().lower() != "machine"


def use_fonttools() -> bool:
    """Make WeasyPrint subset with fontTools, or give it back its own choice when the
    switch or the installed version says so; whether fontTools is now forced.

    Cheap to call before each write; the library found by WeasyPrint is kept on the
    module, so the switch can be turned back within a process.
    """
    from compliance.render.speedups import installed

    try:
        from weasyprint.pdf import fonts
    except ImportError:  # pragma: no cover - WeasyPrint moved the module
        return False
    module: Any = fonts
    if not hasattr(module, "harfbuzz_subset"):
        return False
    if not hasattr(module, _STOCK):
        setattr(module, _STOCK, module.harfbuzz_subset)
    force = wanted() and installed("weasyprint") in TESTED
    module.harfbuzz_subset = None if force else getattr(module, _STOCK)
    return force
