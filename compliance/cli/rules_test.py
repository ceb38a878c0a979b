"""``compliance rules test``: run the YAML rule tests and report coverage.

Exit status: 0 when every test passes, 1 when one fails, 2 for invalid files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from compliance.cli.common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    RULES_HELP,
    default_rules_dir,
    echo,
    path_arg,
    reported_errors,
)
from compliance.cli.rules import rules_app
from compliance.pipeline import load_rulebook

if TYPE_CHECKING:
    from compliance.reviewing.ruletests import RuleTestResult


def default_tests_dir(rules: list[Path] | None) -> Path:
    """The ``tests/`` folder beside the rules folder (the installed catalogue's by default)."""
    from compliance.reviewing.validate import default_tests_dir as beside

    return beside(rules or [default_rules_dir()])


@rules_app.command("test")
def run_rule_tests(
    paths: list[Path] = typer.Argument(None, parser=path_arg, help="Rule-test files or directories."
                                       " [default: the tests/ folder beside the rules]",
                                       show_default=False),
    keyword: str = typer.Option(None, "-k", metavar="EXPR",
                                help="Run only tests whose 'rule-id::name' contains EXPR."),
    rules: list[Path] = typer.Option(None, "--rules", "-r",
                                     parser=path_arg, help=RULES_HELP),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for input errors."),
) -> None:
    """Run YAML rule tests: expected against actual findings, then coverage.

    Exit status: 0 when all tests pass, 1 when a test fails, 2 for invalid files.
    """
    from compliance.inputs.ruletests import load_rule_tests
    from compliance.reviewing.ruletests import (  # 10 ms, so only this command imports it
        available,
        check_rules_exist,
        coverage,
        rule_by_id,
        run_all,
    )

    with reported_errors(debug):
        rulebook = load_rulebook(rules or None)
        files = load_rule_tests(paths or [default_tests_dir(rules)])
        check_rules_exist(files, rulebook)
        results = run_all(files, rulebook, keyword)
    if not results:
        echo(f"no rule tests match -k {keyword!r}", err=True)
        raise typer.Exit(EXIT_INVALID)
    failed = [r for r in results if not r.passed]
    for result in failed:
        _print_failure(result)
    echo("coverage:")
    tested = {r.rule for r in results}
    for rule_id, cov in sorted(coverage(results, rulebook).items()):
        if keyword and rule_id not in tested:
            continue
        routes, windows = available(rule_by_id(rulebook, rule_id))
        echo(f"  {rule_id}: {cov.tests} tests; statuses: "
                   f"{', '.join(sorted(cov.statuses)) or 'none'}"
                   + _exercised("routes", cov.routes, routes)
                   + _exercised("windows", cov.windows, windows))
    passed = len(results) - len(failed)
    echo(f"{passed} passed, {len(failed)} failed ({len(results)} tests,"
               f" {len(tested)} rules)")
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _exercised(label: str, seen: set[str], defined: set[str]) -> str:
    if not defined:
        return ""
    missing = sorted(defined - seen)
    text = f"; {label}: {len(defined & seen)}/{len(defined)}"
    return text + (f" (not exercised: {', '.join(missing)})" if missing else "")


def _print_failure(result: RuleTestResult) -> None:
    echo(f"FAILED {result.test_id} ({result.path})")
    for m in result.mismatches:
        echo(f"  {m.relationship}: {m.field}")
        echo(f"    - expected: {m.expected}")
        echo(f"    + actual:   {m.actual}")
        finding = result.findings.get(m.relationship)
        if finding is not None and m.field == "status":
            echo(f"    reason: {finding.reason}")
