"""Registers optional command groups (report, rules, schema) when their modules exist."""

from __future__ import annotations

import importlib

for _name in ("report", "rules", "schema"):
    try:
        importlib.import_module(f"compliance.cli.{_name}")
    except ModuleNotFoundError as exc:  # pragma: no cover - during development only
        if exc.name != f"compliance.cli.{_name}":
            raise
