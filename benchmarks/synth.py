"""Seeded synthetic case data for the benchmarks: parties, sources and relationships.

Everything is plain JSON-compatible data (dates as ISO strings), so the same
case can be written as YAML, JSON or a case plus a JSON Lines file.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import yaml

KINDS = ["joint_venture", "cooperative_entity", "internet_transit", "peering",
         "interconnection", "roaming", "equipment_supply", "managed_service",
         "technical_cooperation", "training", "employment", "financing", "hosting", "other"]
COUNTRIES = ["KP", "KP", "RU", "CN", "TH", "HK", "DE", "EG", "MY", "SG"]
ROLES = ["partner", "provider", "customer", "peer", "supplier", "recipient"]
SOURCES = [f"src-{i}" for i in range(8)]
QUOTE = ("the arrangement was described by the operator in a statement to the press as"
         " a long-standing technical cooperation with its counterpart")


def _day(rng: random.Random, first: int = 2005, last: int = 2024) -> str:
    start = dt.date(first, 1, 1).toordinal()
    end = dt.date(last, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end)).isoformat()


def _evidence(rng: random.Random, rich: bool) -> list[dict[str, Any]]:
    if not rich:
        return []
    return [{"source": rng.choice(SOURCES), "quote": QUOTE, "locator": f"p. {rng.randint(1, 40)}"}]


def _fact(rng: random.Random, value: Any, rich: bool, known: float = 0.7) -> Any:
    if rng.random() > known:
        return "unknown"
    if not rich:
        return value
    return {"value": value, "evidence": _evidence(rng, rich)}


def _date_fact(rng: random.Random, rich: bool) -> Any:
    r = rng.random()
    if r < 0.2:
        return "unknown"
    if r < 0.6:
        out: dict[str, Any] = {"value": _day(rng)}
    else:
        a, b = sorted((_day(rng), _day(rng)))
        out = {"earliest": a, "latest": b} if rng.random() < 0.5 else {"earliest": a}
    if rich:
        out["evidence"] = _evidence(rng, rich)
    return out


def _bounds(fact: Any) -> tuple[str | None, str | None]:
    if isinstance(fact, str):
        return (None, None) if fact == "unknown" else (fact, fact)
    if "value" in fact:
        return fact["value"], fact["value"]
    return fact.get("earliest"), fact.get("latest")


def _first(fact: Any) -> str:
    lo, hi = _bounds(fact)
    return lo or hi or "2005-01-01"


def _certainly_before(end: Any, start: Any) -> bool:
    lo, _ = _bounds(start)
    _, hi = _bounds(end)
    return lo is not None and hi is not None and hi < lo


def parties(rng: random.Random, n: int = 60, rich: bool = False) -> list[dict[str, Any]]:
    """``n`` parties; some are owned by others with known or unknown shares."""
    out = []
    for i in range(n):
        party: dict[str, Any] = {
            "id": f"p{i}", "name": f"Party {i} Telecommunications",
            "kind": rng.choice(["company", "state_owned_enterprise", "joint_venture"]),
            "country": _fact(rng, rng.choice(COUNTRIES), rich, known=0.85),
            "state_owned": _fact(rng, rng.random() < 0.4, rich, known=0.6),
        }
        if i > 2 and rng.random() < 0.4:
            owners = rng.sample(range(i), k=min(i, rng.randint(1, 2)))
            left = 100  # shares of one party add up to at most 100%
            holdings = []
            for j in owners:
                share = rng.choice([s for s in (10, 30, 50, 70, 100) if s <= left])
                left -= share
                holdings.append({"owner": f"p{j}",
                                 "share": _fact(rng, float(share), rich, known=0.7)})
                if not left:
                    break
            party["owners"] = holdings
        if rich:
            party["evidence"] = _evidence(rng, rich)
        out.append(party)
    return out


def relationship(rng: random.Random, i: int, n_parties: int, rich: bool = False
                 ) -> dict[str, Any]:
    """One relationship between 2-3 of the parties ``p0`` .. ``p{n_parties - 1}``."""
    chosen = rng.sample(range(n_parties), k=rng.choice([2, 2, 2, 3]))
    approval: dict[str, Any] = {}
    status = rng.choice(["approved", "pending", "denied", "none", None, None])
    if status is not None:
        approval["status"] = status
        approval["requested_on"] = _date_fact(rng, False)
        if status in ("approved", "denied"):
            approval["decided_on"] = _date_fact(rng, False)
    start = _date_fact(rng, rich)
    end = _date_fact(rng, rich) if rng.random() < 0.5 else "unknown"
    if _certainly_before(end, start):
        end = {"earliest": _first(start)}
    kind = rng.choice(KINDS)
    if rng.random() < 0.1:  # a one-off act: a shipment on one day
        kind, day = "equipment_supply", _day(rng)
        start = end = {"value": day, "evidence": _evidence(rng, rich)} if rich else day
    rel: dict[str, Any] = {
        "id": f"r{i}",
        "kind": kind,
        "parties": [{"party": f"p{j}", "role": rng.choice(ROLES)} for j in chosen],
        "start": start,
        "end": end,
        "attributes": {
            "cooperative_entity": _fact(rng, rng.random() < 0.3, rich, known=0.5),
            "commercial": _fact(rng, rng.random() < 0.7, rich, known=0.5),
            "named_project": _fact(rng, rng.choice(["none", "rajin-khasan"]), rich, known=0.5),
            "committee_approval": approval,
        },
    }
    if kind == "equipment_supply":
        rel["attributes"]["hs_codes"] = _fact(rng, rng.choice([["8517.62"], ["8471.30"],
                                                               ["9001.10"]]), rich, known=0.8)
    if rng.random() < 0.3:  # a well-documented relationship: its decisive facts are known
        attributes = rel["attributes"]
        attributes["cooperative_entity"] = _fact(rng, rng.random() < 0.5, rich, known=1.0)
        attributes["named_project"] = _fact(rng, "none", rich, known=1.0)
        attributes["committee_approval"] = {"status": rng.choice(["none", "none", "approved"]),
                                            "decided_on": _day(rng, 2016, 2019)}
        rel["start"] = _fact(rng, _day(rng, 2005, 2019), rich, known=1.0)
        if rel["end"] != rel["start"]:
            rel["end"] = {"earliest": "2030-01-01"}
    if rich:
        rel["title"] = f"Relationship {i}"
        rel["description"] = "A synthetic relationship. " * 4
        rel["evidence"] = _evidence(rng, rich)
    return rel


def case(n: int, seed: int = 1234, rich: bool = False, n_parties: int = 60
         ) -> dict[str, Any]:
    """A whole case with ``n`` relationships inline."""
    rng = random.Random(seed)
    return {
        "id": "synthetic-case",
        "title": "Synthetic case for benchmarks",
        "as_of": "2018-03-01",
        "sources": [{"id": s, "title": f"Source {s}", "publisher": "A publisher",
                     "kind": "press"} for s in SOURCES],
        "parties": parties(rng, n_parties, rich),
        "relationships": [relationship(rng, i, n_parties, rich) for i in range(n)],
    }


def write_yaml(data: dict[str, Any], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                  sort_keys=False, allow_unicode=True, width=100)


def write_jsonl_case(data: dict[str, Any], directory: Path, name: str = "case") -> Path:
    """Write the case as ``<name>.yaml`` plus ``<name>.jsonl`` for the relationships."""
    head = {k: v for k, v in data.items() if k != "relationships"}
    head["relationships_file"] = f"{name}.jsonl"
    with (directory / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
        for rel in data["relationships"]:
            handle.write(json.dumps(rel) + "\n")
    path = directory / f"{name}.yaml"
    write_yaml(head, path)
    return path
