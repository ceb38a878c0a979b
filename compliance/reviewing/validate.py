"""Validate a set of rule files at once, including checks that span several files.

Each file is loaded, validated and compiled on its own so that every problem in
every file is reported together.  The cross-file checks are: rule ids are unique,
every rule has a YAML rule test (``tests/<id>.yaml`` beside the ``rules/`` folder, with
``rule: <id>``),
and every rule test names a rule that exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compliance.engine.compile import compile_rule
from compliance.errors import Diagnostic, InvalidInputError, did_you_mean
from compliance.inputs.documents import Document, load_path
from compliance.inputs.loading import rule_files
from compliance.inputs.validation import validate
from compliance.models.rules import RuleSpec


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


@dataclass(frozen=True)
class RuleTest:
    """A YAML rule test file and the rule id it names (``rule: <id>``)."""

    path: Path
    doc: Document
    rule: str


def project_root(paths: Sequence[Path]) -> Path:
    """The directory holding the ``rules/`` tree the paths belong to.

    The nearest ancestor named ``rules`` decides; otherwise the parent of the
    first path (or the current directory).

    >>> project_root([Path("catalogue/rules/unscr/a.yaml")]).as_posix()
    'catalogue'
    """
    first = paths[0] if paths else Path("rules")
    for candidate in (first, *first.parents):
        if candidate.name == "rules":
            return candidate.parent
    return first.parent


def default_tests_dir(paths: Sequence[Path]) -> Path:
    """``<root>/tests`` for rule paths under ``<root>/rules`` (the catalogue's layout)."""
    return project_root(paths) / "tests"


def load_rule_tests(tests_dir: Path) -> list[RuleTest]:
    """Read the ``rule:`` key of every YAML rule test under ``tests_dir``.

    Files that do not parse, or have no string ``rule`` key, are skipped here;
    ``compliance rules test`` reports them.
    """
    if not tests_dir.is_dir():
        return []
    found = []
    for path in rule_files([tests_dir]):
        try:
            doc = load_path(path)
        except InvalidInputError:
            continue
        rule = doc.data.get("rule") if isinstance(doc.data, dict) else None
        if isinstance(rule, str):
            found.append(RuleTest(path, doc, rule))
    return found


def validate_rules(paths: Sequence[Path], tests_dir: Path | None = None, *,
                   require_tests: bool = True) -> ValidationReport:
    """Validate every rule file under ``paths``; never raises for file content.

    Args:
        paths: rule files or directories of rule files.
        tests_dir: where YAML rule tests live; default ``<root>/tests``.
        require_tests: report rules that have no rule test.
    """
    report = ValidationReport(files=rule_files(paths))
    if not report.files:
        shown = str(paths[0]) if paths else "."
        report.diagnostics.append(Diagnostic(shown, 1, 1, "no-rules",
                                             "no rule files (*.yaml) found; expected a"
                                             " directory such as rules/"))
        return report
    for path in report.files:
        report.diagnostics.extend(_check_file(path, report.specs))
    report.diagnostics.extend(_duplicate_ids(report.specs))
    tests = load_rule_tests(tests_dir or default_tests_dir(paths))
    ids = {spec.id for spec, _ in report.specs}
    if require_tests:
        report.diagnostics.extend(_untested(report.specs, tests,
                                            tests_dir or default_tests_dir(paths)))
    if paths and all(p.is_dir() for p in paths) and not _has_file_errors(report):
        report.diagnostics.extend(_dangling_tests(tests, ids))
    report.diagnostics.sort()
    return report


def _has_file_errors(report: ValidationReport) -> bool:
    # A rule file that does not validate has no id; tests naming it are not dangling.
    return len(report.specs) < len(report.files)


def _check_file(path: Path, specs: list[tuple[RuleSpec, Document]]) -> list[Diagnostic]:
    try:
        doc = load_path(path)
        spec = validate(RuleSpec, doc)
    except InvalidInputError as exc:
        return list(exc.diagnostics)
    specs.append((spec, doc))
    problems = list(_local_ids(spec, doc))
    try:
        compile_rule(spec, doc)
    except InvalidInputError as exc:
        problems.extend(exc.diagnostics)
    stem = path.stem
    if stem != spec.id:
        problems.append(doc.diagnostic(("id",), "id-mismatch",
                                       f"rule id '{spec.id}' differs from the file name"
                                       f" '{path.name}'; expected the file to be named"
                                       f" {spec.id}.yaml"))
    return problems


def _local_ids(spec: RuleSpec, doc: Document) -> Iterator[Diagnostic]:
    """Carve-out, exemption and window ids must be unique within a rule."""
    seen: dict[str, tuple[str | int, ...]] = {}
    groups: list[tuple[tuple[str | int, ...], Iterable[Any]]] = [
        (("carve_outs",), spec.carve_outs), (("exemptions",), spec.exemptions)]
    if spec.wind_down is not None:
        groups.append((("wind_down", "windows"), spec.wind_down.windows))
    for loc, items in groups:
        for i, item in enumerate(items):
            here = (*loc, i, "id")
            if item.id in seen:
                line, _ = doc.locate(seen[item.id])
                yield doc.diagnostic(here, "duplicate-id",
                                     f"id '{item.id}' is already used at line {line};"
                                     " expected unique carve-out, exemption and window ids")
            else:
                seen[item.id] = here


def _duplicate_ids(specs: Sequence[tuple[RuleSpec, Document]]) -> Iterator[Diagnostic]:
    first: dict[str, Document] = {}
    for spec, doc in specs:
        if spec.id in first:
            other = first[spec.id]
            line, col = other.locate(("id",))
            yield doc.diagnostic(("id",), "duplicate-id",
                                 f"rule id '{spec.id}' is also used at"
                                 f" {other.path}:{line}:{col}; expected unique rule ids")
        else:
            first[spec.id] = doc


def _untested(specs: Sequence[tuple[RuleSpec, Document]], tests: Sequence[RuleTest],
              tests_dir: Path) -> Iterator[Diagnostic]:
    tested = {t.rule for t in tests}
    for spec, doc in specs:
        if spec.id not in tested:
            yield doc.diagnostic(("id",), "missing-tests",
                                 f"rule '{spec.id}' has no rule test; expected"
                                 f" {tests_dir / (spec.id + '.yaml')} with 'rule: {spec.id}'"
                                 " and at least one test")


def _dangling_tests(tests: Sequence[RuleTest], ids: set[str]) -> Iterator[Diagnostic]:
    for test in tests:
        if test.rule not in ids:
            yield test.doc.diagnostic(("rule",), "unknown-rule",
                                      f"'{test.rule}' is not a rule id"
                                      f"{did_you_mean(test.rule, ids)}; expected the id of a"
                                      " rule file under rules/")
