"""Fonts are subset by fontTools whether or not the machine has HarfBuzz-Subset, so a
report's bytes do not depend on that system package; the switch and an untested
WeasyPrint give WeasyPrint back its own choice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import LoadedCase
from compliance.pipeline import report as prepare
from compliance.render import speedups, subsetting
from compliance.render.report import report_pdf as pdf_bytes

FOUND = object()
"""Stands for the HarfBuzz-Subset library WeasyPrint found on a machine that has it."""


@pytest.fixture
def fonts() -> Iterator[Any]:
    """WeasyPrint's font module; afterwards the subsetter is as the environment says."""
    from compliance.render.pdf import import_weasyprint

    import_weasyprint()
    from weasyprint.pdf import fonts

    subsetting.use_fonttools()
    yield fonts
    subsetting.use_fonttools()


def test_fonttools_is_forced_on_the_tested_version(fonts: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(subsetting.SWITCH, raising=False)
    monkeypatch.setattr(fonts, "_compliance_stock_subsetter", FOUND)
    monkeypatch.setattr(speedups, "installed", lambda distribution: "70.0")
    assert subsetting.use_fonttools() is True
    assert fonts.harfbuzz_subset is None


@pytest.mark.parametrize(("switch", "version"), [("machine", "70.0"), (" Machine\n", "70.0"),
                                                 ("", "0.untested"), ("", None)])
def test_the_switch_or_an_untested_version_gives_weasyprint_its_choice(
        fonts: Any, monkeypatch: pytest.MonkeyPatch, switch: str, version: str | None) -> None:
    monkeypatch.setenv(subsetting.SWITCH, switch)
    monkeypatch.setattr(fonts, "_compliance_stock_subsetter", FOUND)
    monkeypatch.setattr(speedups, "installed", lambda distribution: version)
    assert subsetting.use_fonttools() is False
    assert fonts.harfbuzz_subset is FOUND
    monkeypatch.setenv(subsetting.SWITCH, "fonttools")
    monkeypatch.setattr(speedups, "installed", lambda distribution: "70.0")
    assert subsetting.use_fonttools() is True
    assert fonts.harfbuzz_subset is None


@pytest.mark.pdf
def test_a_machine_with_harfbuzz_subset_writes_the_same_bytes(
        fonts: Any, monkeypatch: pytest.MonkeyPatch, flagship: LoadedCase,
        rulebook: Rulebook) -> None:
    """WeasyPrint's own test (``harfbuzz_subset`` found, HarfBuzz 4.1 or later) decides
    between its two subsetters; with the library standing as found, the HarfBuzz path is
    never taken and the bytes are those of a machine without it.  With the switch it
    is taken, which shows the stand-in reaches that test."""
    monkeypatch.delenv(subsetting.SWITCH, raising=False)
    if not fonts.harfbuzz.hb_version_atleast(4, 1, 0):
        pytest.skip("this machine's HarfBuzz is older than WeasyPrint's HarfBuzz-Subset needs")
    report = prepare(flagship, rulebook, None)
    here = pdf_bytes(report)

    taken: list[str] = []

    def harfbuzz_path(font: Any, to_unicode: Any, hinting: Any) -> None:
        taken.append(font.family)
        font._fonttools_subset(to_unicode, hinting)  # the real library is not needed

    monkeypatch.setattr(fonts, "_compliance_stock_subsetter", FOUND)
    monkeypatch.setattr(fonts.Font, "_harfbuzz_subset", harfbuzz_path)
    assert pdf_bytes(report) == here
    assert not taken
    monkeypatch.setenv(subsetting.SWITCH, "machine")
    pdf_bytes(report)
    assert taken
