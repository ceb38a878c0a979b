"""Validate a set of rule files at once, including checks that span files and tests.

Each file goes through exactly the checks ``compliance check`` applies when it
loads a catalogue (:func:`compliance.pipeline.check_rules`); on top of those,
every rule must have YAML rule tests (``tests/<id>.yaml`` beside the ``rules/``
folder, with ``rule: <id>``), the rule tests themselves must be valid, and every
rule test must name a rule that exists.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from compliance.errors import Diagnostic, did_you_mean
from compliance.inputs.documents import Document
from compliance.inputs.rulefiles import catalogue_root
from compliance.inputs.ruletests import LoadedTests, read_rule_tests, rule_test_files
from compliance.models.rules import RuleSpec
from compliance.pipeline import check_rules


@dataclass
class ValidationReport:
    """What :func:`validate_rules` found: the files read and every problem."""

    files: list[Path] = field(default_factory=list)
    specs: list[tuple[RuleSpec, Document]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(d.severity == "error" for d in self.diagnostics)


project_root = catalogue_root


def default_tests_dir(paths: Sequence[Path]) -> Path:
    """``<root>/tests`` for rule paths under ``<root>/rules`` (the catalogue's layout)."""
    return project_root(paths) / "tests"


def validate_rules(paths: Sequence[Path], tests_dir: Path | None = None, *,
                   require_tests: bool = True) -> ValidationReport:
    """Validate every rule file under ``paths``; never raises for file content.

    Args:
        paths: rule files or directories of rule files.
        tests_dir: where YAML rule tests live; default ``<root>/tests``.
        require_tests: report rules that have no rule test (off for drafts).
    """
    checked = check_rules(paths)
    report = ValidationReport(checked.files, checked.specs, list(checked.diagnostics))
    if not report.files:
        return report
    folder = tests_dir or default_tests_dir(paths)
    tests: list[LoadedTests] = []
    if folder.is_dir() and rule_test_files([folder]):
        tests, problems = read_rule_tests([folder])
        report.diagnostics.extend(problems)
    ids = {spec.id for spec, _ in report.specs}
    if require_tests:
        report.diagnostics.extend(_untested(report.specs, tests, folder))
    if paths and all(p.is_dir() for p in paths) and len(report.specs) == len(report.files):
        # A rule file that does not validate has no id; tests naming it are not dangling.
        report.diagnostics.extend(_dangling_tests(tests, ids))
    report.diagnostics.sort()
    return report


def _untested(specs: Sequence[tuple[RuleSpec, Document]], tests: Sequence[LoadedTests],
              tests_dir: Path) -> Iterator[Diagnostic]:
    tested = {t.rule for t in tests}
    for spec, doc in specs:
        if spec.id not in tested:
            yield doc.diagnostic(("id",), "missing-tests",
                                 f"rule '{spec.id}' has no rule test; expected"
                                 f" {tests_dir / (spec.id + '.yaml')} with 'rule: {spec.id}'"
                                 " and at least one test (or validate it with --draft)")


def _dangling_tests(tests: Sequence[LoadedTests], ids: set[str]) -> Iterator[Diagnostic]:
    for test in tests:
        if test.rule not in ids:
            yield test.doc.diagnostic(("rule",), "unknown-rule",
                                      f"'{test.rule}' is not a rule id"
                                      f"{did_you_mean(test.rule, ids)}; expected the id of a"
                                      " rule file under rules/")
