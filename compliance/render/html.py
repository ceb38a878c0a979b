"""Render the assessment view model to HTML with Jinja2 (strict, autoescaped).

Compiling the templates (Jinja's lexer, parser and code generator, then Python's
compiler) costs 60-70 ms, as much as rendering them 15 times.  Jinja's own
bytecode cache keeps the compiled code between runs, in the user's cache folder
(never in the source tree or the installed package); Jinja checks each entry
against the template's source, so an edited template is never rendered stale.
``COMPLIANCE_CACHE_DIR`` chooses another folder, and ``off`` turns the cache off.
The cache holds compiled Python code, so a folder another user could write to is
never used (:func:`private`): the templates are then compiled on each run.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from compliance.render.questions import join_words
from compliance.render.viewtypes import ReportView
from compliance.resources import TEMPLATES

TEMPLATES_DIR = TEMPLATES
"""The bundled templates, stylesheet and fonts (the only files a render may read)."""


def _svg(value: str) -> Markup:
    """Mark an SVG string built (and escaped) by :mod:`compliance.render.svg` as safe."""
    return Markup(value)


def _sha(value: str) -> str:
    """Break a hex digest into groups of 8 so it wraps in narrow cells.

    >>> _sha("0123456789abcdef01")
    '01234567 89abcdef 01'
    """
    return " ".join(value[i:i + 8] for i in range(0, len(value), 8))


def _stop(text: str) -> str:
    """The full stop to print after ``text``: none when it already ends a sentence
    (an undated source's "n.d.", a title ending in "Inc.").

    >>> _stop("n.d."), _stop("2017-10-04")
    ('', '.')
    """
    return "" if text.rstrip().endswith((".", "?", "!", "\u2026")) else "."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _join_words(values: Sequence[object], conjunction: str = "and") -> str:
    return join_words([str(v) for v in values], conjunction)


class QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file-system bytecode cache that never fails a render: a cache folder
    that cannot be read or written only makes the render compile the templates."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cache_dir() -> Path | None:
    """The folder of compiled templates, or ``None`` when caching is off.

    ``COMPLIANCE_CACHE_DIR`` if set (``off`` to disable), else
    ``$XDG_CACHE_HOME/compliance`` or ``~/.cache/compliance``; one subfolder per
    Jinja version, since its bytecode format may change.
    """
    chosen = os.environ.get("COMPLIANCE_CACHE_DIR")
    if chosen and chosen.lower() == "off":
        return None
    if chosen:
        base = Path(chosen)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = Path(xdg) / "compliance" if xdg else Path.home() / ".cache" / "compliance"
    return base / f"jinja-{jinja2.__version__}"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    if not private(folder):
        return None  # compiled code from a folder others can write is never loaded
    return QuietBytecodeCache(str(folder))


def private(folder: Path) -> bool:
    """Whether only this user can put files in ``folder``: a real folder (no link) that
    this user owns and no one else may write, in a parent no one else may rename it in
    (owned by this user or root, and not writable by others unless sticky, as /tmp).
    The cache holds compiled Python code, which loading runs."""
    uid = getattr(os, "getuid", None)
    if uid is None:
        return False  # no owners to check (Windows): no cache
    try:
        here, parent = folder.lstat(), folder.parent.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(here.st_mode) or here.st_uid != uid() or here.st_mode & 0o022:
        return False
    shared = parent.st_mode & 0o022 and not parent.st_mode & stat.S_ISVTX
    return parent.st_uid in (uid(), 0) and not shared


def _environment(loader: jinja2.BaseLoader, bytecode_cache: jinja2.BytecodeCache | None
                 ) -> Environment:
    env = Environment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
    )
    filters: dict[str, Callable[..., Any]] = {
        "svg": _svg, "sha": _sha, "stop": _stop, "plural": _plural, "join_words": _join_words}
    env.filters.update(filters)
    return env


@cache
def environment(templates: Path = TEMPLATES_DIR, cached: bool = True) -> Environment:
    """The Jinja2 environment: StrictUndefined, autoescape on, filters registered here;
    compiled templates are kept in :func:`cache_dir` unless ``cached`` is false."""
    return _environment(FileSystemLoader(str(templates)),
                        _bytecode_cache() if cached else None)


FONT_SHEETS = (
    ("fonts/cjk.css", re.compile("[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff"
                                 "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")),
    ("fonts/arabic.css", re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff"
                                    "\ufe70-\ufeff]")),
    ("fonts/hebrew.css", re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")),
    ("fonts/thai.css", re.compile("[\u0e00-\u0e7f]")),
    ("fonts/devanagari.css", re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]")),
)
"""The stylesheets of the fonts for scripts DejaVu lacks, with the characters that
need each (whole Unicode blocks: a character of a block the font lacks is shown
as its code point already, by render.display)."""
PRINT_CSS = '<link rel="stylesheet" href="print.css">'


def font_sheets(html: str) -> list[str]:
    """The font stylesheets the text of ``html`` needs.

    WeasyPrint reads and registers every ``@font-face`` font of a document before
    layout, used or not; for the 11 MB of CJK fonts that took about 50 ms of every
    report.  A report links only the sheets of the scripts it prints.
    """
    if html.isascii():
        return []
    return [sheet for sheet, chars in FONT_SHEETS if chars.search(html)]


def render_html(view: ReportView, *, for_print: bool = True) -> str:
    """Render the whole report; ``for_print`` selects the paged (PDF) layout."""
    template = environment().get_template("assessment.html.j2")
    css = Markup((TEMPLATES_DIR / "print.css").read_text(encoding="utf-8"))
    html = template.render(view=view, for_print=for_print, stylesheet=css)
    sheets = font_sheets(html) if for_print else []
    if sheets:
        links = "".join(f'\n<link rel="stylesheet" href="{sheet}">' for sheet in sheets)
        html = html.replace(PRINT_CSS, PRINT_CSS + links, 1)
    return html
