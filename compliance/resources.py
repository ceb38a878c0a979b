"""Where the installed package keeps its data: the rule catalogue and the report templates.

Everything is read through :mod:`importlib.resources`, so a wheel installed
anywhere finds its own rules, rule tests, templates and fonts, and never a
folder that happens to be in the current directory.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_path(*parts: str) -> Path:
    """The installed file or folder ``compliance/<parts>`` as a real path.

    The package is always installed unpacked (it is not zip-safe: WeasyPrint
    reads fonts and stylesheets by path).
    """
    resource = files("compliance").joinpath(*parts)
    if not isinstance(resource, Path):  # pragma: no cover - a zipped install
        raise RuntimeError(f"compliance must be installed unpacked; {resource} is not a path")
    return resource


CATALOGUE = package_path("catalogue")
"""The shipped catalogue: ``rules/`` (one YAML file per provision) and ``tests/``."""
CATALOGUE_RULES = CATALOGUE / "rules"
CATALOGUE_TESTS = CATALOGUE / "tests"
TEMPLATES = package_path("render", "templates")
"""The report templates, stylesheet and bundled fonts (the only files a render reads)."""
