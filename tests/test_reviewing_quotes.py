"""`compliance rules verify-quotes` against synthetic official-text fixtures.

The fixtures under tests/fixtures/official/ are synthetic (see the README there):
they embed the rule's own recorded quote, never real resolution text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.inputs.rulefiles import load_rule_specs
from compliance.reviewing.quotes import normalise, official_name, verify_quotes, word_diff

ROOT = Path(__file__).resolve().parents[1]
RULE = ROOT / "compliance" / "catalogue" / "rules" / "unscr" / "unscr-2375-op18.yaml"
OFFICIAL = ROOT / "tests" / "fixtures" / "official"


def invoke(runner: CliRunner, official: Path, rules: Path = RULE) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["rules", "verify-quotes", "--official", str(official),
                                 "--rules", str(rules)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


def test_fixtures_still_embed_the_rules_quotes() -> None:
    # If the rule's quotes are edited, the synthetic fixtures must be regenerated.
    (spec, _doc), = load_rule_specs([RULE])
    quotes = {t.language: normalise(t.text) for t in spec.provision.texts if t.kind == "quote"}
    fixture = OFFICIAL / "verbatim"
    assert quotes["en"] in normalise((fixture / "S_RES_2375(2017).txt").read_text("utf-8"))
    assert quotes["fr"] in normalise((fixture / "S_RES_2375(2017).fr.txt").read_text("utf-8"))
    raw = (fixture / "S_RES_2375(2017).fr.txt").read_text("utf-8")
    assert "\u2019" in raw, "fixture lost its curly apostrophes"
    assert "\u00a0" in raw, "fixture lost its non-breaking spaces"
    assert "'" not in raw, "fixture has straight apostrophes"


def test_typographic_variants_pass(runner: CliRunner) -> None:
    code, lines = invoke(runner, OFFICIAL / "verbatim")
    assert (code, lines) == (0, ["2 quotes checked: 2 verbatim, 0 not verbatim; 0 without an"
                                 " official text; 0 rules with summaries only."])


def test_one_changed_word_fails_with_a_word_diff(runner: CliRunner) -> None:
    code, lines = invoke(runner, OFFICIAL / "mismatch")
    official = OFFICIAL / "mismatch" / "S_RES_2375(2017).txt"
    (_spec, doc), = load_rule_specs([RULE])
    en_line, en_col = doc.locate(("provision", "texts", 0, "text"))
    fr_line, fr_col = doc.locate(("provision", "texts", 1, "text"))
    assert code == 1
    assert lines[0].startswith(f"{RULE}:{en_line}:{en_col}: error[quote-not-verbatim]:"
                               f" unscr-2375-op18: the en quote is not verbatim in"
                               f" {official} ("), lines[0]
    assert lines[1] == ("    word diff: states shall [-prohibit,-] {+forbid,+} by their"
                        " nationals ...")
    assert lines[2].startswith("    closest passage: states shall forbid, by their nationals")
    assert lines[2].endswith("on behalf of the government of the DPRK")
    assert lines[3] == (f"{RULE}:{fr_line}:{fr_col}: note[missing-official]: unscr-2375-op18:"
                        f" no official fr text to check against; expected"
                        f" {OFFICIAL / 'mismatch' / 'S_RES_2375(2017).fr.txt'} (or .pdf)")
    assert lines[4] == ("1 quote checked: 0 verbatim, 1 not verbatim; 1 without an official"
                        " text; 0 rules with summaries only.")


def test_summary_only_rules_are_listed(tmp_path: Path) -> None:
    rule = tmp_path / "unscr-2375-op18.yaml"
    text = RULE.read_text(encoding="utf-8")
    start = text.index("    - kind: quote\n      language: en")
    end = text.index("    - kind: summary\n")
    rule.write_text(text[:start] + text[end:], encoding="utf-8")
    report = verify_quotes(load_rule_specs([rule]), OFFICIAL / "verbatim")
    assert report.summary_only == ["unscr-2375-op18"]
    assert report.checks == report.missing == []


def test_pdf_official_text(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    pytest.importorskip("pypdf")
    (spec, _doc), = load_rule_specs([RULE])
    quote = next(t.text for t in spec.provision.texts if t.kind == "quote" and t.language == "en")
    html = f"<p>SYNTHETIC TEST FIXTURE, not resolution text.</p><p>{quote}</p>"
    official = tmp_path / "official"
    official.mkdir()
    weasyprint.HTML(string=html).write_pdf(official / "S_RES_2375(2017).pdf")
    report = verify_quotes(load_rule_specs([RULE]), official)
    assert [c.verbatim for c in report.checks] == [True]


def test_missing_official_dir_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    code, lines = invoke(runner, tmp_path / "nowhere")
    assert (code, lines) == (2, [f"error: --official: '{tmp_path / 'nowhere'}' is not a"
                                 " directory of official texts"])


def test_binary_official_text_is_invalid_input(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(OFFICIAL / "verbatim", tmp_path / "o")
    (tmp_path / "o" / "S_RES_2375(2017).txt").write_bytes(b"abc\x00def")
    code, lines = invoke(runner, tmp_path / "o")
    assert code == 2
    assert lines[0] == (f"{tmp_path / 'o' / 'S_RES_2375(2017).txt'}:1:4: error[binary]: file"
                        " contains a NUL byte; expected UTF-8 text")


def test_helpers() -> None:
    assert official_name("S/RES/2397 (2017)", "ru") == "S_RES_2397(2017).ru"
    assert normalise("a\u2013b \u00abc\u00bb  d\u00ad") == 'a-b "c" d'
    assert word_diff("a b c", "a x c") == "a [-b-] {+x+} c"
