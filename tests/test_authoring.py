"""Rule authors' tools: every problem in one run, text that cannot go stale, quote sources."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.engine.derived import stale_text
from compliance.inputs.rulefiles import load_rule_specs
from compliance.resources import CATALOGUE_RULES
from compliance.reviewing.quotes import official_name

ROOT = Path(__file__).resolve().parents[1]
RULE = CATALOGUE_RULES / "unscr" / "unscr-2375-op18.yaml"


def _validate(runner: CliRunner, folder: Path) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["rules", "validate", str(folder), "--draft"])
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(RULE, folder / RULE.name)
    return folder


def _edit(folder: Path, *changes: tuple[str, str]) -> None:
    path = folder / RULE.name
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_schema_and_condition_problems_in_one_run(runner: CliRunner, rules: Path) -> None:
    """A bad severity and ``days: ninety`` no longer hide the ``all_of`` typo, the
    misspelt placeholder or the unknown fact of a question."""
    _edit(rules, ("severity: ", "severity: high #"), ("days: 120", "days: ninety"),
          ("applies_when:\n  all:", "applies_when:\n  all_of:"),
          ("{relationship} is a joint venture", "{relationshp} is a joint venture"),
          ("- fact: relationship.committee_approval.approved",
           "- fact: relationship.committee_aproval.approved"))
    code, lines = _validate(runner, rules)
    codes = [re.search(r"error\[([a-z-]+)\]", line).group(1)  # type: ignore[union-attr]
             for line in lines[:-1]]
    assert code == 2
    assert sorted(codes) == ["unknown-fact", "unknown-operator", "unknown-placeholder",
                             "wrong-type", "wrong-type"], lines
    assert lines[-1] == "1 file, 5 errors."


def test_a_broken_definition_still_names_its_notion(runner: CliRunner, rules: Path) -> None:
    """A definition without its meaning is reported once; the conditions that use it
    are not said to use an unknown definition."""
    text = (rules / RULE.name).read_text(encoding="utf-8")
    meaning = re.search(r"\n    meaning: >-\n(?:      .*\n)+", text)
    assert meaning, "the rule has a definition with a folded meaning"
    (rules / RULE.name).write_text(text.replace(meaning.group(0), "\n", 1), encoding="utf-8")
    code, lines = _validate(runner, rules)
    assert code == 2
    assert [line for line in lines if "error[" in line and "missing-key" not in line] == []


def test_changing_days_flags_the_title_and_the_convention(runner: CliRunner,
                                                          rules: Path) -> None:
    text = (rules / RULE.name).read_text(encoding="utf-8")
    (rules / RULE.name).write_text(text.replace("days: 120", "days: 90"), encoding="utf-8")
    code, lines = _validate(runner, rules)
    assert code == 2
    stale = [line for line in lines if "error[stale-text]" in line]
    assert len(stale) == 4, lines
    assert any("the title says 120 days but the window has days: 90" in line for line in stale)
    assert any("'11 September 2017 gives 9 January 2018' does not match the windows:"
               " 11 September 2017 gives 10 December 2017" in line for line in stale)


def test_titles_and_conventions_updated_with_the_data_are_valid(runner: CliRunner,
                                                                rules: Path) -> None:
    text = (rules / RULE.name).read_text(encoding="utf-8")
    text = (text.replace("days: 120", "days: 90").replace("120 days", "90 days")
            .replace("120th day", "90th day").replace("gives 9 January 2018",
                                                      "gives 10 December 2017"))
    (rules / RULE.name).write_text(text, encoding="utf-8")
    assert _validate(runner, rules)[0] == 0


def test_the_catalogue_has_no_stale_text() -> None:
    for spec, doc in load_rule_specs([CATALOGUE_RULES]):
        assert list(stale_text(spec, doc)) == [], spec.id


def test_draft_says_so(runner: CliRunner, rules: Path) -> None:
    code, lines = _validate(runner, rules)
    assert (code, lines) == (0, ["1 rule file valid (draft: rules without rule tests are"
                                 " allowed)."])


def test_verify_quotes_says_where_official_texts_come_from(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "verify-quotes", "--help"])
    text = " ".join(result.output.split())
    assert "https://undocs.org/S/RES/2375(2017)" in text
    assert f"{official_name('S/RES/2375 (2017)')}.pdf" in text
    assert f"{official_name('S/RES/2375 (2017)', 'fr')}.txt" in text
    docs = " ".join((ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8").split())
    assert "https://undocs.org/S/RES/<number>(<year>)" in docs


def test_rules_list_shows_what_each_quote_rests_on(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "list"])
    header, *rows = result.output.splitlines()
    assert header.rstrip().endswith("wording seen in")
    row = next(r for r in rows if r.startswith("unscr-2375-op18 "))
    specs = {s.id: s for s, _ in load_rule_specs([CATALOGUE_RULES])}
    for text in specs["unscr-2375-op18"].provision.texts:
        if text.provenance is not None:
            assert f"{text.language}: {text.provenance.source.title}" in row
    summary_only = next(r for r in rows if r.startswith("unscr-1718-op8d "))
    assert summary_only.rstrip().endswith("-")
