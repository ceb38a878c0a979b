"""Rebuild the report fonts in ``templates/fonts`` from DejaVu 2.37 (run by hand).

Usage: ``python scripts/subset_fonts.py [SOURCE_DIR]`` (default
``/usr/share/fonts/truetype/dejavu``, Debian's fonts-dejavu-core).

The full DejaVu files are 2.4 MB and cover scripts a report never prints;
WeasyPrint read and subset all of them on every render (about 0.7 s of the
write).  These keep Latin (with extensions and combining marks, for romanised
Korean names), Greek, Cyrillic (Russian names), punctuation, currency, arrows,
mathematical operators and geometric shapes, with the OpenType layout tables
(kerning, ligatures) and without hinting, which print does not use.  The
Bitstream Vera licence allows modified copies under names without "Bitstream"
or "Vera"; the family names are unchanged ("DejaVu Sans").
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono")
UNICODES = ("U+0020-007E,U+00A0-024F,U+02B0-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,"
            "U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,"
            "U+2713-2717,U+FB00-FB06,U+FFFD")
TARGET = Path(__file__).resolve().parents[1] / "templates" / "fonts"


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts/truetype/dejavu")
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    for name in FONTS:
        font = TTFont(source / f"{name}.ttf", recalcTimestamp=False)  # reproducible bytes
        version = font["name"].getDebugName(5)
        if version != "Version 2.37":
            raise SystemExit(f"{name}: expected DejaVu Version 2.37, found {version}")
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        font.save(TARGET / f"{name}.ttf")
        print(f"{name}.ttf: {(TARGET / f'{name}.ttf').stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
