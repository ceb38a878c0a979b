"""`compliance rules list` and `compliance rules show`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from compliance.cli import app
from compliance.inputs.rulefiles import load_rule_specs
from compliance.reviewing.catalogue import catalogue, fixed_deadlines

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "compliance" / "catalogue" / "rules"
RULE = ROOT / "compliance" / "catalogue" / "rules" / "unscr" / "unscr-2375-op18.yaml"


SEEN_IN = ("en: China implements UNSC resolution 2375 (press report quoting the resolution)"
           " (Xinde Marine News); fr: La Chine ordonne la fermeture des entreprises"
           " nord-coréennes sur son territoire (Association d'amitié franco-coréenne)")
"""What the quotations of para. 18 rest on: the copies they were seen in."""


def test_deadline_counts_from_adoption_only() -> None:
    (spec, _doc), = load_rule_specs([RULE])
    # The from-denial window starts on a relationship fact, so it has no fixed deadline.
    assert fixed_deadlines(spec) == (("from-adoption", dt.date(2018, 1, 9)),)
    row, = catalogue([spec])
    assert row.cells() == ("unscr-2375-op18", "S/RES/2375 (2017)", "18", "2017-09-11",
                           "2018-01-09 (from-adoption)", "secondary (en, excerpt); secondary (fr)",
                           "official_reproduction", SEEN_IN)


def test_list_is_plain_aligned_text_when_piped(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "list", "--rules", str(RULE)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "id               instrument         para.  in force from  deadlines"
        "                   wording                                  para. no.              "
        "wording seen in",
        "unscr-2375-op18  S/RES/2375 (2017)  18     2017-09-11     2018-01-09 (from-adoption)"
        "  secondary (en, excerpt); secondary (fr)  official_reproduction  " + SEEN_IN,
    ]


def test_list_covers_every_shipped_rule(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "list", "--rules", str(RULES)])
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.splitlines()[1:]}
    shipped = {spec.id for spec, _ in load_rule_specs([RULES])}
    assert listed == shipped


def test_show_labels_quotes_and_summaries(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "show", "unscr-2375-op18", "--rules", str(RULE)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("unscr-2375-op18 (version 2): Joint ventures")
    assert ("provision:     S/RES/2375 (2017), para. 18 (paragraph number in"
            " an official reproduction)") in out
    assert ("  - Excerpt (first clause). English"
            " wording as reproduced in China implements UNSC resolution 2375 (press report"
            " quoting the resolution) (Xinde Marine News) (a secondary copy); not checked"
            " against the official UN text") in out
    assert ("  - Summary, not the wording of the resolution (en); basis: Paraphrase") in out
    assert ("  - from-adoption: 120 days from provision.adopted;"
            " last permitted day 2018-01-09") in out
    assert "  - from-denial: 120 days from relationship.committee_approval.decided_on\n" in out
    assert "  - committee-approval: Prior approval of this joint venture or cooperative" in out


def test_show_unknown_id_suggests_the_closest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "show", "unscr-2375-op8", "--rules", str(RULE)])
    assert result.exit_code == 2
    assert result.output == ("error: 'unscr-2375-op8' is not a rule id; did you mean"
                             " 'unscr-2375-op18'?\n")
    assert "Traceback" not in result.output
