"""Render the assessment view model to HTML with Jinja2 (strict, autoescaped)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from compliance.render.questions import join_words
from compliance.render.viewtypes import ReportView

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
"""The bundled templates, stylesheet and fonts (the only files a render may read)."""


def _svg(value: str) -> Markup:
    """Mark an SVG string built (and escaped) by :mod:`compliance.render.svg` as safe."""
    return Markup(value)


def _sha(value: str) -> str:
    """Break a hex digest into groups of 8 so it wraps in narrow cells."""
    return " ".join(value[i:i + 8] for i in range(0, len(value), 8))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _join_words(values: Sequence[object], conjunction: str = "and") -> str:
    return join_words([str(v) for v in values], conjunction)


@cache
def environment(templates: Path = TEMPLATES_DIR) -> Environment:
    """The Jinja2 environment: StrictUndefined, autoescape on, filters registered here."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["svg"] = _svg
    env.filters["sha"] = _sha
    env.filters["plural"] = _plural
    env.filters["join_words"] = _join_words
    return env


def render_html(view: ReportView, *, for_print: bool = True) -> str:
    """Render the whole report; ``for_print`` selects the paged (PDF) layout."""
    template = environment().get_template("assessment.html.j2")
    css = Markup((TEMPLATES_DIR / "print.css").read_text(encoding="utf-8"))
    return template.render(view=view, for_print=for_print, stylesheet=css)
