"""Rebuild the report fonts in ``templates/fonts`` from DejaVu 2.37 and Noto (run by hand).

Usage::

    apt-get download fonts-dejavu-core fonts-dejavu-extra fonts-noto-core fonts-noto-cjk
    for p in fonts-*.deb; do dpkg-deb -x "$p" /tmp/fontsrc; done
    python scripts/subset_fonts.py /tmp/fontsrc/usr/share/fonts

The argument is a folder holding Debian's font folders (default ``/usr/share/fonts``):
``truetype/dejavu`` (fonts-dejavu-core and -extra 2.37), ``truetype/noto`` (fonts-noto-core
20201225) and ``opentype/noto`` (fonts-noto-cjk 1:20220127, Noto Sans CJK 2.004).
Each source font's version is checked, so the same sources give the same bytes
(with the same fontTools).

DejaVu covers Latin (with romanised Korean's marks), Greek and Cyrillic, with its
OpenType layout tables and without hinting, which print does not use; common
characters' glyphs come first (see ``reorder``).  The Noto fonts cover what DejaVu
does not: Hangul, the CJK ideographs of names (see ``cjk_unicodes``), Arabic,
Hebrew, Thai and Devanagari.  ``coverage.txt`` lists every character some bundled
font draws; the report shows any other character as its code point instead of an
empty box (``compliance.render.display``), and ``widths.jsonl`` gives each font's
advance widths to the figures (``compliance.render.measure``).  The files keep their
internal names;
the stylesheet registers them as "Compliance Sans", "Compliance CJK" and so on.
Licences: DejaVu's (``LICENSE``) allows modified copies under names without
"Bitstream" or "Vera"; Noto's is the SIL Open Font License 1.1 (``OFL.txt``), whose
only reserved name here is Noto Sans CJK's "Source".
"""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.reorderGlyphs import reorderGlyphs

DEJAVU = ("U+0020-007E,U+00A0-024F,U+02B0-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,"
          "U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,"
          "U+2713-2717,U+27E8-27E9,U+FB00-FB06,U+FFFD")
FIRST = "U+0020-007E,U+00A0-00FF,U+2010-2027,U+2030-203A,U+2190-2193,U+FB00-FB06"
"""Characters whose glyphs come first in DejaVu's glyph order (see ``reorder``)."""
HANGUL = "U+1100-11FF,U+3130-318F,U+A960-A97F,U+AC00-D7A3,U+D7B0-D7FF"
CJK_OTHER = "U+3000-30FF,U+31F0-31FF,U+FF01-FFEF"
"""CJK punctuation, kana (Japanese names) and full-width forms."""
TARGET = Path(__file__).resolve().parents[1] / "compliance" / "render" / "templates" / "fonts"


@dataclass(frozen=True)
class Source:
    """One bundled font: where it comes from and what it keeps."""

    output: str
    path: str
    """Relative to the source folder."""
    version: str
    """The ``name`` table's version string must start with this."""
    unicodes: str
    number: int = 0
    """The face's index in a font collection (``.ttc``)."""
    features: tuple[str, ...] = ("*",)
    truetype: bool = False
    """Convert CFF outlines to TrueType (see ``to_truetype``)."""
    reordered: bool = False


NEUTRAL = "U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+2010-2027,U+2030-203A"
"""Spaces, digits and punctuation, kept in every Noto font: Pango draws a space or
a bracket between two Korean (or Arabic, Thai...) words with the same font as the
words, and a font without it printed an empty box there."""
ARABIC = "U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF"
HEBREW = "U+0591-05F4,U+FB1D-FB4F"
CJK_FEATURES = ("ccmp", "kern", "liga", "mark", "mkmk")
"""Not the vertical, regional (locl) or old-Hangul features, which pull in 12,000
more glyphs that horizontal modern text never uses."""


def sources() -> list[Source]:
    dv, noto, cjk = "truetype/dejavu", "truetype/noto", "opentype/noto"
    out = [Source(f"{n}.ttf", f"{dv}/{n}.ttf", "Version 2.37", DEJAVU, reordered=True)
           for n in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono")]
    for weight in ("Regular", "Bold"):
        out += [
            Source(f"NotoSansCJKkr-{weight}.ttf", f"{cjk}/NotoSansCJK-{weight}.ttc",
                   "Version 2.004", f"{NEUTRAL},{HANGUL},{CJK_OTHER},{cjk_unicodes()}", number=1,
                   features=CJK_FEATURES, truetype=True),
            Source(f"NotoSansArabic-{weight}.ttf", f"{noto}/NotoSansArabic-{weight}.ttf",
                   "Version 2.005", f"{NEUTRAL},{ARABIC}"),
            Source(f"NotoSansHebrew-{weight}.ttf", f"{noto}/NotoSansHebrew-{weight}.ttf",
                   "Version 3.000", f"{NEUTRAL},{HEBREW}"),
            Source(f"NotoSansThai-{weight}.ttf", f"{noto}/NotoSansThai-{weight}.ttf",
                   "Version 2.000", f"{NEUTRAL},U+0E01-0E5B"),
            Source(f"NotoSansDevanagari-{weight}.ttf",
                   f"{noto}/NotoSansDevanagari-{weight}.ttf", "Version 2.001",
                   f"{NEUTRAL},U+0900-097F,U+A8E0-A8FF,U+1CD0-1CFF"),
        ]
    return out


def cjk_unicodes() -> str:
    """The ideographs of four national standards, as Python's codecs encode them.

    GB 2312 (mainland China, 6,763), Big5 level 1 (Taiwan, 5,401), KS X 1001's
    hanja (Korea, 4,888) and JIS X 0208 (Japan, 6,355): 10,831 characters in all,
    the ideographs names are commonly written with, chosen without judgement.
    """
    found: set[int] = set()
    high = range(0xA1, 0xFF)
    for codec, leads, trails, last in (
            ("gb2312", high, high, 0xFFFF), ("euc_kr", high, high, 0xFFFF),
            ("euc_jp", high, high, 0xFFFF),
            ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *high], 0xC67E)):
        for lead in leads:
            for trail in trails:
                if lead << 8 | trail > last:
                    continue
                try:
                    char = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(char) == 1 and unicodedata.name(char, "").startswith("CJK "):
                    found.add(ord(char))
    return ranges(found)


def ranges(codes: set[int]) -> str:
    """``U+4E00-4E01,U+4E03`` for a set of code points."""
    parts, ordered = [], sorted(codes)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        a, b = ordered[i], ordered[j]
        parts.append(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}")
        i = j + 1
    return ",".join(parts)


def reorder(subsetted: TTFont) -> TTFont:
    """Put the glyphs of common characters first in the glyph order.

    Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools keeping glyph
    ids, which processes every glyph up to the last one a report uses.  With ASCII,
    Latin-1 and common punctuation first, a typical report stops at a glyph id near
    200 instead of 1,500, and the write step's font work is about three times
    faster.  The MATH table (unused in text layout) is dropped beforehand because
    fontTools cannot reorder DejaVu's.
    """
    font = _reloaded(subsetted)  # reordering the subsetter's in-memory tables breaks
    order = font.getGlyphOrder()  # composite glyphs; a reloaded, fully read font is fine
    cmap = font.getBestCmap()
    first = [order[0]]  # .notdef stays glyph 0
    for code in sorted(subset.parse_unicodes(FIRST)):
        glyph = cmap.get(code)
        if glyph is not None and glyph not in first:
            first.append(glyph)
    chosen = set(first)
    reorderGlyphs(font, first + [g for g in order if g not in chosen])
    return font


def to_truetype(font: TTFont) -> TTFont:
    """Replace CFF outlines by TrueType ones (quadratic, within 1 unit of 1,000).

    WeasyPrint subsets the fonts of every PDF with fontTools, which keeps glyph
    ids: for CFF that means recomputing the bounds and stripping the hints of all
    23,000 glyphs, 1.6 s for a report with one Korean name; with TrueType outlines
    it takes 0.2 s.  The files are a third larger.  Vertical metrics are dropped
    (reports are set horizontally).
    """
    font = _reloaded(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxPoints", "maxContours", "maxCompositePoints",
                  "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: they are derived from the cmap
    font.sfntVersion = "\x00\x01\x00\x00"
    return _reloaded(font)


def _reloaded(font: TTFont) -> TTFont:
    buffer = io.BytesIO()
    font.save(buffer)
    again = TTFont(buffer, recalcTimestamp=False)
    again.ensureDecompiled()
    return again


def build(source: Source, root: Path) -> TTFont:
    font = TTFont(root / source.path, fontNumber=source.number, recalcTimestamp=False)
    version = font["name"].getDebugName(5) or ""
    if not version.startswith(source.version):
        raise SystemExit(f"{source.path}: expected {source.version}, found {version}")
    options = subset.Options()
    options.layout_features = list(source.features)
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["MATH"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(source.unicodes))
    subsetter.subset(font)
    if source.truetype:
        font = to_truetype(font)
    if source.reordered:
        font = reorder(font)
    return font


def advances(font: TTFont) -> dict[str, object]:
    """The font's advance widths by character, for ``widths.jsonl``: its units per em
    and runs ``[first, last, advance]`` of consecutive characters of equal advance.

    The report's figures measure their labels with these (compliance.render.measure):
    reading them from the fonts with fontTools at every render took 50 ms."""
    metrics = font["hmtx"].metrics
    runs: list[list[int]] = []
    for code, glyph in sorted(font.getBestCmap().items()):
        advance = metrics[glyph][0]
        if runs and runs[-1][1] == code - 1 and runs[-1][2] == advance:
            runs[-1][1] = code
        else:
            runs.append([code, code, advance])
    return {"units_per_em": font["head"].unitsPerEm, "runs": runs}


def write_widths(fonts: dict[str, TTFont]) -> None:
    """``widths.jsonl``: one line per font, so that a render parses only those it uses."""
    lines = [json.dumps({"font": name, **advances(font)}, separators=(",", ":"))
             for name, font in sorted(fonts.items())]
    (TARGET / "widths.jsonl").write_text("\n".join(lines) + "\n", encoding="ascii")


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts")
    covered: set[int] = set()
    built = {}
    for source in sources():
        font = build(source, root)
        covered |= set(font.getBestCmap())
        font.save(TARGET / source.output)
        built[source.output] = TTFont(TARGET / source.output, lazy=True)  # as saved
        print(f"{source.output}: {(TARGET / source.output).stat().st_size:,} bytes")
    (TARGET / "coverage.txt").write_text(
        "# Characters some bundled font draws (scripts/subset_fonts.py writes this).\n"
        + ranges(covered).replace(",", "\n") + "\n", encoding="ascii")
    write_widths(built)


if __name__ == "__main__":
    main()
