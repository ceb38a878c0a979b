"""Render the assessment view model to HTML with Jinja2 (strict, autoescaped).

Compiling the templates (Jinja's lexer, parser and code generator, then Python's
compiler) cost 60-70 ms of each report, as much as rendering them 15 times.
They are therefore compiled ahead of time, by ``python
scripts/compile_templates.py``, into the modules of
:mod:`compliance.render.compiled`.  Each module is used only if it was compiled
from the same template source, by the same Jinja, with the same options
(:func:`fingerprint`); otherwise the template is compiled from its source as
usual, so an edited template is never rendered stale, only more slowly (and a
test fails until the modules are compiled again).
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.util
from collections.abc import Callable, MutableMapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup

from compliance.render.questions import join_words
from compliance.render.viewtypes import ReportView

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
"""The bundled templates, stylesheet and fonts (the only files a render may read)."""
COMPILED = "compliance.render.compiled"
"""The package of precompiled templates, written by ``scripts/compile_templates.py``."""


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


def fingerprint(env: Environment, name: str, source: str) -> str:
    """What a compiled template depends on: its source, Jinja's version and the
    environment's syntax and whitespace options (filters are looked up when the
    template runs, so they are not part of it)."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    options = (jinja2.__version__, env.block_start_string, env.block_end_string,
               env.variable_start_string, env.variable_end_string, env.comment_start_string,
               env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
               env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
               env.keep_trailing_newline, env.optimized, sorted(env.extensions), autoescape)
    return hashlib.sha256(f"{options!r}\n{source}".encode()).hexdigest()


class PrecompiledLoader(FileSystemLoader):
    """A file-system loader that takes a template's precompiled module when the
    module's fingerprint matches the template file, and compiles it otherwise."""

    def __init__(self, searchpath: str | Path, manifest: dict[str, tuple[str, str]]) -> None:
        super().__init__(str(searchpath))
        self.manifest = manifest
        self.compiled: list[str] = []
        """Names loaded from their precompiled module (for the tests)."""

    def load(self, environment: Environment, name: str,
             globals: MutableMapping[str, Any] | None = None) -> Template:
        entry = self.manifest.get(name)
        if entry is not None:
            module, digest = entry
            source, _, _ = self.get_source(environment, name)
            spec = importlib.util.find_spec(f"{COMPILED}.{module}")
            loader = spec.loader if spec else None
            if (fingerprint(environment, name, source) == digest
                    and isinstance(loader, importlib.abc.InspectLoader)):
                # The module's code (from its .pyc when Python has cached it),
                # run in a namespace of this environment's own, as Jinja does.
                code = loader.get_code(f"{COMPILED}.{module}")
                if code is not None:
                    self.compiled.append(name)
                    return environment.template_class.from_code(
                        environment, code, {} if globals is None else globals, None)
        return super().load(environment, name, globals)


def _manifest() -> dict[str, tuple[str, str]]:
    try:
        compiled = importlib.import_module(COMPILED)
    except ImportError:  # pragma: no cover - a checkout without the package
        return {}
    manifest: dict[str, tuple[str, str]] = getattr(compiled, "MANIFEST", {})
    return manifest


def _environment(loader: jinja2.BaseLoader) -> Environment:
    env = Environment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    filters: dict[str, Callable[..., Any]] = {
        "svg": _svg, "sha": _sha, "plural": _plural, "join_words": _join_words}
    env.filters.update(filters)
    return env


@cache
def environment(templates: Path = TEMPLATES_DIR, precompiled: bool = True) -> Environment:
    """The Jinja2 environment: StrictUndefined, autoescape on, filters registered here;
    precompiled templates are used where they are fresh."""
    if precompiled:
        return _environment(PrecompiledLoader(templates, _manifest()))
    return _environment(FileSystemLoader(str(templates)))


def compiled_templates(templates: Path = TEMPLATES_DIR) -> dict[str, str]:
    """The files of the precompiled package (file name -> text) for every template
    in ``templates``; ``scripts/compile_templates.py`` writes them."""
    env = environment(templates, precompiled=False)
    files: dict[str, str] = {}
    manifest: dict[str, tuple[str, str]] = {}
    for name in env.list_templates(filter_func=lambda n: n.endswith(".j2")):
        module = name.removesuffix(".j2").replace(".", "_").strip("_")
        if not module.isidentifier() or f"{module}.py" in files:
            raise ValueError(f"template {name!r} gives no distinct module name")
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        code = env.compile(source, name, name, raw=True)
        header = f"# Compiled from templates/{name} by scripts/compile_templates.py; do not edit.\n"
        files[f"{module}.py"] = header + code + "\n"
        manifest[name] = (module, fingerprint(env, name, source))
    lines = "".join(f"    {name!r}: {entry!r},\n" for name, entry in sorted(manifest.items()))
    files["__init__.py"] = (
        '"""Precompiled templates (see compliance.render.html); written by\n'
        'scripts/compile_templates.py, do not edit."""\n\n'
        "MANIFEST: dict[str, tuple[str, str]] = {\n" + lines + "}\n")
    return files


def render_html(view: ReportView, *, for_print: bool = True) -> str:
    """Render the whole report; ``for_print`` selects the paged (PDF) layout."""
    template = environment().get_template("assessment.html.j2")
    css = Markup((TEMPLATES_DIR / "print.css").read_text(encoding="utf-8"))
    return template.render(view=view, for_print=for_print, stylesheet=css)
