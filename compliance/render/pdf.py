"""Write a tagged PDF/A-3a assessment with WeasyPrint, reading only bundled templates.

WeasyPrint is imported inside functions so that commands other than ``report``
start fast and work without Pango installed.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compliance.errors import RenderError
from compliance.memory import gc_paused
from compliance.render import footnotes, speedups, subsetting, tagging
from compliance.render.html import TEMPLATES_DIR

PDF_IDENTIFIER = b"compliance-assessment"
PDF_VARIANT = "pdf/a-3a"
"""Tagged PDF/A-3 (structure tree, language, alternative text; see render.tagging):
readable by screen readers and archives' accessibility checks, with the case and
findings attached.  Tagging costs about 5% of a report's time (docs/report.md)."""
FONTS_CONF = TEMPLATES_DIR / "fonts" / "fonts.conf"
"""A fontconfig configuration without font folders (see :func:`font_config`)."""


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (PDF/A-3 allows any format)."""

    name: str
    data: bytes
    description: str
    date: dt.date
    """Recorded as the file's creation and modification date (never the clock)."""


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...] = ()
    lang: str = "en"
    date: dt.date | None = None
    """The document date (from the case); also stamped into subset fonts."""


def import_weasyprint() -> Any:
    """Import WeasyPrint without ctypes' library search (Linux); return the module.

    WeasyPrint opens GObject, Pango, HarfBuzz, fontconfig and PangoFT2 by trying
    several names for each.  cffi hands the names without a dot to
    ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and then
    ``gcc`` for every miss, about 10 ms each; the two optional HarfBuzz libraries
    miss all their names.  That was half of the 0.47 s import.  Every list also
    holds the library's soname (``libpango-1.0.so.0``), which cffi gives straight
    to the dynamic linker (so ``LD_LIBRARY_PATH`` still applies); during the
    import the search therefore answers "not found" at once.  Should the import
    fail that way, it is retried with the normal search.  Only on the WeasyPrint
    versions whose name lists were checked (``speedups.TESTED``).
    """
    if ("weasyprint" in sys.modules or not sys.platform.startswith("linux")
            or not speedups.allowed("skip_library_search")):
        import weasyprint

        return weasyprint
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        import weasyprint
    except OSError:  # pragma: no cover - a library only the search finds
        for name in [m for m in sys.modules if m.split(".")[0] == "weasyprint"]:
            del sys.modules[name]
        ctypes.util.find_library = search
        import weasyprint
    finally:
        ctypes.util.find_library = search
    return weasyprint


def _not_found(name: str) -> None:
    return None


def local_fetcher(root: Path = TEMPLATES_DIR, log: list[str] | None = None) -> Any:
    """A WeasyPrint URL fetcher serving files under ``root`` and refusing all else.

    No network, no ``data:`` URLs, no ``file://`` outside the templates directory,
    whatever a case file contains.  Every request is appended to ``log`` if given.
    Refusals are fatal, so a hostile reference stops the render instead of being
    skipped silently.
    """
    import mimetypes
    from urllib.parse import unquote, urlsplit

    import_weasyprint()
    import weasyprint.urls as wurls

    base = root.resolve()

    class LocalFetcher(wurls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if log is not None:
                log.append(url)
            if url.startswith("file://"):
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_relative_to(base) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return wurls.URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                                    headers={"Content-Type": kind})
            raise ValueError(f"refused to fetch {url[:200]!r}: only bundled templates")

    return LocalFetcher()


def write_pdf(html: str, path: Path, attachments: Sequence[Attachment] = (),
              metadata: Metadata | None = None, *, uncompressed_pdf: bool = False,
              url_fetcher: Any = None) -> Path:
    """Lay out ``html`` and write the PDF to ``path`` atomically; return ``path``."""
    data = render_pdf(html, attachments, metadata, uncompressed_pdf=uncompressed_pdf,
                      url_fetcher=url_fetcher)
    write_atomic(path, data)
    return path


def render_pdf(html: str, attachments: Sequence[Attachment] = (),
               metadata: Metadata | None = None, *, uncompressed_pdf: bool = False,
               url_fetcher: Any = None) -> bytes:
    """Return the PDF bytes (tagged PDF/A-3a, fixed identifier, no timestamps).

    The cyclic GC is paused meanwhile: layout allocates boxes by the hundred
    thousand and repeated collections cost about a tenth of the render.
    """
    day = metadata.date if metadata and metadata.date else dt.date(2000, 1, 1)
    with gc_paused():
        document = layout(html, metadata, url_fetcher=url_fetcher)
        return write_document(document, attachments, uncompressed_pdf=uncompressed_pdf,
                              day=day)


def font_config() -> Any:
    """WeasyPrint's font configuration, knowing only the fonts the stylesheet bundles.

    WeasyPrint loads the machine's fontconfig configuration, and Pango falls back
    on any installed font for a character the stylesheet's fonts lack, so a report
    depended on the machine (Chinese printed only where a CJK font happened to be
    installed, and was embedded).  ``FONTCONFIG_FILE`` names the configuration
    fontconfig reads; while this one is created it names ``fonts.conf``, which
    lists no font folder.  The stylesheet's ``@font-face`` fonts are added to it
    during layout, and are then the only fonts Pango can use.
    """
    import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    saved = {name: os.environ.pop(name, None) for name in ("FONTCONFIG_FILE",
                                                          "FONTCONFIG_SYSROOT")}
    os.environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    try:
        return FontConfiguration()
    finally:
        del os.environ["FONTCONFIG_FILE"]
        os.environ.update({k: v for k, v in saved.items() if v is not None})


def parse(html: str, url_fetcher: Any = None) -> Any:
    """WeasyPrint's ``HTML`` document for ``html``, as every report is parsed: links
    relative to the templates folder, files from it only (:func:`local_fetcher`)."""
    weasyprint = import_weasyprint()
    return weasyprint.HTML(string=html, base_url=TEMPLATES_DIR.as_uri() + "/",
                           url_fetcher=url_fetcher or local_fetcher())


def layout(html: str, metadata: Metadata | None = None, *, url_fetcher: Any = None
           ) -> Any:
    """Parse and lay out the HTML; returns a WeasyPrint ``Document``.

    A footnote that WeasyPrint moved to the page after its call is brought back
    by forcing a page break before the block that calls it and laying out again
    (at most three times; see :mod:`compliance.render.footnotes`).
    """
    import_weasyprint()  # before the speed-ups import from it
    speedups.install()
    fetcher = url_fetcher or local_fetcher()
    fonts = font_config()
    moved: list[str] = []
    for _ in range(4):
        doc = parse(footnotes.breaking_before(html, moved) if moved else html, fetcher)
        document = doc.render(pdf_variant=PDF_VARIANT, font_config=fonts)
        stranded = [n for n in footnotes.stranded(document) if n not in moved]
        if not stranded:
            break
        moved += stranded
    if metadata is not None:
        document.metadata.title = metadata.title
        document.metadata.authors = [metadata.author]
        document.metadata.description = metadata.subject
        document.metadata.keywords = list(metadata.keywords)
        document.metadata.lang = metadata.lang
    return document


def write_document(document: Any, attachments: Sequence[Attachment] = (), *,
                   uncompressed_pdf: bool = False, day: dt.date = dt.date(2000, 1, 1)
                   ) -> bytes:
    """Serialise a laid-out document with its attachments.

    Fonts are subset by fontTools on every machine (:mod:`.subsetting`); fontTools
    stamps the clock into each font's ``head`` table unless ``SOURCE_DATE_EPOCH`` is
    set, so it is set to ``day`` for the duration of the write.
    """
    weasyprint = import_weasyprint()
    speedups.install()
    tagging.tag_notes()
    subsetting.use_fonttools()

    files = []
    for a in attachments:
        when = dt.datetime(a.date.year, a.date.month, a.date.day, tzinfo=dt.UTC)
        files.append(weasyprint.Attachment(string=a.data, name=a.name,
                                           description=a.description, created=when,
                                           modified=when, relationship="Source"))
    epoch = str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=PDF_IDENTIFIER,
                                  uncompressed_pdf=uncompressed_pdf, attachments=files,
                                  finisher=tagging.finish)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    if not isinstance(data, bytes):  # pragma: no cover - WeasyPrint contract
        raise RenderError("WeasyPrint returned no PDF data")
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
