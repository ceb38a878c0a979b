"""The speed-ups are contained: installed only on tested versions, off with one switch,
and every shipped case gives the same pages and text with them on and off."""

from __future__ import annotations

import io
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase, load_case
from compliance.pipeline import report as prepare
from compliance.render import speedups
from compliance.render.report import report_pdf as pdf_bytes
from compliance.render.speedups import patches, textpatches
from tests.conftest import CASES
from tests.test_render_patches import _objects

INSTALLED = [name for name in speedups.TESTED if name != "skip_library_search"]
"""The speed-ups :func:`speedups.install` puts in place (the other is in ``import_weasyprint``)."""


def test_every_speed_up_in_the_table_has_its_installer() -> None:
    for name in INSTALLED:
        module = textpatches if name == "remember_struts" else patches
        assert callable(getattr(module, name)), name
    assert {library for library, _ in speedups.TESTED.values()} == {
        "weasyprint", "tinyhtml5", "pydyf"}
    assert all(versions for _, versions in speedups.TESTED.values())


@pytest.mark.parametrize(("value", "off"), [
    ("off", True), ("OFF", True), (" off\n", True), ("0", True), ("false", True), ("no", True),
    ("", False), ("on", False), ("1", False)])
def test_the_switch_is_read_from_the_environment(value: str, off: bool,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(speedups.SWITCH, value)
    assert speedups.switched_off() is off
    if off:
        assert not any(speedups.allowed(name) for name in speedups.TESTED)


def test_a_version_missing_from_the_table_is_not_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(speedups.SWITCH, raising=False)
    monkeypatch.setattr(speedups, "installed", lambda distribution: None)
    assert not any(speedups.allowed(name) for name in speedups.TESTED)
    monkeypatch.setattr(speedups, "installed", lambda distribution: "70.0.1")
    assert not speedups.allowed("stack_footnotes")
    monkeypatch.setattr(speedups, "installed", lambda distribution: "70.0")
    assert speedups.allowed("stack_footnotes")
    assert not speedups.allowed("compress_streams_once")  # pydyf is not at 70.0


def _stock() -> dict[str, bool]:
    """Whether each library's own code is in place of each speed-up."""
    import pydyf
    from tinyhtml5 import inputstream
    from weasyprint.css import ComputedStyle
    from weasyprint.layout import LayoutContext

    struts = {module.strut for name, module in list(sys.modules.items())
              if name.startswith("weasyprint.") and hasattr(module, "strut")}
    return {
        "stack_footnotes":
            LayoutContext.__dict__["_update_footnote_area"].__module__ == "weasyprint.layout",
        "compute_plain_styles_directly":
            ComputedStyle.__dict__["__missing__"].__module__ == "weasyprint.css",
        "remember_struts": textpatches._strut_memo not in struts,
        "cache_tokenizer_patterns": type(inputstream.characters_until_regex) is dict,
        "compress_streams_once": (pydyf.zlib is zlib
                                  and pydyf.PDF.__dict__["write"].__module__ == "pydyf"
                                  and pydyf.Stream.__dict__["data"].fget.__module__ == "pydyf"),
    }


@pytest.fixture
def restored() -> Iterator[pytest.MonkeyPatch]:
    """A monkeypatch for the test; afterwards the speed-ups are as the environment says."""
    from compliance.render.pdf import import_weasyprint

    import_weasyprint()
    with pytest.MonkeyPatch.context() as mocked:
        yield mocked
    speedups.install()


def _spy(mocked: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Record every call of an installer (its name and ``enabled``)."""
    calls: list[tuple[str, bool]] = []
    for name in INSTALLED:
        module = textpatches if name == "remember_struts" else patches
        real = getattr(module, name)

        def spy(enabled: bool = True, name: str = name, real: Callable[..., None] = real) -> None:
            calls.append((name, enabled))
            real(enabled)

        mocked.setattr(module, name, spy)
    return calls


@pytest.mark.pdf
def test_on_an_untested_version_the_stock_code_runs_and_the_report_renders(
        restored: pytest.MonkeyPatch, flagship: LoadedCase, rulebook: Rulebook) -> None:
    """A library version missing from TESTED: no installer is called to install, the
    ones in place are removed, and the report renders with the libraries' own code."""
    from pypdf import PdfReader

    restored.delenv(speedups.SWITCH, raising=False)
    speedups.install()
    calls = _spy(restored)
    restored.setattr(speedups, "installed", lambda distribution: "0.untested")
    data = pdf_bytes(prepare(flagship, rulebook, None))
    assert all(_stock().values())
    assert not [name for name, enabled in calls if enabled]
    assert set(speedups.status().values()) <= {
        f"untested {library} 0.untested" for library, _ in speedups.TESTED.values()}
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) > 5
    assert "S/RES/2375 (2017)" in (pages[0].extract_text() or "") + (pages[1].extract_text() or "")


@pytest.mark.pdf
def test_the_switch_puts_the_stock_code_back(restored: pytest.MonkeyPatch) -> None:
    restored.delenv(speedups.SWITCH, raising=False)
    speedups.install()
    on = _stock()
    assert not [name for name in INSTALLED if speedups.allowed(name) and on[name]]
    restored.setenv(speedups.SWITCH, "off")
    speedups.install()
    assert all(_stock().values())
    assert set(speedups.status().values()) == {"off (COMPLIANCE_SPEEDUPS)"}


@pytest.mark.pdf
def test_a_speed_up_whose_private_names_moved_leaves_the_stock_code(
        restored: pytest.MonkeyPatch, flagship: LoadedCase, rulebook: Rulebook) -> None:
    """On a tested version, an installer that cannot import what it replaces (as the
    style shortcut did on WeasyPrint 68) is recorded, and the report still renders."""
    def moved(enabled: bool = True) -> None:
        from weasyprint.css import NO_SUCH_NAME  # noqa: F401

    restored.delenv(speedups.SWITCH, raising=False)
    if not speedups.allowed("compute_plain_styles_directly"):
        pytest.skip(f"not installed here: {speedups.status()['compute_plain_styles_directly']}")
    patches.compute_plain_styles_directly(False)
    restored.setattr(patches, "compute_plain_styles_directly", moved)
    speedups.install()
    assert _stock()["compute_plain_styles_directly"]
    assert speedups.status()["compute_plain_styles_directly"].startswith("failed: ImportError")
    assert pdf_bytes(prepare(flagship, rulebook, None)).startswith(b"%PDF-")


LIBRARY_SEARCH = (
    "import ctypes.util, sys\n"
    "calls = []\n"
    "def search(name):\n"
    "    calls.append(name)\n"
    "    return None\n"
    "ctypes.util.find_library = search\n"
    "from compliance.render import speedups\n"
    "if sys.argv[1] == 'untested':\n"
    "    speedups.installed = lambda distribution: '0.untested'\n"
    "from compliance.render.pdf import import_weasyprint\n"
    "weasyprint = import_weasyprint()\n"
    "assert weasyprint.HTML(string='<p>x</p>').render().pages\n"
    "print(len(calls) > 0, ctypes.util.find_library is search)\n")


@pytest.mark.pdf
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux-only speed-up")
@pytest.mark.parametrize("mode", ["on", "off", "untested"])
def test_weasyprint_imports_without_the_library_search_only_where_tested(mode: str) -> None:
    """ctypes.util.find_library (ldconfig and gcc per name) is not run on a tested
    WeasyPrint with the speed-ups on, is run otherwise, and is restored in every case."""
    import os

    env = {k: v for k, v in os.environ.items() if k != speedups.SWITCH}
    if mode == "off":
        env[speedups.SWITCH] = "off"
    elif mode == "on" and not speedups.allowed("skip_library_search"):
        pytest.skip(f"speed-up not installed here: {speedups.status()['skip_library_search']}")
    done = subprocess.run([sys.executable, "-c", LIBRARY_SEARCH, mode], capture_output=True,
                          text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(mode != "on"), "True"]


def _pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def _render(path: Path, rulebook: Rulebook, switch: str | None,
            mocked: pytest.MonkeyPatch) -> tuple[bytes, set[str]]:
    """The case's PDF as ``compliance report`` writes it, and the speed-ups' states."""
    if switch is None:
        mocked.delenv(speedups.SWITCH, raising=False)
    else:
        mocked.setenv(speedups.SWITCH, switch)
    data = pdf_bytes(prepare(load_case(path), rulebook, None))
    return data, set(speedups.status().values())


@pytest.mark.pdf
@pytest.mark.speedups
@pytest.mark.skipif(speedups.switched_off(), reason="COMPLIANCE_SPEEDUPS=off")
@pytest.mark.parametrize("case", sorted(path.name for path in CASES.glob("*.yaml")))
def test_every_shipped_case_gives_the_same_pages_with_the_speed_ups_on_and_off(
        case: str, rulebook: Rulebook, restored: pytest.MonkeyPatch) -> None:
    """Page count, the text of every page, and every object of the file with its
    streams decoded (the bytes differ: the speed-ups deflate at another level)."""
    on, states = _render(CASES / case, rulebook, None, restored)
    off, off_states = _render(CASES / case, rulebook, "off", restored)
    assert off_states == {"off (COMPLIANCE_SPEEDUPS)"}
    if "on" not in states:
        pytest.skip(f"no speed-up is installed here: {speedups.status()}")
    pages = _pages(on)
    assert len(pages) == len(_pages(off))
    assert pages == _pages(off)
    assert _objects(on) == _objects(off)


@pytest.mark.pdf
def test_note_tagging_leaves_an_untested_weasyprint_alone(restored: pytest.MonkeyPatch) -> None:
    """The Note tagging wraps a private WeasyPrint function: on a version it was not
    checked on, the stock function stays and nothing fails."""
    from weasyprint.pdf import tags

    from compliance.render import tagging

    stock = getattr(tags._build_box_tree, "__wrapped__", tags._build_box_tree)
    restored.setattr(tags, "_build_box_tree", stock)
    restored.setattr(speedups, "installed", lambda distribution: "0.untested")
    assert tagging.tag_notes() is False
    assert tags._build_box_tree is stock
    restored.setattr(speedups, "installed", lambda distribution: "70.0")
    assert tagging.tag_notes() is True
    assert tags._build_box_tree.__wrapped__ is stock
