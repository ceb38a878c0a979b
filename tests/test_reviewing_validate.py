"""`compliance rules validate`: every problem in every rule file, with cross-file checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compliance.cli import app
from compliance.resources import CATALOGUE_TESTS
from compliance.reviewing.validate import default_tests_dir, project_root, validate_rules

ROOT = Path(__file__).resolve().parents[1]
RULE = ROOT / "compliance" / "catalogue" / "rules" / "unscr" / "unscr-2375-op18.yaml"
RULE_ID = "unscr-2375-op18"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one valid rule and its rule test."""
    (tmp_path / "rules" / "unscr").mkdir(parents=True)
    shutil.copy(RULE, tmp_path / "rules" / "unscr" / RULE.name)
    (tmp_path / "tests").mkdir(parents=True)
    shutil.copy(CATALOGUE_TESTS / f"{RULE_ID}.yaml", tmp_path / "tests" / f"{RULE_ID}.yaml")
    return tmp_path


def position(path: Path, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``needle`` (plus ``offset`` characters) in ``path``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1 + offset
    raise AssertionError(f"{needle!r} not in {path}")


def run(runner: CliRunner, project: Path, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["rules", "validate", str(project / "rules"), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


def test_valid_project_exits_0(runner: CliRunner, project: Path) -> None:
    code, lines = run(runner, project)
    assert (code, lines) == (0, ["1 rule file valid."])


def test_default_tests_dir_is_next_to_rules(project: Path) -> None:
    rules = project / "rules" / "unscr" / RULE.name
    assert project_root([rules]) == project
    assert default_tests_dir([project / "rules"]) == project / "tests"


def test_every_problem_in_every_file_at_once(runner: CliRunner, project: Path) -> None:
    text = RULE.read_text(encoding="utf-8")
    first = project / "rules" / "unscr" / RULE.name
    first.write_text(text.replace("\ntitle: Joint", "\ntitel: Joint", 1), encoding="utf-8")
    second = project / "rules" / "unscr" / "unscr-9999-op1.yaml"
    second.write_text(text.replace(f"id: {RULE_ID}", "id: unscr-9999-op1")
                          .replace("fact: relationship.kind\n", "fact: relationship.kinds\n", 1),
                       encoding="utf-8")
    broken = project / "rules" / "unscr" / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    code, lines = run(runner, project)
    key_line, key_col = position(first, "titel:")
    fact_line, fact_col = position(second, "fact: relationship.kinds", len("fact: "))
    id_line, id_col = position(second, "id: unscr-9999-op1", len("id: "))
    assert code == 2
    assert lines[-1] == "3 files, 5 errors."
    assert lines[0].startswith(f"{broken}:2:1: error[yaml-syntax]: "), lines[0]
    assert lines[1:-1] == [
        f"{first}:2:1: error[missing-key]: 'title' is required here; add it, e.g. title: ...",
        f"{first}:{key_line}:{key_col}: error[unknown-key]: unknown key 'titel'; did you mean"
        " 'title'?",
        f"{second}:{id_line}:{id_col}: error[missing-tests]: rule 'unscr-9999-op1' has no rule"
        f" test; expected {project / 'tests' / 'unscr-9999-op1.yaml'} with"
        " 'rule: unscr-9999-op1' and at least one test (or validate it with --draft)",
        f"{second}:{fact_line}:{fact_col}: error[unknown-fact]: 'relationship.kinds' is not a"
        " fact path; did you mean 'relationship.kind'?; see docs/case-format.md for the list",
    ], lines


def test_duplicate_rule_ids_across_files(runner: CliRunner, project: Path) -> None:
    copy = project / "rules" / "copy.yaml"
    shutil.copy(RULE, copy)
    code, lines = run(runner, project)
    original = project / "rules" / "unscr" / RULE.name
    line, col = position(original, f"id: {RULE_ID}", len("id: "))
    assert code == 2
    # Files are read in sorted order, so the copy comes first and the original clashes.
    assert lines == [
        f"{copy}:{line}:{col}: error[id-mismatch]: rule id '{RULE_ID}' differs from the file"
        f" name 'copy.yaml'; expected the file to be named {RULE_ID}.yaml",
        f"{original}:{line}:{col}: error[duplicate-id]: rule id '{RULE_ID}' is also used at"
        f" {copy}:{line}:{col}; expected unique rule ids",
        "2 files, 2 errors.",
    ]


def test_rule_without_tests(runner: CliRunner, project: Path) -> None:
    (project / "tests" / f"{RULE_ID}.yaml").unlink()
    code, lines = run(runner, project)
    rule = project / "rules" / "unscr" / RULE.name
    line, col = position(rule, f"id: {RULE_ID}", len("id: "))
    assert code == 2
    assert lines[0] == (f"{rule}:{line}:{col}: error[missing-tests]: rule '{RULE_ID}' has no"
                        f" rule test; expected {project / 'tests' / RULE.name} with"
                        f" 'rule: {RULE_ID}' and at least one test (or validate it with"
                        " --draft)")


def test_a_draft_rule_validates_without_tests(runner: CliRunner, project: Path) -> None:
    (project / "tests" / f"{RULE_ID}.yaml").unlink()
    assert run(runner, project)[0] == 2
    assert run(runner, project, "--draft") == (
        0, ["1 rule file valid (draft: rules without rule tests are allowed)."])


def test_rule_tests_get_the_case_checks(runner: CliRunner, project: Path) -> None:
    tests = project / "tests" / f"{RULE_ID}.yaml"
    text = tests.read_text(encoding="utf-8")
    tests.write_text(text.replace("{party: kp, role: partner}", "{party: kpx, role: partner}", 1),
                     encoding="utf-8")
    code, lines = run(runner, project)
    line, col = position(tests, "{party: kpx", len("{party: "))
    assert (code, lines) == (2, [
        f"{tests}:{line}:{col}: error[unknown-party]: 'kpx' is not a party id in this case;"
        " did you mean 'kp'?", "1 file, 1 error."])


def test_tests_option_points_elsewhere(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "tests", elsewhere)
    assert run(runner, project)[0] == 2
    assert run(runner, project, "--tests", str(elsewhere)) == (0, ["1 rule file valid."])


def test_rule_test_naming_no_rule_gets_did_you_mean(runner: CliRunner, project: Path) -> None:
    stray = project / "tests" / "typo.yaml"
    stray.write_text((CATALOGUE_TESTS / f"{RULE_ID}.yaml").read_text(encoding="utf-8")
                     .replace(f"rule: {RULE_ID}", "rule: unscr-2375-op81"), encoding="utf-8")
    code, lines = run(runner, project)
    line, col = position(stray, "rule: unscr-2375-op81", len("rule: "))
    assert code == 2
    assert lines == [
        f"{stray}:{line}:{col}: error[unknown-rule]: 'unscr-2375-op81' is not a rule id;"
        f" did you mean '{RULE_ID}'?; expected the id of a rule file under rules/",
        "1 file, 1 error.",
    ]


def test_unsourced_quote_is_reported(project: Path) -> None:
    rule = project / "rules" / "unscr" / RULE.name
    text = rule.read_text(encoding="utf-8")
    start = text.index("      excerpt: true\n      provenance:\n        level: secondary\n"
                       "        source:\n          title: China implements")
    end = text.index("    - kind: quote\n      language: fr")
    rule.write_text(text[:start] + text[end:], encoding="utf-8")
    report = validate_rules([project / "rules"])
    assert [d.code for d in report.diagnostics] == ["unsourced-quote"]
    assert "must be a summary" in report.diagnostics[0].message


def test_an_elided_quote_must_say_it_is_an_excerpt(project: Path) -> None:
    rule = project / "rules" / "unscr" / RULE.name
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace("whether or not acting for or on\n", "whether or not ...\n", 1)
                    .replace("      excerpt: true\n", "", 1), encoding="utf-8")
    report = validate_rules([project / "rules"])
    assert [d.code for d in report.diagnostics] == ["elision-not-excerpt"]


def test_no_rule_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["rules", "validate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (f"{tmp_path}:1:1: error[no-rules]: no rule files"
                                             " (*.yaml) found; expected a directory such as"
                                             " compliance/catalogue/rules")
