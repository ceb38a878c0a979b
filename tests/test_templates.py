"""Precompiled report templates: fresh, identical in output, never used stale."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from compliance.assess import assess
from compliance.compile import Rulebook
from compliance.loading import LoadedCase
from compliance.render import html
from compliance.render.viewmodel import build_view

COMPILED_DIR = Path(html.__file__).parent / "compiled"


def test_the_committed_modules_are_compiled_from_the_current_templates() -> None:
    """Fails after a template edit until ``python scripts/compile_templates.py`` runs."""
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in COMPILED_DIR.glob("*.py")}
    wanted = html.compiled_templates()
    stale = sorted(n for n in wanted.keys() | on_disk.keys() if wanted.get(n) != on_disk.get(n))
    assert not stale, f"{stale}: run python scripts/compile_templates.py"
    assert {"assessment.html.j2", "_finding.html.j2", "_macros.html.j2"} <= set(
        html._manifest())


def _render(env: Environment, flagship: LoadedCase, rulebook: Rulebook) -> str:
    view = build_view(assess(flagship, rulebook), flagship, rulebook)
    return env.get_template("assessment.html.j2").render(view=view, for_print=True,
                                                         stylesheet="")


def test_precompiled_templates_render_what_the_sources_render(
        flagship: LoadedCase, rulebook: Rulebook) -> None:
    precompiled = html._environment(html.PrecompiledLoader(html.TEMPLATES_DIR,
                                                           html._manifest()))
    from_source = html._environment(FileSystemLoader(str(html.TEMPLATES_DIR)))
    assert _render(precompiled, flagship, rulebook) == _render(from_source, flagship, rulebook)
    loader = precompiled.loader
    assert isinstance(loader, html.PrecompiledLoader)
    assert sorted(loader.compiled) == ["_finding.html.j2", "_macros.html.j2",
                                       "assessment.html.j2"]


def test_an_edited_template_is_compiled_from_its_source(
        tmp_path: Path, flagship: LoadedCase, rulebook: Rulebook) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(html.TEMPLATES_DIR, templates, ignore=shutil.ignore_patterns("fonts"))
    finding = templates / "_finding.html.j2"
    finding.write_text(finding.read_text(encoding="utf-8").replace(
        "Facts relied on", "Facts RELIED ON (edited)"), encoding="utf-8")
    env = html._environment(html.PrecompiledLoader(templates, html._manifest()))
    out = _render(env, flagship, rulebook)
    assert "Facts RELIED ON (edited)" in out
    loader = env.loader
    assert isinstance(loader, html.PrecompiledLoader)
    assert sorted(loader.compiled) == ["_macros.html.j2", "assessment.html.j2"]


def test_anchors_of_repeated_parts_sit_on_headings(flagship: LoadedCase,
                                                   rulebook: Rulebook) -> None:
    """WeasyPrint cannot share computed styles below an element with an id, so the
    parts a report repeats per relationship and per finding carry their anchors
    on headings and inline elements, never on their containers."""
    import re

    page = html.render_html(build_view(assess(flagship, rulebook), flagship, rulebook))
    findings = page[page.index('id="findings"'):page.index('id="diagram"')]
    carriers = re.findall(r'<(\w+)(?: class="([^"]*)")?[^>]*? id="([^"]+)"', findings)
    tags = {(tag, cls.split()[0] if cls else "") for tag, cls, _ in carriers}
    chapter = ("section", "continued")  # the next chapter, once per report
    assert tags == {("h2", ""), ("h3", ""), ("span", "fn"), ("strong", ""), chapter}, tags
    anchors = {anchor for _, _, anchor in carriers}
    assert {"section-1", "fn-1"} <= anchors
    assert any(a.startswith("rel-") for a in anchors)
    assert re.search(r'<h3 id="[^"]+">1\.1 ', findings)
