"""The example cases, assessed at fixed dates, against golden JSON.

Regenerate after a deliberate change with ``UPDATE_GOLDEN=1 pytest
tests/test_examples.py`` and review the diff line by line.  File digests and the
tool version are left out of the comparison so an unrelated edit does not fail it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from compliance.engine.compile import Rulebook
from compliance.inputs.cases import load_case
from compliance.models.findings import Assessment
from compliance.pipeline import assess

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

RUNS = [
    ("dprk-internet-transit-2017", "2017-10-02"),
    ("dprk-internet-transit-2017", "2018-04-30"),
    ("star-jv", "2017-10-02"),
    ("star-jv", "2018-04-30"),
    ("koryolink", "2017-10-02"),
    ("koryolink", "2018-04-30"),
    ("koryolink", "2019-01-01"),
]


def _assessment(case: str, day: str, rulebook: Rulebook,
                readings: dict[str, str] | None = None) -> Assessment:
    loaded = load_case(ROOT / "cases" / f"{case}.yaml")
    return assess(loaded, rulebook, dt.date.fromisoformat(day), interpretations=readings)


def _stable(result: Assessment) -> dict[str, Any]:
    data = result.model_dump(mode="json")
    for key in ("tool_version", "case_sha256", "rulebook_sha256"):
        data.pop(key)
    data["rules"] = [{"id": r["id"], "version": r["version"]} for r in data["rules"]]
    return data


@pytest.mark.parametrize(("case", "day"), RUNS, ids=[f"{c}@{d}" for c, d in RUNS])
def test_golden(case: str, day: str, rulebook: Rulebook) -> None:
    actual = _stable(_assessment(case, day, rulebook))
    path = GOLDEN / f"{case}@{day}.json"
    if UPDATE:
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}; run with UPDATE_GOLDEN=1"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected


def _finding(result: Assessment, relationship: str, rule: str) -> Any:
    return next(f for f in result.findings
                if f.relationship == relationship and f.rule == rule)


def test_koryolink_over_time(rulebook: Rulebook) -> None:
    before = _finding(_assessment("koryolink", "2017-10-02", rulebook),
                      "koryolink-jv", "unscr-2375-op18")
    assert before.status == "wind_down"
    assert before.deadline == dt.date(2018, 1, 9)
    # A request was pending after 9 January 2018: whether that kept the venture lawful is
    # the named interpretation jv-pending-request, which has no default.
    pending = _finding(_assessment("koryolink", "2018-04-30", rulebook),
                       "koryolink-jv", "unscr-2375-op18")
    assert pending.status == "undetermined"
    assert [q.fact for q in pending.interpretive_questions] == [
        "interpretation.jv-pending-request"]
    only = _finding(_assessment("koryolink", "2018-04-30", rulebook,
                                {"jv-pending-request": "approval-only"}),
                    "koryolink-jv", "unscr-2375-op18")
    assert only.status == "prohibited"
    assert any("pending" in r for r in only.remarks)
    suspends = _finding(_assessment("koryolink", "2018-04-30", rulebook,
                                    {"jv-pending-request": "request-suspends-closure"}),
                        "koryolink-jv", "unscr-2375-op18")
    assert (suspends.status, suspends.deadline) == ("wind_down", None)
    after = _finding(_assessment("koryolink", "2019-01-01", rulebook),
                     "koryolink-jv", "unscr-2375-op18")
    assert after.status == "exempt"
    assert after.route is not None
    assert after.route.id == "committee-approval"
    assert any("no official document" in c for c in after.caveats)


def test_flagship_results(rulebook: Rulebook) -> None:
    result = _assessment("dprk-internet-transit-2017", "2017-10-02", rulebook)
    star = _finding(result, "star-jv-venture", "unscr-2375-op18")
    assert (star.status, star.deadline) == ("wind_down", dt.date(2018, 1, 9))
    for rel in ("ttk-star-jv-transit", "unicom-star-jv-transit"):
        finding = _finding(result, rel, "unscr-2375-op18")
        assert finding.status == "undetermined"
        assert "relationship.cooperative_entity" in {q.fact for q in finding.questions}


def test_star_jv_wind_down(rulebook: Rulebook) -> None:
    finding = _finding(_assessment("star-jv", "2017-10-02", rulebook),
                       "star-jv-venture", "unscr-2375-op18")
    assert (finding.status, finding.deadline) == ("wind_down", dt.date(2018, 1, 9))
