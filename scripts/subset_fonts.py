"""Rebuild the report fonts in ``templates/fonts`` from DejaVu 2.37 (run by hand).

Usage: ``python scripts/subset_fonts.py [SOURCE_DIR]`` (default
``/usr/share/fonts/truetype/dejavu``, Debian's fonts-dejavu-core).

The full DejaVu files are 2.4 MB and cover scripts a report never prints;
WeasyPrint read and subset all of them on every render (about 0.7 s of the
write).  These keep Latin (with extensions and combining marks, for romanised
Korean names), Greek, Cyrillic (Russian names), punctuation, currency, arrows,
mathematical operators and geometric shapes, with the OpenType layout tables
(kerning, ligatures) and without hinting, which print does not use.  Common
characters' glyphs come first (see ``reorder``).  The
Bitstream Vera licence allows modified copies under names without "Bitstream"
or "Vera"; the files keep their internal names and the stylesheet registers them
as "Compliance Sans" and "Compliance Mono".
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.reorderGlyphs import reorderGlyphs

FONTS = ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono")
UNICODES = ("U+0020-007E,U+00A0-024F,U+02B0-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,"
            "U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,"
            "U+2713-2717,U+FB00-FB06,U+FFFD")
FIRST = "U+0020-007E,U+00A0-00FF,U+2010-2027,U+2030-203A,U+2190-2193,U+FB00-FB06"
"""Characters whose glyphs come first in the glyph order (see ``reorder``)."""
TARGET = Path(__file__).resolve().parents[1] / "compliance" / "render" / "templates" / "fonts"


def reorder(subsetted: TTFont) -> TTFont:
    """Put the glyphs of common characters first in the glyph order.

    Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools keeping glyph
    ids, which processes every glyph up to the last one a report uses.  With ASCII,
    Latin-1 and common punctuation first, a typical report stops at a glyph id near
    200 instead of 1,500, and the write step's font work is about three times
    faster.  The MATH table (unused in text layout) is dropped beforehand because
    fontTools cannot reorder DejaVu's.
    """
    buffer = io.BytesIO()  # reordering the subsetter's in-memory tables breaks
    subsetted.save(buffer)  # composite glyphs; a reloaded, fully read font is fine
    font = TTFont(buffer, recalcTimestamp=False)
    font.ensureDecompiled()
    order = font.getGlyphOrder()
    cmap = font.getBestCmap()
    first = [order[0]]  # .notdef stays glyph 0
    for code in sorted(subset.parse_unicodes(FIRST)):
        glyph = cmap.get(code)
        if glyph is not None and glyph not in first:
            first.append(glyph)
    chosen = set(first)
    reorderGlyphs(font, first + [g for g in order if g not in chosen])
    return font


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts/truetype/dejavu")
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["MATH"]
    for name in FONTS:
        font = TTFont(source / f"{name}.ttf", recalcTimestamp=False)  # reproducible bytes
        version = font["name"].getDebugName(5)
        if version != "Version 2.37":
            raise SystemExit(f"{name}: expected DejaVu Version 2.37, found {version}")
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        font = reorder(font)
        font.save(TARGET / f"{name}.ttf")
        print(f"{name}.ttf: {(TARGET / f'{name}.ttf').stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
