"""Report templates: Jinja's bytecode cache gives the same HTML and is never used stale."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.pipeline import assess
from compliance.render import html
from compliance.render.viewmodel import build_view


def _render(templates: Path, cached: bool, flagship: LoadedCase, rulebook: Rulebook) -> str:
    env = html.environment(templates, cached)
    view = build_view(assess(flagship, rulebook), flagship, rulebook)
    return env.get_template("assessment.html.j2").render(view=view, for_print=True,
                                                         stylesheet="")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(folder))
    html.environment.cache_clear()
    yield folder
    html.environment.cache_clear()


def test_cached_templates_render_what_the_sources_render(
        cache: Path, flagship: LoadedCase, rulebook: Rulebook) -> None:
    plain = _render(html.TEMPLATES_DIR, False, flagship, rulebook)
    first = _render(html.TEMPLATES_DIR, True, flagship, rulebook)
    assert sorted(p.suffix for p in cache.rglob("*.cache")) == [".cache"] * 3
    html.environment.cache_clear()  # a new process: the code comes from the cache
    second = _render(html.TEMPLATES_DIR, True, flagship, rulebook)
    assert plain == first == second


def test_an_edited_template_is_never_rendered_stale(
        cache: Path, tmp_path: Path, flagship: LoadedCase, rulebook: Rulebook) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(html.TEMPLATES_DIR, templates)
    before = _render(templates, True, flagship, rulebook)
    page = templates / "assessment.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "<body", "<!-- edited --><body", 1), encoding="utf-8")
    html.environment.cache_clear()
    after = _render(templates, True, flagship, rulebook)
    assert "<!-- edited -->" in after
    assert "<!-- edited -->" not in before


def test_an_unwritable_cache_only_costs_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flagship: LoadedCase,
        rulebook: Rulebook) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(blocker / "cache"))
    html.environment.cache_clear()
    try:
        assert _render(html.TEMPLATES_DIR, True, flagship, rulebook)
    finally:
        html.environment.cache_clear()


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", "off")
    assert html.cache_dir() is None


def test_a_cache_others_can_write_to_is_never_used(
        cache: Path, flagship: LoadedCase, rulebook: Rulebook) -> None:
    """The cache holds compiled code, which loading runs: a folder another user could
    plant files in (group or world writable, or a link) is not read or written."""
    folder = html.cache_dir()
    assert folder is not None
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert not html.private(folder)
    assert html.environment(html.TEMPLATES_DIR, True).bytecode_cache is None
    assert _render(html.TEMPLATES_DIR, True, flagship, rulebook)
    assert not list(folder.iterdir())
    folder.chmod(0o700)
    assert html.private(folder)
    linked = cache.parent / "link"
    linked.symlink_to(folder)
    assert not html.private(linked)
    assert not html.private(cache.parent / "missing")
