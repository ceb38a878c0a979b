"""Read YAML rule tests: small inline cases with the finding each rule must produce.

A rule-test file names one rule and lists tests.  Each test gives an assessment
date, a minimal case (the case-file schema; ``id`` and ``title`` may be left
out), optionally the readings of named interpretations it chooses, and, per
relationship, the expected status with optional details: deadline, route,
questions that must (or must not) be asked, questions of interpretation, the
readings relied on, the obligated States and their bases, caveats that must not
appear, and the status history.  Each test's case gets the same checks as a case
file (:func:`compliance.inputs.crosschecks.check_case`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator

from compliance.errors import Diagnostic, InvalidInputError, did_you_mean
from compliance.inputs.crosschecks import check_case, check_model
from compliance.inputs.documents import Document, load_path
from compliance.inputs.rulefiles import rule_files
from compliance.inputs.validation import validate
from compliance.models.case import Case
from compliance.models.common import CountryCode, Date, Id, Model, ShortText, Text
from compliance.models.findings import Status
from compliance.models.rules import JurisdictionBasis

TEST_CASE_ID = "rule-test"


class Period(Model):
    """One period of an expected status history (``to`` absent: to the assessment date)."""

    from_: Date = Field(alias="from")
    to: Date | None = None
    status: Status
    deadline: Date | None = None


class Expectation(Model):
    """What one relationship's finding must be."""

    status: Status
    deadline: Date | None = None
    """The last permitted day of a ``wind_down`` finding."""
    route: Id | None = None
    """The carve-out or exemption id of an ``exempt`` finding."""
    questions: tuple[ShortText, ...] | None = None
    """Fact paths that must be among the finding's questions."""
    not_questions: tuple[ShortText, ...] | None = None
    """Fact paths that must not be among the finding's questions (they cannot change it)."""
    interpretive_questions: tuple[Id, ...] | None = None
    """Named interpretations that must be among the finding's questions of interpretation."""
    relies_on: dict[Id, Id] | None = None
    """Readings the finding must say it rests on: interpretation id -> reading id."""
    states: tuple[CountryCode, ...] | None = None
    """The obligated States, exactly (order does not matter)."""
    state_bases: dict[CountryCode, tuple[JurisdictionBasis, ...]] | None = None
    """For each State named, exactly the jurisdictional bases that make it obligated."""
    caveats_exclude: tuple[ShortText, ...] | None = None
    """Words no caveat of the finding may contain (case-sensitive)."""
    history: tuple[Period, ...] | None = None
    """The status history, exactly, from the start of the test's window to its date."""
    ever: Status | None = None
    """A status the history must reach on some day of the window (e.g. a past act)."""


class RuleTest(Model):
    """One test: a date, an inline case and the expected findings.

    ``interpretations`` chooses readings of the rule's named interpretations, as a
    case file or ``--interpretation`` does (over the case's own choices).  The
    status history runs from ``since`` (default: the day the rule takes effect, or
    the assessment date if earlier) to ``as_of``.
    """

    name: ShortText
    as_of: Date
    since: Date | None = None
    interpretations: dict[Id, Id] = Field(default_factory=dict)
    case: Case
    expect: dict[Id, Expectation] = Field(min_length=1)
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _case_defaults(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("case"), dict):
            case = {"id": TEST_CASE_ID, "title": str(data.get("name") or "rule test"),
                    **data["case"]}
            return {**data, "case": case}
        return data


class RuleTestFile(Model):
    """A file of tests for one rule."""

    rule: Id
    tests: tuple[RuleTest, ...] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedTests:
    """A validated rule-test file and where it came from."""

    path: Path
    doc: Document
    spec: RuleTestFile

    @property
    def rule(self) -> str:
        return self.spec.rule


def rule_test_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their ``*.yaml`` test files, sorted (as for rule files)."""
    return rule_files(paths)


def load_rule_tests(paths: Iterable[Path]) -> list[LoadedTests]:
    """Load and validate rule-test files; raise every problem in every file at once."""
    loaded, problems = read_rule_tests(paths)
    if problems:
        raise InvalidInputError(problems)
    return loaded


def read_rule_tests(paths: Iterable[Path]) -> tuple[list[LoadedTests], list[Diagnostic]]:
    """The valid rule-test files and every problem of every file (never raises for content)."""
    paths = list(paths)
    loaded: list[LoadedTests] = []
    problems: list[Diagnostic] = []
    files = rule_test_files(paths)
    if not files:
        return [], [Diagnostic(str(paths[0]) if paths else ".", 1, 1, "no-tests",
                               "no rule-test files (*.yaml) found")]
    for path in files:
        try:
            doc = load_path(path)
            spec = validate(RuleTestFile, doc)
        except InvalidInputError as exc:
            problems.extend(exc.diagnostics)
            continue
        # Tests that share a case through a YAML alias report its problems once.
        problems.extend(dict.fromkeys(_check_tests(spec, doc)))
        loaded.append(LoadedTests(path, doc, spec))
    return loaded, problems


def _check_tests(spec: RuleTestFile, doc: Document) -> Iterator[Diagnostic]:
    """Every test's case gets the checks of a case file; expectations name its relationships."""
    for i, test in enumerate(spec.tests):
        loc = ("tests", i)
        yield from check_case(doc, (*loc, "case"))
        yield from check_model(test.case, doc, (*loc, "case"))
        relationships = {r.id for r in test.case.relationships}
        for rel_id in test.expect:
            if rel_id not in relationships:
                yield doc.diagnostic((*loc, "expect", rel_id), "unknown-relationship",
                                     f"'{rel_id}' is not a relationship id in this test's case"
                                     f"{did_you_mean(rel_id, relationships)}")


